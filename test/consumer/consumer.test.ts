/**
 * fintwin as an app gets it: the README's own install commands pack this repository and install
 * the tarball into a scratch project outside it, which already has its own msw (2.7.0, the
 * lowest the peer range allows, while this repository develops on the newest 2.x), vitest and
 * Node's types. Then, with plain Node and no TypeScript tooling: every entry point, a Surepass
 * flow through the app's msw, an Eko flow with the SDK against `npx fintwin serve`, the types
 * under a strict compiler, and every snippet of the README's "Use fintwin in your project".
 *
 * One install, from the npm cache when it can (`npm ci` has just filled it); the scratch
 * project is removed afterwards.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../support/spawn-cli.js'
import { readmeSnippets, type Snippet } from './readme-snippets.js'

/** The msw the scratch app brings: the bottom of fintwin's peer range. */
const APP_MSW = '2.7.0'
const PROJECT_FILES = join(REPO_ROOT, 'test/consumer/project')
const TSC = join(REPO_ROOT, 'node_modules/typescript/bin/tsc')

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * The environment of a command run in the scratch app: this process's, less what npm and vitest
 * put there for THIS repository (`npm_*` would point npm back at it, `VITEST_*` would confuse the
 * app's own vitest), and npm told to use its cache first and keep quiet.
 */
function appEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm_|VITEST|NODE_ENV$|NODE_OPTIONS$|TEST$)/i.test(name)) continue
    env[name] = value
  }
  return {
    ...env,
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_loglevel: 'error',
    ...extra,
  }
}

/** Runs `command` (a shell line) in `cwd`; resolves with its output whatever the exit code. */
function run(command: string, cwd: string, extraEnv: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], {
      cwd,
      env: appEnv(extraEnv),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** Like {@link run}, failing with the command's output when it exits non-zero. */
async function ok(command: string, cwd: string, extraEnv?: Record<string, string>) {
  const result = await run(command, cwd, extraEnv)
  if (result.code !== 0)
    throw new Error(`"${command}" exited ${result.code}\n${result.stdout}\n${result.stderr}`)
  return result.stdout
}

/** `npx fintwin serve --port 0`, in its own process group so the whole tree can be stopped. */
function serve(cwd: string): { child: ChildProcess; url: Promise<string> } {
  const child = spawn('npx', ['fintwin', 'serve', '--port', '0', '--quiet', '--seed', 'consumer'], {
    cwd,
    env: appEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let out = ''
  let err = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk))
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      const match = /listening on (http:\/\/\S+)/.exec(out)
      if (match) resolve(match[1]!)
    })
    child.once('exit', (code) => reject(new Error(`npx fintwin exited ${code}: ${err}`)))
  })
  url.catch(() => undefined)
  return { child, url }
}

