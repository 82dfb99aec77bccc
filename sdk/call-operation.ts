import { fillPath, getOperation } from '../contracts/index.js'
import { checkContract, type ContractViolationHandler } from './contract-check.js'
import {
  DEFAULT_TIMEOUT_MS,
  sendRequest,
  type FetchLike,
  type RawResponse,
  type TransportOptions,
} from './send-request.js'

/** How a client reaches its provider: its options resolved once, at construction. */
export interface Transport {
  /** Normalised base URL (no trailing slash). */
  readonly baseUrl: string
  readonly fetch: FetchLike
  readonly timeoutMs: number
  readonly validateResponses: boolean
  readonly onContractViolation: ContractViolationHandler | undefined
}

/** The transport of a client built with `options`, the defaults filled in. */
export function resolveTransport(baseUrl: string, options: TransportOptions): Transport {
  return {
    baseUrl,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    validateResponses: options.validateResponses ?? false,
    onContractViolation: options.onContractViolation,
  }
}

/** What one call sends: headers and body, and where the operation's path has them, its parts. */
export interface OperationRequest {
  headers: Record<string, string>
  body: unknown
  /** Values of the path's `{name}` segments. */
  params?: Readonly<Record<string, string>>
  /** The query string. */
  query?: Readonly<Record<string, string>>
  /** A base URL other than the transport's (an operation of another API version). */
  baseUrl?: string
}

/**
 * One call of a contract operation, the same for every client: the method and path from the
 * contract, the request sent, the response checked against the contract when asked, then
 * `interpret` (the provider's own way of telling success from failure) turns it into a result
 * or a typed error.
 */
export async function callOperation<T>(
  transport: Transport,
  operationId: string,
  request: OperationRequest,
  interpret: (method: string, url: string, response: RawResponse) => T,
): Promise<T> {
  const operation = getOperation(operationId)
  const method = operation.method
  const path = fillPath(operation.path, request.params ?? {})
  const query = new URLSearchParams(request.query ?? {}).toString()
  const url = `${request.baseUrl ?? transport.baseUrl}${path}${query === '' ? '' : `?${query}`}`
  const response = await sendRequest({
    fetch: transport.fetch,
    method,
    url,
    headers: request.headers,
    body: request.body,
    timeoutMs: transport.timeoutMs,
  })
  checkContract(transport, {
    operation: operationId,
    method,
    url,
    status: response.status,
    body: response.body,
  })
  return interpret(method, url, response)
}
