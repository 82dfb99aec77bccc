import { buildOpenApiDocument, type OpenApiDocument } from './openapi.js'

/**
 * The declaration behind `fintwin/openapi.json`. The package's export map serves the committed
 * `contracts/openapi.json` file itself (so tools can read it as a file and Node imports it with
 * `with { type: 'json' }`); its `types` condition points at this module's declaration, so a
 * TypeScript consumer gets {@link OpenApiDocument} without `resolveJsonModule` inferring a type
 * from 300 kB of JSON. The value is the same document: `contracts/openapi.test.ts` holds the
 * committed file byte-identical to `buildOpenApiDocument()`.
 */
const openApiJson: OpenApiDocument = buildOpenApiDocument()
export default openApiJson
