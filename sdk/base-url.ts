/**
 * Checks and normalises a client's `baseUrl`.
 *
 * Why refuse plain http: the Surepass token and the Eko signature headers would cross the
 * network in clear text. Loopback is the one exception, so a local fintwin server
 * (`http://127.0.0.1:4010`) works without certificates. Credentials, query and fragment are
 * refused too: they would end up in every error message and log line that names the URL.
 *
 * @returns the URL without a trailing slash, ready for `baseUrl + operation path`.
 * @throws TypeError naming the client and the problem (never the token).
 */
export function resolveBaseUrl(client: string, baseUrl: string): string {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    throw new TypeError(`${client}: baseUrl is not an absolute URL: ${JSON.stringify(baseUrl)}`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`${client}: baseUrl must be https:// (got ${url.protocol}//${url.host})`)
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new TypeError(
      `${client}: refusing plain-http baseUrl http://${url.host}: credentials would travel unencrypted. ` +
        'Use https://, or a loopback host (localhost, 127.0.0.0/8, ::1) for a local fintwin server.',
    )
  }
  if (url.username || url.password)
    throw new TypeError(`${client}: baseUrl must not carry credentials`)
  if (url.search || url.hash)
    throw new TypeError(
      `${client}: baseUrl must not have a query or fragment (${url.origin}${url.pathname})`,
    )
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

/** localhost, 127.0.0.0/8 and ::1 (URL gives IPv6 hosts in brackets; IPv4 already normalised). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

/**
 * The base URL of another API version beside a versioned one: Eko's legacy v1/v2 operations live
 * beside v3 (`…/ekoapi/v3` → `…/ekoapi/v2`, `…/ekoicici/v3` → `…/ekoicici/v2`).
 */
export function versionedBaseUrl(client: string, baseUrl: string, version: string): string {
  if (!/\/v[0-9]+$/.test(baseUrl))
    throw new TypeError(
      `${client}: baseUrl ${baseUrl} ends in no API version (/v3), so the ${version} operations have no base`,
    )
  return baseUrl.replace(/\/v[0-9]+$/, `/${version}`)
}