function stop(child: ChildProcess | undefined): void {
  if (child?.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM')
}

describe('fintwin installed in an app, as the README says', { timeout: 120_000 }, () => {
  let root = ''
  let app = ''
  let server: ReturnType<typeof serve> | undefined
  const snippets: Snippet[] = []
  /** The README's git install, of this repository's HEAD, in a second app; slow, so started early. */
  let gitInstall: Promise<string> | undefined
  const snippet = (tag: string): Snippet => {
    const found = snippets.find((s) => s.tag === tag)
    if (!found) throw new Error(`README has no snippet tagged ${tag}`)
    return found
  }

  beforeAll(async () => {
    snippets.push(...readmeSnippets(await readFile(join(REPO_ROOT, 'README.md'), 'utf8')))
    const repoPackage = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8'))
    root = await mkdtemp(join(tmpdir(), 'fintwin-consumer-'))
    app = join(root, 'app')
    await mkdir(app)
    // "fintwin cloned next to your project"
    await symlink(REPO_ROOT, join(root, 'fintwin'), 'dir')
    await writeFile(
      join(app, 'package.json'),
      `${JSON.stringify(
        {
          name: 'fintwin-consumer',
          private: true,
          type: 'module',
          devDependencies: {
            '@types/node': repoPackage.devDependencies['@types/node'],
            msw: APP_MSW,
            vitest: repoPackage.devDependencies.vitest,
          },
        },
        null,
        2,
      )}\n`,
    )
    await ok(snippet('run=install').code, app)
    gitInstall = (async () => {
      const gitApp = join(root, 'git-app')
      await mkdir(gitApp)
      await writeFile(join(gitApp, 'package.json'), '{ "private": true, "type": "module" }\n')
      const head = (await ok('git rev-parse HEAD', REPO_ROOT)).trim()
      const command = snippet('run=git').code.replace(
        /git\+https:\/\/\S+/,
        `"git+file://${REPO_ROOT.replace(/\/$/, '')}#${head}"`,
      )
      if (!command.includes('git+file://')) throw new Error(`no git URL in: ${command}`)
      await ok(command, gitApp)
      return gitApp
    })()
    gitInstall.catch(() => undefined)
    await cp(PROJECT_FILES, app, { recursive: true })
    for (const s of snippets.filter((s) => s.tag.startsWith('file='))) {
      const path = join(app, s.tag.slice('file='.length))
      await mkdir(join(path, '..'), { recursive: true })
      await writeFile(path, s.code)
    }
  }, 300_000)

  afterAll(async () => {
    stop(server?.child)
    await gitInstall?.catch(() => undefined)
    if (root) await rm(root, { recursive: true, force: true })
  })

  it("every snippet of the README's section is exercised below", () => {
    expect(snippets.map((s) => s.tag).sort()).toEqual([
      'file=kyc.py',
      'file=kyc.test.ts',
      'file=src/main.ts',
      'file=src/mocks.ts',
      'run=git',
      'run=install',
      'run=msw-init',
    ])
  })

  it("installs with the app's own msw, no copy of its own, and nothing for tests or builds", async () => {
    const fintwin = JSON.parse(
      await readFile(join(app, 'node_modules/fintwin/package.json'), 'utf8'),
    )
    expect(fintwin.peerDependencies.msw).toBe('^2.7.0')
    const msw = JSON.parse(await readFile(join(app, 'node_modules/msw/package.json'), 'utf8'))
    expect(msw.version).toBe(APP_MSW)
    const installed = await readdir(join(app, 'node_modules'))
    for (const absent of ['express', 'tsx', 'typescript']) expect(installed).not.toContain(absent)
    expect(await readdir(join(app, 'node_modules/fintwin'))).not.toContain('node_modules')
    const shipped = (await readdir(join(app, 'node_modules/fintwin'), { recursive: true })).map(
      String,
    )
    expect(shipped.filter((f) => /\.test\.|(^|\/)test\/|(^|\/)bench\//.test(f))).toEqual([])
    expect(shipped.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([])
    expect(shipped).toContain('LICENSE')
  })

  it('imports every entry point from plain Node, and nothing outside the export map', async () => {
    const report = JSON.parse(await ok('node entries.mjs', app))
    expect(report.exports.fintwin).toContain('createSimulator')
    expect(report.exports['fintwin/msw']).toEqual(
      expect.arrayContaining(['createHandlers', 'nodePlatform']),
    )
    expect(report.exports['fintwin/browser']).toContain('createHandlers')
    expect(report.exports['fintwin/browser']).not.toContain('nodePlatform')
    expect(report.exports['fintwin/server']).toEqual(
      expect.arrayContaining(['startServer', 'createServer', 'createApp', 'createDispatcher']),
    )
    expect(report.exports['fintwin/sdk']).toEqual(
      expect.arrayContaining(['SurepassClient', 'EkoClient', 'isSurepassError', 'EkoError']),
    )
    expect(report.exports['fintwin/contracts']).toEqual(
      expect.arrayContaining(['operations', 'validateResponse', 'matchRoute']),
    )
    const repoPackage = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8'))
    expect(report.openapi).toEqual({
      openapi: '3.1.0',
      version: repoPackage.version,
      paths: expect.any(Number),
    })
    expect(report.openapi.paths).toBeGreaterThan(0)
    for (const code of Object.values(report.blocked))
      expect(code).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED')
    expect(report.msw.fintwin).toBe(report.msw.app)
    expect(report.msw.version).toBe(APP_MSW)
    expect(report.createApp).toMatch(
      /createApp\(\) mounts fintwin in express, which is not installed/,
    )
  })

  it("runs Surepass search → generate OTP → download in-process through the app's msw", async () => {
    const flow = JSON.parse(await ok('node surepass-in-process.mjs', app))
    expect(flow.statuses).toEqual([200, 200, 200])
    expect(flow.downloadClientId).toBe(flow.expectedClientId)
    expect(flow.journal).toBe(3)
  })

  it('runs an Eko eKYC flow with the SDK against `npx fintwin serve --port 0`', async () => {
    server = serve(app)
    const url = await server.url
    const flow = JSON.parse(await ok(`node eko-over-http.mjs ${url}`, app))
    expect(flow.statuses).toEqual([0, 0, 0, 0])
  })

  it('README: the Python client runs against the same server', async () => {
    const url = await server!.url
    const out = await ok('python3 kyc.py', app, { FINTWIN_URL: url })
    expect(out.trim().split('\n')).toEqual(['422 invalid_otp', '200 success'])
  })

  it('the compiled bin: --version, and an unknown flag gets the usage and exit 2', async () => {
    expect((await ok('npx fintwin --version', app)).trim()).toMatch(/^[0-9]+\.[0-9]+\.[0-9]+$/)
    const bad = await run('npx fintwin serve --prot 4010', app)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('fintwin: unknown option "--prot"')
    expect(bad.stderr).toContain('Usage: fintwin [serve] [options]')
  })

  it('type-checks strictly without skipLibCheck: nodenext, bundler, and the browser door with no Node types', async () => {
    const configs = ['tsconfig.nodenext.json', 'tsconfig.bundler.json', 'tsconfig.browser.json']
    const results = await Promise.all(configs.map((c) => run(`node ${TSC} -p ${c}`, app)))
    for (const [i, result] of results.entries()) {
      expect(`${configs[i]}: ${result.stdout}${result.stderr}`).toBe(`${configs[i]}: `)
      expect(result.code).toBe(0)
    }
  })

  it('README: the vitest example passes as pasted, on the app’s vitest and msw', async () => {
    const result = await run('npx vitest run kyc.test.ts', app)
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.stdout).toMatch(/2 passed/)
  })

  it('README: the browser door — msw init, setupWorker, bundled by Vite with no node: import', async () => {
    await ok(snippet('run=msw-init').code, app)
    expect(await readdir(join(app, 'public'))).toContain('mockServiceWorker.js')
    await writeFile(
      join(app, 'index.html'),
      '<!doctype html>\n<script type="module" src="/src/main.ts"></script>\n',
    )
    // Development mode, as `npx vite` serves it: a production build drops the mocks by design.
    await ok('npx vite build --mode development', app, { NODE_ENV: 'development' })
    const assets = join(app, 'dist/assets')
    const bundle = (
      await Promise.all((await readdir(assets)).map((f) => readFile(join(assets, f), 'utf8')))
    ).join('\n')
    expect(bundle).toContain('/api/v1/ckyc-v2/generate-otp')
    expect(bundle).toContain('setupWorker')
    expect(bundle).not.toMatch(/["']node:[a-z]/)
    expect(await readdir(join(app, 'dist'))).toContain('mockServiceWorker.js')
  })

  it('README: installs from a git URL, built by its prepare script', async () => {
    if (!gitInstall) throw new Error('the git install did not start')
    const gitApp = await gitInstall
    const installed = await readdir(join(gitApp, 'node_modules/fintwin/dist/simulator'))
    expect(installed).toContain('index.js')
    const out = await ok(
      `node -e "import('fintwin').then((m) => console.log(typeof m.createSimulator))"`,
      gitApp,
    )
    expect(out.trim()).toBe('function')
  }, 240_000)
})
