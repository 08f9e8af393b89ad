/** The page script's read-only parts: resources with counts, rate limits per token, the footer. */
export const SCRIPT_STATUS = `
function renderResources() {
  const resources = state.resources
  const spaces = Object.keys((resources[0] && resources[0].workspaces) || {}).filter((w) => w !== '')
  const total = resources.reduce((sum, r) => sum + r.count, 0)
  $('res-count').textContent = total.toLocaleString() + ' records'
  $('res-hint').textContent = spaces.length
    ? 'Records per workspace (' + spaces.join(', ') + '): a token sees only its own workspace.'
    : 'Records per resource.'
  $('res-head').replaceChildren(h('tr', null,
    h('th', null, 'Resource'),
    spaces.map((w) => h('th', { class: 'num', title: 'Records in workspace ' + w }, w)),
    h('th', { class: 'num' }, 'Total')))
  const api = state.openapi
  // The key is named when it is not \`id\`: \`/special-events\` key eventId.
  const pathOf = (r) => [h('code', null, r.path), r.key === 'id' ? null : h('span', { class: 'tag' }, 'key ' + r.key)]
  const operations = api ? api.operations.map((op) => h('tr', null,
    h('td', null, h('code', null, op)),
    spaces.map(() => h('td')),
    h('td', { class: 'num' }, h('span', { class: 'tag' }, 'from the document')))) : []
  $('res-body').replaceChildren(...resources.map((r) => h('tr', null,
    h('td', null, pathOf(r)),
    spaces.map((w) => h('td', { class: 'num' }, (r.workspaces[w] || 0).toLocaleString())),
    h('td', { class: 'num' }, h('strong', null, r.count.toLocaleString())))), ...operations)
  if (api) $('res-title').textContent = api.title + ': collections and operations'
}

function who(entry) {
  if (entry.token) return [h('code', null, entry.token)]
  // A token that is not a default one comes as a fingerprint: token#1a2b3c4d.
  if (entry.key.startsWith('token#')) return [h('code', null, entry.key), h('span', { class: 'tag' }, 'unknown token')]
  const [kind, ...rest] = entry.key.split(' ')
  const name = rest.join(' ')
  return kind === 'address' ? [h('code', null, name), h('span', { class: 'tag' }, 'no token')]
    : [h('code', null, name), h('span', { class: 'tag' }, 'unknown token')]
}

function renderLimits() {
  const { policy, keys } = state.rateLimits
  $('limits-policy').textContent = policy
    ? policy.limit + ' requests per ' + seconds(policy.windowMs) + ' for each token (or client address without one). Counts go back to zero with Reset or when the clock passes the window.'
    : 'No server-wide limit: only tokens with a limit of their own are counted.'
  $('limits-body').replaceChildren(...keys.map((entry) => {
    const limited = entry.limit !== null
    const share = limited ? Math.min(1, entry.used / entry.limit) : 0
    const bar = h('div', { class: 'bar' + (share >= 1 ? ' full' : share >= 0.8 ? ' high' : '') }, h('span'))
    bar.firstChild.style.width = (share * 100).toFixed(1) + '%'
    return h('tr', null,
      h('td', null, who(entry), limited ? bar : null),
      h('td', { class: 'num' }, limited ? entry.used + ' / ' + entry.limit : String(entry.used)),
      h('td', { class: 'num' + (limited && entry.remaining === 0 ? ' full-text' : '') }, limited ? String(entry.remaining) : '∞'),
      h('td', { class: 'num', 'data-reset': entry.resetMs === null ? '' : String(entry.resetMs) }, '—'))
  }))
  tickLimits()
}

function tickLimits() {
  const passed = Date.now() - fetchedAt
  for (const cell of document.querySelectorAll('[data-reset]')) {
    const ms = cell.dataset.reset === '' ? null : Number(cell.dataset.reset) - passed
    cell.textContent = ms === null ? '—' : ms <= 0 ? 'now' : 'in ' + duration(ms)
  }
}

function renderFoot() {
  const first = state.rateLimits.keys.find((k) => k.token && !k.token.startsWith('token#'))
  const auth = state.auth && first ? " -H 'Authorization: Bearer " + first.token + "'" : ''
  $('foot').replaceChildren(
    'Try it: ', h('code', null, 'curl -i' + auth + ' ' + location.origin + '/users/1'),
    ' · one answer on demand: ', h('code', null, "-H 'Prefer: code=429'"),
    ' · the same controls as JSON: ', h('code', null, BASE + '/state'))
}
`
