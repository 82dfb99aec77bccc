/**
 * fintwin's doors: the same simulator behaviour served in-process (msw handlers, Node or a
 * browser worker) and over HTTP (an express server with the admin API). Explicit named exports
 * (no `export *`) so the public surface is reviewed, not accidental. This entry is for Node (it
 * reaches `node:http`); a browser bundle imports `mocks/browser.js`, the isomorphic part only.
 */
export { createHandlers } from './msw/create-handlers.js'
export type { CreateHandlersOptions } from './msw/create-handlers.js'
export { toSimRequest, readBodyText } from './msw/to-sim-request.js'
export type { BodyText } from './msw/to-sim-request.js'
export { toHttpResponse } from './msw/to-http-response.js'
export { DEFAULT_BODY_LIMIT } from './body-limit.js'
export { parseRequestBody, MAX_JSON_DEPTH } from './body-parser.js'
export type { ParsedBody } from './body-parser.js'
export { startServer } from './server/start-server.js'
export type { RunningServer, StartServerOptions } from './server/start-server.js'
export { createServer } from './server/create-server.js'
export type { CreateServerOptions, FintwinServer } from './server/create-server.js'
export { createApp } from './server/create-app.js'
export type { CreateAppOptions } from './server/create-app.js'
export { createDispatcher } from './server/create-dispatcher.js'
export type { Dispatcher, DispatcherOptions } from './server/create-dispatcher.js'
export { stdioLogger, silentLogger } from './server/access-log.js'
export type { Logger } from './server/access-log.js'
export { nodePlatform } from './node-platform.js'
