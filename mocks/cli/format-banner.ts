import { operations } from '../../contracts/index.js'
import type { CorsOptions } from '../server/cors.js'

/** What the banner shows, read from a running server and its simulator. */
export interface BannerInput {
  url: string
  version: string
  seed: string
  ekoSkewMs: number
  /** `simulator.fixtures()`, shape of `GET /__sim/fixtures`. */
  fixtures: { surepass: unknown; eko: unknown }
  /** `--cors` / `--cors-origin`, said in the banner because it is a departure from the providers. */
  cors?: CorsOptions | undefined
}

/** The Eko operation the banner's curl calls: the one whose body needs no encrypted Aadhaar. */
const EKO_BANNER_OPERATION = 'eko.users.onboard'

/**
 * The start-up banner: where the server is, the credentials it accepts, and one request per
 * provider that works when pasted into a shell — the first thing a developer needs and the
 * usual reason a sandbox is abandoned when missing. Its first line carries the URL in a fixed
 * form (`fintwin … listening on http://…`) that scripts and tests parse.
 */
export function formatBanner(input: BannerInput): string {
  const { url } = input
  const surepass = record(input.fixtures.surepass)
  const eko = record(input.fixtures.eko)
  const token = text(surepass.token)
  const happy = list(surepass.ckyc)
    .map(record)
    .find((p) => p.label === 'happy')
  const search = happy
    ? { id_number: happy.id_number, document_type: happy.document_type }
    : { id_number: 'ABCDE1234F', document_type: 'PAN' }
  const developerKey = text(eko.developer_key)
  const accessKey = text(eko.access_key)
  const initiatorId = text(eko.initiator_id)
  const onboard = {
    ...ekoExampleBody(),
    initiator_id: initiatorId,
    ...freshAgentIds(list(eko.agents).map(record)),
  }

  return [
    `fintwin ${input.version} listening on ${url}  (seed "${input.seed}")`,
    ...corsLine(input.cors),
    '',
    `Surepass  base URL ${url}  (paths /api/v1/…)`,
    `  token          ${token}`,
    `  CKYC search of the "happy" persona:`,
    `    curl -s ${url}/api/v1/ckyc/search \\`,
    `      -H 'Authorization: Bearer ${token}' -H 'Content-Type: application/json' \\`,
    `      -d ${shellQuote(JSON.stringify(search))}`,
    '',
    `Eko  base URL ${url}/ekoapi/v3  (production form ${url}/ekoicici/v3)`,
    `  developer_key  ${developerKey}`,
    `  access_key     ${accessKey}`,
    `  initiator_id   ${initiatorId}`,
    `  Every request needs a fresh secret-key: base64(HMAC-SHA256(key = base64(access_key), message = ms timestamp)),`,
    `  and the timestamp must be within ${Math.round(input.ekoSkewMs / 1000)} s of the simulator clock. In a shell:`,
    `    ACCESS_KEY=${accessKey}`,
    `    ts=$(date +%s%3N); key=$(printf %s "$ACCESS_KEY" | base64 -w0); sig=$(printf %s "$ts" | openssl dgst -sha256 -hmac "$key" -binary | base64)`,
    `    curl -s -X POST ${url}/ekoapi/v3/user/network/eps-agent \\`,
    `      -H 'developer_key: ${developerKey}' -H "secret-key: $sig" -H "secret-key-timestamp: $ts" \\`,
    `      -H 'Content-Type: application/json' \\`,
    `      -d ${shellQuote(JSON.stringify(onboard))}`,
    '',
    'Admin',
    `  curl -s ${url}/__sim/health`,
    `  curl -s ${url}/__sim/otps          # OTPs "sent" to phones, newest first (?ref= ?phone= ?provider=)`,
    `  also /__sim/fixtures, /__sim/clock, /__sim/scenarios, /__sim/journal, /__sim/openapi.json, POST /__sim/reset`,
    '',
  ].join('\n')
}

/** The Onboard User example from its contract, so the banner's curl stays valid as the contract evolves. */
function ekoExampleBody(): Record<string, unknown> {
  const document = record(operations.get(EKO_BANNER_OPERATION)?.document)
  const example = list(record(record(document.$defs).requestBody).examples)[0]
  return record(example)
}

/**
 * A mobile and PAN no fixture agent has, so the banner's Onboard User succeeds the first time it
 * is pasted (the contract example's own ids may belong to a seeded agent → `user_already_exists`).
 */
function freshAgentIds(agents: Record<string, unknown>[]): { mobile: string; pan_number: string } {
  const taken = new Set(agents.flatMap((a) => [a.customer_id, a.pan_number, a.mobile]))
  for (let n = 1; ; n++) {
    const mobile = `9000${String(n).padStart(6, '0')}`
    const pan_number = `ABCPV${String(n % 10_000).padStart(4, '0')}Z`
    if (!taken.has(mobile) && !taken.has(pan_number)) return { mobile, pan_number }
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '(unavailable)'
}

/** POSIX single-quoting. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`
}

/** The banner's CORS line, when `--cors` is on: nothing is said when it is off (the default). */
function corsLine(cors: CorsOptions | undefined): string[] {
  if (!cors) return []
  const origins = cors.origins ?? '*'
  const who = origins === '*' ? 'any origin' : origins.join(', ')
  return [`CORS on for ${who} (Surepass and Eko send no CORS headers)`]
}
