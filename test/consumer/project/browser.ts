// Type-checked by test/consumer/consumer.test.ts as a front-end file: moduleResolution bundler,
// DOM lib and NO Node types, so the browser door's declarations must not reach `node:` modules.
import { createSimulator } from 'fintwin'
import { createHandlers } from 'fintwin/browser'
import type { SurepassCkycV2DownloadSuccess } from 'fintwin/contracts'
import openapi from 'fintwin/openapi.json' with { type: 'json' }
import { setupWorker } from 'msw/browser'

export const sim = createSimulator({ seed: 'browser' })
export const worker = setupWorker(...createHandlers(sim))
export type Record = SurepassCkycV2DownloadSuccess['data']
export const title: string = openapi.info.title
