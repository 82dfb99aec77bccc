// fintwin QA console: one static page over the admin API. Every URL is RELATIVE to the page
// (`otps` from /__sim/ui is /__sim/otps; `../api/v1/…` is the provider route), so the same page
// works at the root and under any prefix a sandbox adds. Nothing is fetched from another origin.
// Live: the inbox, journal, clock and rules come from the event stream (`events`, server-sent
// events); the page polls only while that stream is down.

const POLL_MS = 1000
/** After the stream failed for good (refused, not dropped), when to try it again. */
const STREAM_RETRY_MS = 30000
/** Journal entries the page keeps (the oldest go first). */
const JOURNAL_KEPT = 500
const TOKEN_KEY = 'fintwin-admin-token'

/** Builds an element: `h('button', { type: 'button', onclick }, 'text', child)`. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value)
    else if (name === 'dataset') Object.assign(el.dataset, value)
    else if (value === true) el.setAttribute(name, '')
    else el.setAttribute(name, String(value))
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue
    el.append(child instanceof Node ? child : String(child))
  }
  return el
}

const $ = (id) => document.getElementById(id)
const pretty = (value) => (typeof value === 'string' ? value : JSON.stringify(value, null, 2))
const utc = (iso) => `${new Date(iso).toISOString().slice(0, 19).replace('T', ' ')} UTC`
const shellQuote = (text) => `'${text.replaceAll("'", `'\\''`)}'`

/** A short message for screen readers and eyes; replaces the previous one. */
let statusTimer
function say(message) {
  const status = $('status')
  status.textContent = message
  clearTimeout(statusTimer)
  statusTimer = setTimeout(() => {
    status.textContent = ''
  }, 4000)
}

/** An admin API call that failed: status and the API's own JSON error. */
class ApiError extends Error {
  constructor(status, body) {
    super(body && typeof body === 'object' && body.message ? body.message : `HTTP ${status}`)
    this.status = status
    this.body = body
  }
}

/** Calls the admin API (`path` relative to /__sim/ui), with the admin token when one was given. */
async function api(path, { method = 'GET', body, query } = {}) {
  const headers = {}
  if (body !== undefined) headers['content-type'] = 'application/json'
  const token = sessionStorage.getItem(TOKEN_KEY)
  if (token) headers['x-fintwin-admin-token'] = token
  const search = query ? `?${new URLSearchParams(query)}` : ''
  const response = await fetch(path + search, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  let data = text
  try {
    data = JSON.parse(text)
  } catch {
    // not JSON: keep the text
  }
  if (response.status === 401 && data?.error === 'admin_token_required') {
    $('token-form').hidden = false
  }
  if (!response.ok) throw new ApiError(response.status, data)
  return data
}

/** Runs an action from a click, reporting failure instead of throwing into the console. */
function act(action) {
  return async (event) => {
    event?.preventDefault?.()
    try {
      await action(event)
    } catch (error) {
      say(`Failed: ${error.message}`)
    }
  }
}

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text)
  } catch {
    const area = h('textarea', { 'aria-hidden': 'true' })
    area.value = text
    document.body.append(area)
    area.select()
    document.execCommand('copy')
    area.remove()
  }
  say('Copied')
}

/** A button that copies `value`, showing it (shortened) as its text. */
function copyable(value, label) {
  const text = String(value)
  return h(
    'button',
    {
      type: 'button',
      class: 'copyable',
      title: text.length > 28 ? text : 'Copy',
      'aria-label': `Copy ${label ?? ''} ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`,
      onclick: () => copy(text),
    },
    text.length > 40 ? `${text.slice(0, 36)}…` : text,
  )
}

// --- shared state -----------------------------------------------------------------------------

const state = {
  catalogue: null,
  fixtures: null,
  otps: [],
  /** The last clock the simulator reported: the page ticks it on between reports. */
  clock: null,
  /** True while the event stream is open: no polling then. */
  live: false,
  /** The sandbox was deleted: nothing more to show. */
  gone: false,
  /** The `data` fields of the builder's last answers: the ids the next step needs. */
  memory: {},
}

const operationById = (id) => state.catalogue?.operations.find((op) => op.id === id)

