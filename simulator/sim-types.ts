/**
 * A request as every door hands it to the simulator: plain data, no Fetch or Node objects, so
 * the same behaviour runs in-process (msw), behind express, and in a browser worker.
 */
export interface SimRequest {
  method: string
  /** Path without query string, e.g. `/api/v1/ckyc/search`. */
  path: string
  query: Record<string, string>
  /** Header names lower-case. */
  headers: Record<string, string | undefined>
  /** The parsed body (see `parseRequestBody`), or undefined when there was none. */
  body: unknown
  /** Set by the door when the body could not be read: the simulator answers in the provider's envelope. */
  bodyError?: BodyError
}

/** Why a body could not be turned into a value. */
export type BodyError = 'malformed' | 'too_large' | 'unsupported_media_type' | 'too_deep'

/** What the simulator answers. Doors copy it onto their response as is. */
export interface SimResponse {
  status: number
  headers: Record<string, string>
  body: unknown
  /** Transport-level misbehaviour a door must act out (issue: faults). */
  fault?: SimFault
  /** Extra latency the door should add before answering. */
  delayMs?: number
}

/** A door-level fault: hold the connection then close it, or drop it at once. */
export type SimFault = { kind: 'timeout'; holdMs: number } | { kind: 'drop' }
