/**
 * Bench-only child: the machine's limit. Bare `node:http` answering every request with the same
 * canned JSON body (read the request body, write a 200): no routing, no validation, no state.
 * Prints {type:'ready', url} (IPC when available, else a stdout line).
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

const BODY = Buffer.from(
  JSON.stringify({
    status: 0,
    message: 'ok',
    response_status_id: 0,
    data: { client_id: 'ckyc_canned', otp_sent: true },
  }),
)
const HEADERS = { 'content-type': 'application/json', 'content-length': String(BODY.length) }

const server = createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    res.writeHead(200, HEADERS)
    res.end(BODY)
  })
})
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo
  const message = { type: 'ready', url: `http://127.0.0.1:${port}` }
  if (process.send) process.send(message)
  else process.stdout.write(`${JSON.stringify(message)}\n`)
})
process.on('disconnect', () => process.exit(0))
process.on('SIGTERM', () => process.exit(0))