// --- tabs -------------------------------------------------------------------------------------

const tabs = [...document.querySelectorAll('[role="tab"]')]
function selectTab(tab) {
  for (const other of tabs) {
    const selected = other === tab
    other.setAttribute('aria-selected', String(selected))
    other.tabIndex = selected ? 0 : -1
    $(other.getAttribute('aria-controls')).hidden = !selected
  }
  refresh()
}
for (const tab of tabs) {
  tab.addEventListener('click', () => selectTab(tab))
  tab.addEventListener('keydown', (event) => {
    const i = tabs.indexOf(tab)
    const next = {
      ArrowRight: tabs[(i + 1) % tabs.length],
      ArrowLeft: tabs[(i - 1 + tabs.length) % tabs.length],
      Home: tabs[0],
      End: tabs[tabs.length - 1],
    }[event.key]
    if (!next) return
    event.preventDefault()
    next.focus()
    selectTab(next)
  })
}
const panelShown = (id) => !$(id).hidden

// --- clock ------------------------------------------------------------------------------------

async function loadClock(clock) {
  showClock(clock ?? (await api('clock')))
}
function showClock(clock) {
  state.clock = clock
  $('sim-frozen').hidden = !clock.frozen
  $('clock-freeze').checked = clock.frozen
  const minutes = Math.round(clock.offset_ms / 60000)
  $('sim-offset').textContent =
    minutes === 0 ? '' : `(simulator ${minutes > 0 ? '+' : ''}${minutes} min)`
  tickClocks()
}
/** Real time, and the simulator's: frozen at its instant, else real time plus its offset. */
function tickClocks() {
  const real = Date.now()
  $('real-now').textContent = utc(new Date(real).toISOString())
  const clock = state.clock
  if (clock)
    $('sim-now').textContent = utc(
      new Date(clock.frozen ? clock.now_ms : real + clock.offset_ms).toISOString(),
    )
}
/** Reads again what the event stream would have sent, when it is not open. */
async function unlessLive(...loads) {
  if (!state.live) await Promise.all(loads.map((load) => load()))
}
async function moveClock(body) {
  showClock(await api('clock', { method: 'POST', body }))
  await unlessLive(loadOtps)
}
for (const button of document.querySelectorAll('[data-advance]')) {
  button.addEventListener(
    'click',
    act(async () => {
      await moveClock({ advance_ms: Number(button.dataset.advance) })
      say(`Clock advanced ${button.textContent}`)
    }),
  )
}
$('clock-set').addEventListener(
  'submit',
  act(async () => {
    await moveClock({ set: new Date(`${$('clock-set-input').value}Z`).toISOString() })
    say('Clock set')
  }),
)
$('clock-freeze').addEventListener(
  'change',
  act(async () => {
    await moveClock({ freeze: $('clock-freeze').checked })
    say($('clock-freeze').checked ? 'Clock frozen' : 'Clock running')
  }),
)

// --- OTP inbox --------------------------------------------------------------------------------

const otpItems = new Map()
async function loadOtps() {
  showOtps((await api('otps', { query: { limit: '50' } })).otps)
}
function showOtps(otps) {
  state.otps = otps
  const list = $('otp-list')
  const seen = new Set()
  for (const otp of otps) {
    const key = `${otp.provider}:${otp.ref}:${otp.issued_at}`
    seen.add(key)
    const signature = JSON.stringify(otp)
    let item = otpItems.get(key)
    if (item?.dataset.signature === signature) continue
    const fresh = renderOtp(otp)
    fresh.dataset.signature = signature
    if (item) item.replaceWith(fresh)
    else list.prepend(fresh)
    item = fresh
    otpItems.set(key, item)
  }
  for (const [key, item] of otpItems) {
    if (seen.has(key)) continue
    item.remove()
    otpItems.delete(key)
  }
  // Newest first, as the inbox answers.
  otps.forEach((otp, i) => {
    const item = otpItems.get(`${otp.provider}:${otp.ref}:${otp.issued_at}`)
    if (list.children[i] !== item) list.insertBefore(item, list.children[i] ?? null)
  })
  $('otp-empty').hidden = otps.length > 0
}
function renderOtp(otp) {
  return h(
    'li',
    { dataset: { ref: otp.ref, status: otp.status } },
    h(
      'div',
      {},
      h('strong', {}, otp.provider),
      ' ',
      h('span', { class: `status status-${otp.status}` }, otp.status),
    ),
    h(
      'div',
      {},
      h('span', { class: 'otp-code mono' }, otp.otp),
      ' ',
      h(
        'button',
        { type: 'button', 'aria-label': `Copy OTP ${otp.otp}`, onclick: () => copy(otp.otp) },
        'Copy',
      ),
    ),
    h(
      'div',
      { class: 'otp-meta' },
      'ref ',
      copyable(otp.ref, 'ref'),
      otp.phone ? [' · to ', copyable(otp.phone, 'phone')] : '',
    ),
    h(
      'div',
      { class: 'otp-meta' },
      `${otp.operation} · expires ${utc(otp.expires_at)} · ${otp.attempts_left} attempts left`,
    ),
  )
}

