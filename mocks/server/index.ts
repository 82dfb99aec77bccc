/**
 * `fintwin/server`: the HTTP door — `startServer` (listening), `createServer` (built, not yet
 * listening), the dispatcher as a plain Node handler, and `createApp`, the same dispatcher
 * mounted in express for an app that wants fintwin inside its own express server (express is an
 * optional peer dependency, loaded only by `createApp`).
 */
export { startServer } from './start-server.js'
export type { RunningServer, StartServerOptions } from './start-server.js'
export { createServer } from './create-server.js'
export type { CreateServerOptions, FintwinServer } from './create-server.js'
export { createApp } from './create-app.js'
export type { CreateAppOptions, ExpressMount } from './create-app.js'
export { createDispatcher } from './create-dispatcher.js'
export type { Dispatcher, DispatcherOptions } from './create-dispatcher.js'
export type { CorsOptions } from './cors.js'
export { stdioLogger, silentLogger } from './access-log.js'
export type { Logger } from './access-log.js'
export { nodePlatform } from '../index.js'
