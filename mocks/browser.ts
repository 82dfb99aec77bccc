/**
 * The isomorphic part of fintwin's doors, for a browser bundle (`setupWorker(...createHandlers(sim))`):
 * nothing here imports `node:`. Node code imports `mocks/index.js`, which adds the server.
 */
export { createHandlers } from './msw/create-handlers.js'
export type { CreateHandlersOptions } from './msw/create-handlers.js'
export { toSimRequest, readBodyText } from './msw/to-sim-request.js'
export type { BodyText } from './msw/to-sim-request.js'
export { toHttpResponse } from './msw/to-http-response.js'
export { DEFAULT_BODY_LIMIT } from './body-limit.js'
export { parseRequestBody, MAX_JSON_DEPTH } from './body-parser.js'
export type { ParsedBody } from './body-parser.js'