// --- journal ----------------------------------------------------------------------------------

const journalItems = new Map()
let newestJournalId = 0
async function loadJournal() {
  const { entries } = await api('journal', { query: { limit: '200' } })
  // Ids begin at 1 again after a reset.
  showJournal({ restart: (entries[0]?.id ?? 0) < newestJournalId, entries })
}
/** Adds entries (newest first) to the list; `restart` empties it first. */
function showJournal({ restart, entries }) {
  const list = $('journal-list')
  if (restart) {
    list.replaceChildren()
    journalItems.clear()
  }
  for (const entry of [...entries].reverse()) {
    if (journalItems.has(entry.id)) continue
    const item = renderJournalEntry(entry)
    journalItems.set(entry.id, item)
    list.prepend(item)
  }
  if (restart || entries.length > 0) newestJournalId = entries[0]?.id ?? 0
  for (const [id, item] of journalItems) {
    if (journalItems.size <= JOURNAL_KEPT) break
    item.remove()
    journalItems.delete(id)
  }
  filterJournal()
}
function statusClass(status) {
  return `status status-${String(status).charAt(0)}xx`
}
/** The reason in a few words, for the entry's line: the failed check, field or forced outcome. */
function reasonBrief(reason) {
  if (!reason) return ''
  if (reason.check) return `${reason.step}: ${reason.check}`
  if (reason.forced)
    return `forced by ${reason.forced.by}${reason.forced.rule ? ` ${reason.forced.rule}` : ''}`
  if (reason.violations?.length) return `${reason.step}: ${reason.violations[0].path}`
  if (reason.body_error) return `${reason.step}: body ${reason.body_error}`
  return reason.step
}
/** A definition list of label → value pairs, leaving out the empty ones. */
function facts(pairs) {
  return h(
    'dl',
    { class: 'kv' },
    pairs
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]),
  )
}
/** Violations (of a request or of the contract) as a list of `path: message (keyword)`. */
function violationList(violations) {
  if (!violations?.length) return undefined
  return h(
    'ul',
    { class: 'violations' },
    violations.map((v) =>
      h(
        'li',
        {},
        h('code', {}, v.path || '/'),
        ` ${v.message}`,
        v.keyword ? ` (${v.keyword})` : '',
      ),
    ),
  )
}
/** A recorded body: JSON pretty-printed, anything else (a text/plain answer) as the text it is. */
function bodyBlock(title, body) {
  return [h('h4', {}, title), h('pre', { class: 'code' }, pretty(body))]
}
function renderJournalEntry(entry) {
  const ok = entry.contract?.ok !== false
  const reason = entry.reason
  const forced = reason?.forced
  return h(
    'details',
    {
      dataset: {
        provider: entry.provider ?? '',
        operation: entry.operation ?? '',
        status: String(entry.status),
        step: reason?.step ?? '',
      },
    },
    h(
      'summary',
      {},
      h('span', { class: 'mono' }, entry.at.slice(11, 19)),
      h('span', {}, entry.method),
      h('span', { class: 'mono', title: entry.path }, entry.path),
      h('span', {}, entry.operation ?? '—'),
      h('span', { class: statusClass(entry.status) }, entry.status),
      h('span', {}, entry.case ?? '', entry.scenario ? ` (forced ${entry.scenario})` : ''),
      h('span', { class: 'reason', title: reason?.message ?? '' }, reasonBrief(reason)),
      h('span', { title: 'contract check' }, ok ? '✓ contract' : '✗ contract'),
    ),
    h(
      'div',
      { class: 'entry' },
      facts([
        ['Operation', entry.operation ?? 'none (no route)'],
        ['Status', String(entry.status)],
        ['Case', entry.case],
        ['Decided by', reason?.step],
        ['Reason', reason?.message],
        ['Failed check', reason?.check],
        [
          'Forced',
          forced &&
            `${forced.outcome} by ${forced.by === 'rule' ? `rule ${forced.rule}` : 'the header'}`,
        ],
        ['Committed before the fault', entry.committed],
        ['Took', `${entry.duration_ms} ms`],
        ['Contract', ok ? 'response valid' : 'response breaks the contract'],
      ]),
      reason?.violations?.length
        ? [h('h4', {}, 'Request violations'), violationList(reason.violations)]
        : '',
      ok ? '' : [h('h4', {}, 'Contract violations'), violationList(entry.contract.violations)],
      'request_body' in entry ? bodyBlock('Request body (redacted)', entry.request_body) : '',
      'response_body' in entry ? bodyBlock('Response body (redacted)', entry.response_body) : '',
      'request_body' in entry || 'response_body' in entry
        ? ''
        : h(
            'p',
            { class: 'muted' },
            'Bodies are recorded when the server runs with --journal-bodies.',
          ),
      h('h4', {}, 'The whole entry (JSON)'),
      h('pre', { class: 'code entry-json' }, pretty(entry)),
    ),
  )
}
function filterJournal() {
  const provider = $('journal-provider').value
  const operation = $('journal-operation').value
  const status = $('journal-status').value.trim().toLowerCase()
  let shown = 0
  for (const item of journalItems.values()) {
    const s = item.dataset.status
    const statusOk =
      status === '' ||
      (status.endsWith('xx') ? s.charAt(0) === status.charAt(0) : s.startsWith(status))
    const visible =
      (provider === '' || item.dataset.provider === provider) &&
      (operation === '' || item.dataset.operation === operation) &&
      statusOk
    item.hidden = !visible
    if (visible) shown++
  }
  $('journal-empty').hidden = shown > 0
}
for (const id of ['journal-provider', 'journal-operation', 'journal-status'])
  $(id).addEventListener('input', filterJournal)
