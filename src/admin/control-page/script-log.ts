/**
 * The page script's live log: `GET /__mockapi/events` read with fetch (EventSource cannot send the
 * token), the recent journal first (`?recent=`), newest on top, capped, with pause and an errors-only view.
 */
export const SCRIPT_LOG = String.raw`
const LOG_CAP = 300
let logAbort = null
let paused = false
let held = []
let queued = []
let lastId = 0
let shown = 0

function statusClass(e) {
  if (e.status === 0 || e.fault) return 'sf'
  if (e.status === 429) return 's429'
  return 's' + String(e.status).charAt(0)
}

// A natural 429 or 503 while a scenario lowers the limit or holds maintenance on is its doing.
function setBy(e) {
  const by = e.status === 429 ? state.rateLimitBy : e.status === 503 ? state.maintenanceBy : []
  if (!by || by.length === 0) return ''
  return by[by.length - 1] + (e.status === 429 ? ' · limit' : ' · maintenance')
}

function entryRow(e, fresh) {
  const kind = statusClass(e)
  const ok = kind === 's2' || kind === 's3'
  const status = e.status === 0 ? e.fault : e.fault ? e.status + ' ' + e.fault : String(e.status)
  const time = new Date(e.at)
  const at = time.toLocaleTimeString(undefined, { hour12: false }) + '.' + String(time.getMilliseconds()).padStart(3, '0')
  const by = e.scenario
    ? h('span', { class: 'by rule' }, e.scenario + ' · rule ' + e.rule + (e.delayed ? ' · delay' : ''))
    : h('span', { class: 'by' + (setBy(e) ? ' rule' : '') }, setBy(e) || 'natural')
  return h('li', { class: 'entry ' + kind + (ok ? ' ok' : '') + (fresh ? ' fresh' : ''), 'data-id': String(e.id) },
    h('span', { class: 'st' }, status),
    h('span', { class: 'm' }, e.method),
    h('span', { class: 'path', title: e.path + e.search }, e.path, e.search ? h('span', { class: 'q' }, e.search) : null),
    by,
    h('time', { class: 't', datetime: e.at }, at),
    h('span', { class: 'ms' }, e.ms + ' ms'))
}

function addEntries(entries, fresh) {
  const list = $('log-list')
  const rows = entries.filter((e) => e.id > lastId)
  if (rows.length === 0) return
  lastId = rows[rows.length - 1].id
  const fragment = document.createDocumentFragment()
  for (const e of rows.slice(-LOG_CAP).reverse()) fragment.append(entryRow(e, fresh))
  list.prepend(fragment)
  while (list.children.length > LOG_CAP) list.lastElementChild.remove()
  shown = list.children.length
  renderLogCount()
}

function renderLogCount() {
  $('log-count').textContent = String(shown)
  $('log-empty').hidden = shown > 0
  const pause = $('log-pause')
  pause.textContent = paused ? 'Resume' + (held.length ? ' (' + held.length + ' new)' : '') : 'Pause'
  pause.setAttribute('aria-pressed', String(paused))
  if (!$('log-empty').hidden && state) {
    const first = state.rateLimits.keys.find((k) => k.token)
    const auth = state.auth && first ? " -H 'Authorization: Bearer " + first.token + "'" : ''
    $('log-empty').replaceChildren('No requests yet. Send one and it shows up here at once:',
      h('code', null, 'curl' + auth + ' ' + location.origin + '/users'))
  }
}

function clearLog() {
  $('log-list').replaceChildren()
  held = []
  shown = 0
  renderLogCount()
}

// Events come in bursts under load: one DOM update per frame.
function receive(event) {
  if (paused) {
    held.push(event)
    if (held.length > LOG_CAP) held.shift()
    return renderLogCount()
  }
  if (queued.push(event) === 1) requestAnimationFrame(flush)
}

function flush() {
  const batch = queued
  queued = []
  addEntries(batch, true)
  refreshSoon()
}

$('log-pause').addEventListener('click', () => {
  paused = !paused
  if (!paused) { addEntries(held, true); held = [] }
  setConn(paused ? 'paused' : 'live', paused ? 'Paused' : 'Live')
  renderLogCount()
})
$('log-clear').addEventListener('click', clearLog)
$('log-errors').addEventListener('change', (event) => $('log-list').classList.toggle('errors-only', event.target.checked))

function stopLog() {
  if (logAbort) logAbort.abort()
  logAbort = null
}

function parseBlock(block) {
  let type = 'message'
  let data = ''
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) type = line.slice(6).trim()
    else if (line.startsWith('data:')) data += line.slice(5).trim()
  }
  if (!data) return
  if (type === 'request') receive(JSON.parse(data))
  else if (type === 'recent') addEntries([JSON.parse(data)], false)
}

async function follow(signal) {
  // The stream starts with the last LOG_CAP requests, then follows new ones as they come.
  const res = await fetch(BASE + '/events?recent=' + LOG_CAP, { headers: authHeaders(), cache: 'no-store', signal })
  if (!res.ok) throw new AdminError(res.status, await res.json().catch(() => null))
  clearLog()
  lastId = 0
  setConn(paused ? 'paused' : 'live', paused ? 'Paused' : 'Live')
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return
    buffer += value.replace(/\r\n?/g, '\n')
    for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
      parseBlock(buffer.slice(0, cut))
      buffer = buffer.slice(cut + 2)
    }
  }
}

async function startLog() {
  stopLog()
  const controller = new AbortController()
  logAbort = controller
  let wait = 1000
  while (!controller.signal.aborted) {
    try {
      await follow(controller.signal)
      wait = 1000
    } catch (error) {
      if (controller.signal.aborted) return
      if (isGateError(error)) return showGate(error)
    }
    setConn('down', 'Reconnecting…')
    await new Promise((resolve) => setTimeout(resolve, wait))
    wait = Math.min(wait * 2, 10000)
  }
}
`
