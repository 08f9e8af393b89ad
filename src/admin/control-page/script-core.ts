/**
 * The page script's core: calls to the admin routes with the token, the token gate, notices and
 * the state refresh. Plain browser JavaScript, run in one function scope with the other parts.
 */
export const SCRIPT_CORE = `
const BASE = '/__mockapi'
const TOKEN_KEY = 'mockapi-admin-token'
const $ = (id) => document.getElementById(id)
let token = sessionStorage.getItem(TOKEN_KEY) || ''
let state = null
let fetchedAt = 0
let refreshTimer = 0
let gated = false

function h(tag, props, ...children) {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue
    if (name === 'class') el.className = value
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value)
    else if (name in el && typeof value !== 'string') el[name] = value
    else el.setAttribute(name, value === true ? '' : String(value))
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) el.append(child)
  }
  return el
}

function authHeaders() {
  return token ? { Authorization: 'Bearer ' + token } : {}
}

class AdminError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || 'The server answered ' + status + '.')
    this.status = status
    this.code = problem && problem.code
    this.problem = problem
  }
}

async function call(method, path, body) {
  const headers = authHeaders()
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  let res
  try {
    res = await fetch(BASE + path, {
      method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new AdminError(0, { code: 'offline', detail: 'The mock does not answer. Is it still running?' })
  }
  if (res.status === 204) return null
  const data = await res.json().catch(() => null)
  if (!res.ok) throw new AdminError(res.status, data)
  return data
}

const GATE_TEXT = {
  admin_token_missing: 'This mockapi was started with an admin token (--admin-token or MOCKAPI_ADMIN_TOKEN). Enter it to use the controls.',
  admin_token_invalid: 'That admin token was refused. Enter the one this mockapi was started with.',
  admin_locked: 'The controls are locked: this mockapi listens on the network and was started without an admin token. Restart it with --admin-token TOKEN (or MOCKAPI_ADMIN_TOKEN), then enter that token here.',
}

function isGateError(error) {
  return error instanceof AdminError && Object.hasOwn(GATE_TEXT, error.code || '')
}

function showGate(error) {
  gated = true
  stopLog()
  $('main').hidden = true
  $('gate').hidden = false
  $('gate-text').textContent = GATE_TEXT[error.code]
  // A locked server takes no token until it is restarted with one.
  $('gate-form').hidden = error.code === 'admin_locked'
  setConn('down', error.code === 'admin_locked' ? 'Locked' : 'Token needed')
  if (error.code === 'admin_token_invalid') {
    token = ''
    sessionStorage.removeItem(TOKEN_KEY)
  }
  $('gate-token').focus()
}

$('gate-form').addEventListener('submit', (event) => {
  event.preventDefault()
  token = $('gate-token').value.trim()
  sessionStorage.setItem(TOKEN_KEY, token)
  $('gate-token').value = ''
  gated = false
  start()
})

let noticeTimer = 0
function say(text, isError) {
  const notice = $('notice')
  notice.textContent = text
  notice.className = isError ? 'notice error' : 'notice'
  notice.hidden = false
  clearTimeout(noticeTimer)
  noticeTimer = setTimeout(() => { notice.hidden = true }, isError ? 8000 : 3000)
}

function fail(error) {
  if (isGateError(error)) return showGate(error)
  const fields = (error.problem && error.problem.errors) || []
  const why = fields.map((e) => e.field + ': ' + e.message).join('; ')
  say(error.message + (why ? ' ' + why : ''), true)
}

function setConn(kind, text) {
  const conn = $('conn')
  conn.className = 'conn ' + kind
  conn.textContent = text
}

async function refresh() {
  clearTimeout(refreshTimer)
  try {
    state = await call('GET', '/state')
    fetchedAt = Date.now()
    $('gate').hidden = true
    $('main').hidden = false
    render()
  } catch (error) {
    if (isGateError(error)) return showGate(error)
    if (state === null) say(error.message, true)
  }
  if (!gated) refreshTimer = setTimeout(refresh, document.hidden ? 10000 : 2000)
}

let soonTimer = 0
function refreshSoon() {
  if (soonTimer || gated) return
  soonTimer = setTimeout(() => { soonTimer = 0; refresh() }, 400)
}

function render() {
  renderFacts()
  renderScenarios()
  renderServer()
  renderResources()
  renderLimits()
  renderConduct()
  renderFoot()
}

async function start() {
  await refresh()
  if (!gated) startLog()
}

document.addEventListener('visibilitychange', () => { if (!document.hidden && !gated) refresh() })
setInterval(() => { if (state && !gated) tick() }, 1000)
`