$('journal-filters').addEventListener('submit', (event) => event.preventDefault())

// --- error catalogue and scenarios ------------------------------------------------------------

/** The rule the force options describe, for one operation and outcome. */
function ruleFor(operation, outcome) {
  const mode = document.querySelector('input[name="force-mode"]:checked').value
  const rule = { operation, outcome }
  if (mode === 'next') rule.times = 1
  if (mode === 'times') rule.times = Number($('force-times').value)
  if (mode === 'match') {
    const [field, ...rest] = $('force-match').value.split('=')
    if (!field || rest.length === 0) throw new Error('write the match rule as field=value')
    rule.match = { [field.trim()]: rest.join('=').trim() }
  }
  return rule
}

async function force(operation, outcome) {
  const rule = ruleFor(operation, outcome)
  const created = await api('scenarios', { method: 'POST', body: rule })
  const url = new URL('scenarios', location.href).href
  $('forced').hidden = false
  $('forced-summary').textContent =
    `${outcome} on ${operation} — rule ${created.id}, ${created.remaining === null ? 'until deleted' : `${created.remaining} request(s)`}${created.match ? `, when ${JSON.stringify(created.match)}` : ''}. For one request only, send the header ${state.catalogue.scenario_header}: ${outcome}.`
  $('forced-curl').textContent =
    `curl -s -X POST ${shellQuote(url)} -H 'Content-Type: application/json' -d ${shellQuote(JSON.stringify(rule))}`
  say(`Forced ${outcome} on ${operation}`)
  await unlessLive(loadScenarios)
}
$('forced-copy').addEventListener(
  'click',
  act(() => copy($('forced-curl').textContent)),
)

