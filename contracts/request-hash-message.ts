import type { RequestHashRule } from './contract-document.js'

/**
 * The message a request-hash header signs, by the operation's contract rule
 * (`x-operation.requestHash`): each part, a header's value when the request has that header, else
 * the body field as sent (a number as JavaScript prints it, `50` for 50), or nothing when absent;
 * concatenated with no separator. One definition for the client that signs and the simulator that
 * checks.
 */
export function requestHashMessage(
  rule: RequestHashRule,
  headers: Readonly<Record<string, string | undefined>>,
  body: Readonly<Record<string, unknown>>,
): string {
  return rule.concat
    .map((part) => headers[part] ?? (body[part] === undefined ? '' : String(body[part])))
    .join('')
}
