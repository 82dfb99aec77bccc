import { createRequire } from 'node:module'
import type { ErrorRequestHandler } from 'express'
import { stdioLogger } from './access-log.js'
import { createDispatcher, type Dispatcher, type DispatcherOptions } from './create-dispatcher.js'

/** Options of {@link createApp}: those of the dispatcher. */
export type CreateAppOptions = DispatcherOptions

/**
 * What {@link createApp} returns: an express application, typed as the Node request handler it
 * is, so that fintwin's declarations never name express's types and a consumer that does not use
 * the express mount installs neither express nor `@types/express`. It goes wherever express takes
 * a handler (`parent.use(app)`, `parent.use('/sim', app)`) and wherever Node takes a request
 * listener (`http.createServer(app)`).
 */
export type ExpressMount = Dispatcher

type ExpressFactory = typeof import('express')

let express: ExpressFactory | undefined

/**
 * express is an optional peer dependency: only this mount needs it, so it is loaded on the first
 * call, not when `fintwin/server` is imported. express 5 is CommonJS, so `require` loads it
 * synchronously and `createApp` stays synchronous.
 */
function loadExpress(): ExpressFactory {
  if (express) return express
  try {
    express = createRequire(import.meta.url)('express') as ExpressFactory
  } catch (error) {
    if ((error as { code?: string } | undefined)?.code !== 'MODULE_NOT_FOUND') throw error
    throw new Error(
      'fintwin: createApp() mounts fintwin in express, which is not installed: run "npm install express" (the rest of fintwin/server needs no express)',
      { cause: error },
    )
  }
  return express
}

/**
 * The express app of the server door: ONE middleware, the dispatcher, answers everything
 * (provider routes, provider-shaped 404/405, `/__sim/*`), so behaviour and routing stay in the
 * simulator and the contracts. `etag` and `x-powered-by` are off: a provider sends neither, and
 * an ETag would make clients send conditional requests a provider never sees. The final error
 * handler exists so nothing can ever reach express's HTML error page: the answer is JSON.
 */
export function createApp(options: CreateAppOptions): ExpressMount {
  const app = loadExpress()()
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