function renderCatalogue() {
  const root = $('catalogue')
  root.replaceChildren()
  const byProvider = new Map()
  for (const op of state.catalogue.operations) {
    if (!byProvider.has(op.provider_name)) byProvider.set(op.provider_name, [])
    byProvider.get(op.provider_name).push(op)
  }
  for (const [provider, ops] of byProvider) {
    root.append(h('h3', {}, provider))
    for (const op of ops) {
      const rows = op.cases.map((c) =>
        h(
          'tr',
          {
            dataset: {
              search: `${op.id} ${op.summary} ${c.case} ${c.trigger ?? ''} ${c.when}`.toLowerCase(),
            },
          },
          h('td', {}, h('code', {}, c.case)),
          h(
            'td',
            { class: statusClass(c.status) },
            c.status,
            // A gateway answer in plain text (Eko's 3scale defaults) says so.
            !c.media_type.includes('json') &&
              h('span', { class: 'muted', title: c.media_type }, ' text'),
          ),
          h('td', {}, c.provenance),
          h('td', {}, c.when),
          h('td', {}, c.trigger ?? '—'),
          h(
            'td',
            {},
            h(
              'button',
              {
                type: 'button',
                'aria-label': `Force ${c.case} on ${op.id}`,
                onclick: act(() => force(op.id, c.case)),
              },
              'Force',
            ),
          ),
        ),
      )
      root.append(
        h(
          'section',
          { class: 'op', dataset: { operation: op.id } },
          h(
            'h4',
            { class: 'op-head' },
            `${op.summary} `,
            h('code', {}, op.id),
            h('span', { class: 'muted' }, ` ${op.method} ${op.path} · ${op.provenance}`),
          ),
          h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Case', 'HTTP', 'Provenance', 'When', 'Trigger by value', ''].map((t) =>
                  h('th', { scope: 'col' }, t),
                ),
              ),
            ),
            h('tbody', {}, rows),
          ),
        ),
      )
    }
  }
  root.append(
    h(
      'p',
      { class: 'muted' },
      `Every operation also takes the faults ${state.catalogue.faults.join(', ')} (rule or header).`,
    ),
  )
}
$('catalogue-search').addEventListener('input', () => {
  const needle = $('catalogue-search').value.trim().toLowerCase()
  for (const section of document.querySelectorAll('#catalogue .op')) {
    let any = false
    for (const row of section.querySelectorAll('tbody tr')) {
      row.hidden = needle !== '' && !row.dataset.search.includes(needle)
      any ||= !row.hidden
    }
    section.hidden = !any
  }
})
$('force-options').addEventListener('submit', (event) => event.preventDefault())

async function loadScenarios() {
  showScenarios((await api('scenarios')).scenarios)
}
function showScenarios(scenarios) {
  $('scenario-list').replaceChildren(
    ...scenarios.map((rule) =>
      h(
        'li',
        {},
        h('code', {}, rule.outcome),
        ` on ${rule.operation}`,
        rule.remaining === null ? ' until deleted' : ` × ${rule.remaining}`,
        rule.match ? ` when ${JSON.stringify(rule.match)}` : '',
        ' ',
        h(
          'button',
          {
            type: 'button',
            'aria-label': `Delete rule ${rule.id}`,
            onclick: act(async () => {
              await api(`scenarios/${encodeURIComponent(rule.id)}`, { method: 'DELETE' })
              await unlessLive(loadScenarios)
            }),
          },
          'Delete',
        ),
      ),
    ),
  )
  $('scenario-empty').hidden = scenarios.length > 0
}
$('scenarios-clear').addEventListener(
  'click',
  act(async () => {
    await api('scenarios', { method: 'DELETE' })
    await unlessLive(loadScenarios)
    say('All rules deleted')
  }),
)

// --- request builder --------------------------------------------------------------------------

function personasOf(provider) {
  const fixtures = state.fixtures?.[provider] ?? {}
  return Object.values(fixtures)
    .filter((v) => Array.isArray(v) && v.every((p) => p && typeof p === 'object' && 'label' in p))
    .flat()
}

