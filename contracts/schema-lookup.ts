/**
 * Schema lookup: a contract schema URI → the schema as written in its file, straight from the
 * imported documents (no ajv compilation), `$anchor`s and JSON pointers alike. The one resolver of
 * `$ref`s: the registry reads case annotations with it, the exporters walk schemas with it.
 */
import { operationDocuments, providerDocuments, sharedDocuments } from './documents.js'

export type JsonObject = Record<string, unknown>

/** A JSON Schema: an object or one of the boolean schemas. */
export type JsonSchema = boolean | JsonObject

let documentsById: Map<string, JsonObject> | undefined

function contractDocuments(): Map<string, JsonObject> {
  documentsById ??= new Map(
    [...sharedDocuments, ...providerDocuments, ...operationDocuments].map((doc) => [
      doc.$id,
      doc as unknown as JsonObject,
    ]),
  )
  return documentsById
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function splitUri(uri: string): { documentId: string; fragment: string } {
  const hash = uri.indexOf('#')
  return hash < 0
    ? { documentId: uri, fragment: '' }
    : { documentId: uri.slice(0, hash), fragment: uri.slice(hash + 1) }
}

/** The `$id` of the contract file a schema URI points into. */
export function documentIdOf(uri: string): string {
  return splitUri(uri).documentId
}

export function encodePointer(segments: readonly string[]): string {
  return segments.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')
}

export function decodePointer(fragment: string): string[] {
  return fragment
    .split('/')
    .slice(1)
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'))
}

/** Finds the JSON-pointer path of a `$anchor`, so anchors and pointers name the same schema. */
function findAnchor(node: unknown, anchor: string, path: string[]): string[] | undefined {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) {
      const found = findAnchor(item, anchor, [...path, String(i)])
      if (found) return found
    }
  } else if (isObject(node)) {
    if (node.$anchor === anchor) return path
    for (const [key, value] of Object.entries(node)) {
      if (key === 'examples' || key === 'const' || key === 'enum' || key === 'default') continue
      const found = findAnchor(value, anchor, [...path, key])
      if (found) return found
    }
  }
  return undefined
}

/**
 * Resolves a `$ref` against the URI of the file it appears in, to the canonical URI used as a key
 * everywhere here: `<file $id>` or `<file $id>#/json/pointer` (anchors are turned into pointers).
 */
export function resolveContractRef(ref: string, baseUri: string): string {
  const absolute = new URL(ref, documentIdOf(baseUri)).href
  const { documentId, fragment } = splitUri(absolute)
  if (fragment === '') return documentId
  if (fragment.startsWith('/')) return `${documentId}#${encodePointer(decodePointer(fragment))}`
  const doc = contractDocuments().get(documentId)
  const path = doc && findAnchor(doc, decodeURIComponent(fragment), [])
  if (!path)
    throw new Error(
      `Contract $ref ${ref} (from ${baseUri}): no $anchor "${fragment}" in ${documentId}`,
    )
  return `${documentId}#${encodePointer(path)}`
}

/**
 * The raw schema (as written in its contract file, `$ref`s relative to that file) at a canonical
 * schema URI. Reads the imported documents directly, so exporters need not compile anything.
 */
export function contractSchemaAt(uri: string): JsonSchema {
  const { documentId, fragment } = splitUri(resolveContractRef(uri, uri))
  let node: unknown = contractDocuments().get(documentId)
  if (node === undefined)
    throw new Error(
      `No contract file has $id ${documentId} (is it listed in contracts/documents.ts?)`,
    )
  for (const segment of fragment === '' ? [] : decodePointer(fragment)) {
    node = Array.isArray(node) ? node[Number(segment)] : isObject(node) ? node[segment] : undefined
    if (node === undefined) throw new Error(`Contract schema not found: ${uri}`)
  }
  if (typeof node !== 'boolean' && !isObject(node)) throw new Error(`Not a schema: ${uri}`)
  return node
}
