/**
 * `fintwin serve --eko-gateway-errors json` reaches the simulator and every sandbox it makes:
 * Eko's gateway answers are APIcast's plain text by default and the JSON form under the flag.
 */
import { describe, expect, it } from 'vitest'
import { runCli } from '../../mocks/cli/main.js'

async function serve(args: string[]) {
  const out: string[] = []
  const running = await runCli(['--port', '0', '--host', '127.0.0.1', '--quiet', ...args], {
    stdout: (t: string) => void out.push(t),
    stderr: (t: string) => void out.push(t),
    env: {},
  })
  if (typeof running === 'number') throw new Error(`runCli exited ${running}: ${out.join('')}`)
  return running
}

async function unknownEkoPath(base: string) {
  const response = await fetch(`${base}/ekoapi/v3/no/such/api`, { method: 'POST' })
  return { type: response.headers.get('content-type'), text: await response.text() }
}

describe('--eko-gateway-errors', () => {
  it('text by default; json answers the JSON form, in a new sandbox too', async () => {
    const plain = await serve([])
    try {
      expect(await unknownEkoPath(plain.url)).toEqual({
        type: 'text/plain; charset=us-ascii',
        text: 'No Mapping Rule matched',
      })
    } finally {
      await plain.close()
    }
    const json = await serve(['--eko-gateway-errors', 'json'])
    try {
      const expected = { status: 404, message: 'No mapping rule matched', response_status_id: 1 }
      const direct = await unknownEkoPath(json.url)
      expect(direct.type).toBe('application/json')
      expect(JSON.parse(direct.text)).toEqual(expected)
      const created = await fetch(`${json.url}/__sim/sandboxes`, { method: 'POST' })
      expect(created.status).toBe(201)
      const { base_url } = (await created.json()) as { base_url: string }
      const inSandbox = await unknownEkoPath(base_url)
      expect(inSandbox.type).toBe('application/json')
      expect(JSON.parse(inSandbox.text)).toEqual(expected)
    } finally {
      await json.close()
    }
  })
})