function fillBuilderChoices() {
  const select = $('builder-operation')
  const groups = new Map()
  for (const op of state.catalogue.operations) {
    if (!groups.has(op.provider_name))
      groups.set(op.provider_name, h('optgroup', { label: op.provider_name }))
    groups.get(op.provider_name).append(h('option', { value: op.id }, `${op.summary} (${op.id})`))
  }
  select.replaceChildren(...groups.values())
  choosePersonas()
}

function choosePersonas() {
  const op = operationById($('builder-operation').value)
  if (!op) return
  $('builder-persona').replaceChildren(
    ...personasOf(op.provider).map((p, i) =>
      h('option', { value: String(i) }, `${p.label}${p.full_name ? ` — ${p.full_name}` : ''}`),
    ),
  )
  $('builder-encrypt-label').hidden = op.provider !== 'eko'
  fillBody()
}

/** The OTP the inbox holds for a ref (newest pending first). */
function otpFor(ref) {
  const pending = state.otps.filter((o) => o.status === 'pending')
  return (pending.find((o) => o.ref === ref) ?? pending[0])?.otp
}

/** The operation's example body, its fields filled from the persona, the fixtures and the ids of earlier answers. */
function fillBody() {
  const op = operationById($('builder-operation').value)
  if (!op) return
  const persona = personasOf(op.provider)[Number($('builder-persona').value)] ?? {}
  const providerFixtures = state.fixtures?.[op.provider] ?? {}
  const body = structuredClone(op.example)
  for (const field of Object.keys(body)) {
    if (field === 'aadhar' || field === 'aadhaar') body[field] = persona.aadhaar ?? body[field]
    else if (field in persona && persona[field] !== null) body[field] = persona[field]
    else if (field === 'piddata' && providerFixtures.piddata?.pid_ok)
      body[field] = providerFixtures.piddata.pid_ok
    else if (field in providerFixtures && typeof providerFixtures[field] === 'string')
      body[field] = providerFixtures[field]
    else if (field in state.memory) body[field] = state.memory[field]
  }
  if ('otp' in body) {
    const otp = otpFor(body.client_id ?? body.otp_ref_id)
    if (otp) body.otp = otp
  }
  $('builder-body').value = JSON.stringify(body, null, 2)
}

$('builder-operation').addEventListener('change', choosePersonas)
$('builder-persona').addEventListener('change', fillBody)
$('builder-fill').addEventListener(
  'click',
  act(async () => {
    await unlessLive(loadOtps)
    fillBody()
  }),
)

/**
 * The URL and body of a builder request: each `{name}` of the path takes the field of that name
 * (else the contract's example); a GET sends its fields as the query and no body.
 */
function requestUrl(op, fields) {
  const path = op.path.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name) =>
    encodeURIComponent(String(fields[name] ?? op.params_example[name] ?? '')),
  )
  const url = new URL(`..${path}`, location.href)
  if (op.method !== 'GET') return { url, sent: fields }
  for (const [name, value] of Object.entries(fields))
    if (!op.path_params.includes(name)) url.searchParams.set(name, String(value))
  return { url, sent: undefined }
}

const formatHeaders = (headers) =>
  Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n')

