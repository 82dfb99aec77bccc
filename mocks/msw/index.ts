/**
 * `fintwin/msw`: the in-process door for Node — msw request handlers answering the providers'
 * real sandbox hosts (`setupServer(...createHandlers(sim))`), and `nodePlatform()`, the native
 * RSA and HMAC a Node host gives the simulator. msw itself is the app's own (a peer dependency),
 * so the handlers join the app's msw instead of a second copy. A browser bundle imports
 * `fintwin/browser`, which has no `node:` imports.
 */
export {
  createHandlers,
  toSimRequest,
  readBodyText,
  toHttpResponse,
  DEFAULT_BODY_LIMIT,
} from '../browser.js'
export type { CreateHandlersOptions, BodyText } from '../browser.js'
export { nodePlatform } from '../index.js'
