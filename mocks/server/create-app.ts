import express, { type ErrorRequestHandler, type Express } from 'express'
import { stdioLogger } from './access-log.js'
import { createDispatcher, type DispatcherOptions } from './create-dispatcher.js'

/** Options of {@link createApp}: those of the dispatcher. */
export type CreateAppOptions = DispatcherOptions

/**
 * The express app of the server door: ONE middleware, the dispatcher, answers everything
 * (provider routes, provider-shaped 404/405, `/__sim/*`), so behaviour and routing stay in the
 * simulator and the contracts. `etag` and `x-powered-by` are off: a provider sends neither, and
 * an ETag would make clients send conditional requests a provider never sees. The final error
 * handler exists so nothing can ever reach express's HTML error page: the answer is JSON.
 */
export function createApp(options: CreateAppOptions): Express {
  const app = express()
  app.disable('etag')
  app.disable('x-powered-by')
  app.use(createDispatcher(options))
  const logger = options.logger ?? stdioLogger
  const jsonErrors: ErrorRequestHandler = (error: unknown, req, res, _next) => {
    logger.error(
      `fintwin: unhandled error on ${req.method} ${req.originalUrl}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    )
    if (res.headersSent) {
      res.destroy()
      return
    }
    res
      .status(500)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ error: 'internal_error' }))
  }
  app.use(jsonErrors)
  return app
}