$('builder').addEventListener(
  'submit',
  act(async () => {
    const op = operationById($('builder-operation').value)
    let body
    try {
      body = JSON.parse($('builder-body').value)
    } catch (error) {
      throw new Error(`the body is not JSON: ${error.message}`)
    }
    const headers = { 'content-type': 'application/json' }
    if (op.provider === 'surepass')
      headers.authorization = `Bearer ${state.fixtures.surepass.token}`
    if (op.provider === 'eko' && $('builder-encrypt').checked) {
      // Where the contract asks for a request_hash, Eko hashes the unencrypted Aadhaar: fintwin
      // signs the plain body, reading which fields from the operation's contract.
      const plain = structuredClone(body)
      for (const field of ['aadhar', 'aadhaar']) {
        if (typeof body[field] === 'string' && /^[0-9]{12}$/.test(body[field]))
          body[field] = (
            await api('eko/encrypt', { method: 'POST', body: { aadhaar: body[field] } })
          ).aadhar
      }
      Object.assign(
        headers,
        await api('eko/sign', { method: 'POST', body: { operation: op.id, body: plain } }),
      )
    }
    if (op.media_type !== null)
      throw new Error(
        `${op.summary} takes a ${op.media_type} upload with document files: send it with the SDK or curl -F, not from here`,
      )
    const { url, sent } = requestUrl(op, body)
    const text = sent === undefined ? undefined : JSON.stringify(sent)
    if (sent === undefined) delete headers['content-type']
    $('builder-request').textContent =
      `${op.method} ${url.href}\n${formatHeaders(headers)}${sent === undefined ? '' : `\n\n${JSON.stringify(sent, null, 2)}`}`
    $('builder-response').textContent = 'sending…'
    const response = await fetch(url, { method: op.method, headers, body: text })
    const answer = await response.text()
    let shown = answer
    try {
      const json = JSON.parse(answer)
      shown = JSON.stringify(json, null, 2)
      if (json && typeof json.data === 'object' && json.data !== null)
        Object.assign(state.memory, json.data)
    } catch {
      // not JSON: show as is
    }
    $('builder-response').textContent =
      `HTTP ${response.status} ${response.statusText}\n${formatHeaders(Object.fromEntries(response.headers))}\n\n${shown}`
    say(`${op.summary}: HTTP ${response.status}`)
    await unlessLive(loadOtps, loadJournal)
  }),
)

// --- presets, reset, fixtures -----------------------------------------------------------------

async function loadPresets() {
  const { presets } = await api('presets')
  $('preset-list').replaceChildren(
    ...presets.map((preset) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            'aria-label': `Apply preset ${preset.name}`,
            onclick: act(() => applyPreset(preset.name)),
          },
          'Apply',
        ),
        ' ',
        h('code', {}, preset.name),
        ` — ${preset.description}`,
      ),
    ),
  )
}
async function applyPreset(name) {
  const result = await api(`presets/${encodeURIComponent(name)}`, { method: 'POST' })
  $('preset-result').hidden = false
  $('preset-result-h').textContent = `Result of ${result.preset}`
  $('preset-state').replaceChildren(
    ...Object.entries(result.state).flatMap(([key, value]) => [
      h('dt', {}, key),
      h('dd', {}, typeof value === 'object' ? pretty(value) : copyable(value, key)),
    ]),
  )
  $('preset-next').textContent =
    `Next: ${result.next.method} ${result.next.path} (${result.next.operation}) → ${result.next.expect}`
  $('preset-curl').textContent = result.curl
  say(`Preset ${name} applied`)
  await unlessLive(loadOtps, loadClock)
}
$('preset-copy').addEventListener(
  'click',
  act(() => copy($('preset-curl').textContent)),
)

$('reset').addEventListener(
  'click',
  act(async () => {
    await api('reset', { method: 'POST' })
    state.memory = {}
    say('Back to the seeded start')
    await unlessLive(loadClock, loadOtps, loadJournal, loadScenarios)
  }),
)

function renderFixtures() {
  const root = $('fixtures')
  root.replaceChildren()
  for (const [provider, fixtures] of Object.entries(state.fixtures)) {
    if (provider === 'triggers') continue
    root.append(h('h3', {}, provider))
    const scalars = Object.entries(fixtures).filter(([, v]) => typeof v === 'string')
    root.append(
      h(
        'dl',
        { class: 'kv' },
        scalars.flatMap(([key, value]) => [h('dt', {}, key), h('dd', {}, copyable(value, key))]),
      ),
    )
    for (const [key, value] of Object.entries(fixtures)) {
      if (Array.isArray(value) && value.length > 0 && typeof value[0] === 'object') {
        const columns = Object.keys(value[0]).filter((c) => c !== 'note')
        root.append(
          h('h4', {}, key),
          h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              {},
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  columns.map((c) => h('th', { scope: 'col' }, c)),
                ),
              ),
              h(
                'tbody',
                {},
                value.map((row) =>
                  h(
                    'tr',
                    { title: row.note ?? '' },
                    columns.map((c) =>
                      h(
                        'td',
                        {},
                        row[c] === null || typeof row[c] === 'object'
                          ? '—'
                          : copyable(row[c], `${row.label ?? ''} ${c}`),
                      ),
                    ),
                  ),
                ),
              ),
            ),
          ),
        )
      } else if (value && typeof value === 'object' && !Array.isArray(value)) {
        root.append(
          h('h4', {}, key),
          h(
            'dl',
            { class: 'kv' },
            Object.entries(value).flatMap(([k, v]) => [
              h('dt', {}, k),
              h('dd', {}, copyable(typeof v === 'string' ? v : JSON.stringify(v), k)),
            ]),
          ),
        )
      }
    }
  }
}

