import { describe, expect, it } from 'vitest'
import { operationDocuments, providerDocuments, sharedDocuments } from './documents.js'
import { ajv } from './registry.js'

describe('the registry', () => {
  const documents = [...sharedDocuments, ...providerDocuments, ...operationDocuments] as {
    $id: string
  }[]

  // The registry adds the files without this check (it costs every start-up the meta-schema's
  // compilation), so it is made here, once, for every file.
  it.each(documents.map((doc) => [doc.$id, doc] as const))(
    '%s is a valid JSON Schema 2020-12 document',
    (_id, doc) => {
      expect(ajv.validateSchema(doc), ajv.errorsText(ajv.errors)).toBe(true)
    },
  )

  it('refuses a document that breaks the meta-schema (the check above can fail)', () => {
    expect(ajv.validateSchema({ $id: 'https://example.invalid/x', type: 'strng' })).toBe(false)
  })
})
