// Run by test/consumer/consumer.test.ts in a scratch project that installed the packed tarball,
// with plain Node: every entry point of the export map, and the paths outside it.
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const ENTRIES = [
  'fintwin',
  'fintwin/msw',
  'fintwin/browser',
  'fintwin/server',
  'fintwin/sdk',
  'fintwin/contracts',
]
const report = { exports: {}, blocked: {} }
for (const entry of ENTRIES) report.exports[entry] = Object.keys(await import(entry)).sort()

const openapi = await import('fintwin/openapi.json', { with: { type: 'json' } })
report.openapi = {
  openapi: openapi.default.openapi,
  version: openapi.default.info.version,
  paths: Object.keys(openapi.default.paths).length,
}

for (const path of [
  'fintwin/package.json',
  'fintwin/dist/simulator/index.js',
  'fintwin/mocks/index.js',
  'fintwin/simulator/index.ts',
]) {
  try {
    await import(path)
    report.blocked[path] = 'imported'
  } catch (error) {
    report.blocked[path] = error.code
  }
}

// The msw fintwin's handlers are built with must be the app's own copy, or msw ignores them.
const appRequire = createRequire(import.meta.url)
const fintwinRequire = createRequire(fileURLToPath(import.meta.resolve('fintwin/msw')))
report.msw = {
  app: appRequire.resolve('msw'),
  fintwin: fintwinRequire.resolve('msw'),
  version: appRequire('msw/package.json').version,
}

// express is an optional peer: fintwin/server loads without it, createApp says what is missing.
const { createApp } = await import('fintwin/server')
const { createSimulator } = await import('fintwin')
try {
  createApp({ simulator: createSimulator() })
  report.createApp = 'built'
} catch (error) {
  report.createApp = error.message
}

process.stdout.write(JSON.stringify(report))
