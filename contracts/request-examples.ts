import { fillPath } from './path-template.js'
import { schemaAt, type Operation } from './registry.js'

/**
 * The example request parts of an operation, from its contract's schemas: what the console,
 * the Postman collection and the tests send when they need a well-formed request.
 */

/** The first example of a flat schema (path parameters, query), or nothing. */
function firstExample(schemaId: string | undefined): Record<string, string> {
  if (schemaId === undefined) return {}
  const examples = schemaAt(schemaId).examples
  return { ...((Array.isArray(examples) ? examples[0] : undefined) ?? {}) } as Record<
    string,
    string
  >
}

/** The first example of an operation's path-parameter schema (empty for a literal path). */
export function exampleParams(op: Operation): Record<string, string> {
  return firstExample(op.paramsSchemaId)
}

/** The first example of an operation's query schema (empty when it takes no query). */
export function exampleQuery(op: Operation): Record<string, string> {
  return firstExample(op.querySchemaId)
}

/** The operation's first full path with its parameters filled from the params example. */
export function examplePath(op: Operation): string {
  return fillPath(op.paths[0] as string, exampleParams(op))
}