// --- start and poll ---------------------------------------------------------------------------

$('token-form').addEventListener(
  'submit',
  act(async () => {
    sessionStorage.setItem(TOKEN_KEY, $('token').value)
    $('token-form').hidden = true
    await start()
  }),
)

/**
 * Listens to the event stream (`events`, with the admin token as a query parameter: an
 * EventSource sends no headers). While it is open nothing is polled; when it drops the page polls
 * until the browser reconnects it, and when it is refused (the cap, no route) the page polls and
 * tries again later.
 */
function listen() {
  if (typeof EventSource !== 'function' || state.gone) return
  const token = sessionStorage.getItem(TOKEN_KEY)
  const source = new EventSource(
    token ? `events?${new URLSearchParams({ admin_token: token })}` : 'events',
  )
  const mode = (live) => {
    state.live = live
    document.body.dataset.live = live ? 'stream' : 'polling'
    $('live-state').textContent = live ? 'live' : 'polling'
  }
  const on = (type, show) =>
    source.addEventListener(type, (event) => {
      mode(true)
      show(JSON.parse(event.data))
    })
  on('clock', showClock)
  on('otps', ({ otps }) => showOtps(otps))
  on('journal', showJournal)
  on('scenarios', ({ scenarios }) => showScenarios(scenarios))
  source.addEventListener('gone', () => {
    source.close()
    state.gone = true
    mode(false)
    say('This sandbox was deleted: the console shows its last state.')
  })
  source.addEventListener('error', () => {
    mode(false)
    if (source.readyState === EventSource.CLOSED && !state.gone) setTimeout(listen, STREAM_RETRY_MS)
  })
}

let refreshing = false
async function refresh() {
  if (refreshing || state.live || state.gone || document.hidden || !state.catalogue) return
  refreshing = true
  try {
    const work = [loadClock(), loadOtps()]
    if (panelShown('panel-journal')) work.push(loadJournal())
    if (panelShown('panel-catalogue')) work.push(loadScenarios())
    await Promise.all(work)
  } catch (error) {
    say(`Cannot reach the simulator: ${error.message}`)
  } finally {
    refreshing = false
  }
}

async function start() {
  ;[state.catalogue, state.fixtures] = await Promise.all([api('catalogue'), api('fixtures')])
  const providers = [...new Set(state.catalogue.operations.map((op) => op.provider))]
  $('journal-provider').replaceChildren(
    h('option', { value: '' }, 'all'),
    ...providers.map((p) => h('option', { value: p }, p)),
  )
  $('journal-operation').replaceChildren(
    h('option', { value: '' }, 'all'),
    ...state.catalogue.operations.map((op) => h('option', { value: op.id }, op.id)),
  )
  // Which sandbox this console shows: its path says (`/sbx/{id}/__sim/ui`).
  const sandbox = /\/sbx\/([^/]+)\/__sim\/ui$/.exec(location.pathname)?.[1]
  $('sandbox-name').textContent = sandbox
    ? `sandbox ${decodeURIComponent(sandbox)}`
    : 'default sandbox'
  renderCatalogue()
  fillBuilderChoices()
  renderFixtures()
  listen()
  await Promise.all([loadPresets(), loadScenarios()])
  document.body.dataset.ready = 'true'
  await refresh()
}

tickClocks()
setInterval(tickClocks, 1000)
setInterval(refresh, POLL_MS)
start().catch((error) => say(`Cannot load the console: ${error.message}`))
