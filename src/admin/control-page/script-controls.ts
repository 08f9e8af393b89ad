/** The page script's controls: the header facts, the scenario switches, maintenance, clock, reset. */
export const SCRIPT_CONTROLS = String.raw`
let scenarioKey = ''
let busy = false

function renderFacts() {
  const limit = state.rateLimits.policy
  const facts = [
    ['Version', state.version],
    ['Seed', String(state.seed)],
    ['Tokens', state.auth ? 'required' : 'off'],
    ['Rate limit', limit ? limit.limit + ' / ' + seconds(limit.windowMs) : 'off'],
  ]
  $('facts').replaceChildren(...facts.map(([name, value]) => h('div', null, h('dt', null, name), h('dd', null, value))))
}

function seconds(ms) {
  return ms % 60000 === 0 ? ms / 60000 + ' min' : ms % 1000 === 0 ? ms / 1000 + ' s' : ms + ' ms'
}

// The "what it does" sentence first; the advice to client authors folds away.
function splitDescription(text) {
  const at = text.indexOf(' Your client should')
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)]
}

function scenarioItem(info) {
  const id = 'scen-' + info.name
  const [what, advice] = splitDescription(info.description || '')
  const input = h('input', {
    type: 'checkbox', role: 'switch', class: 'switch', id, 'aria-describedby': id + '-desc',
    disabled: Boolean(info.problem), onchange: (event) => toggleScenario(info.name, event.target),
  })
  return h('li', { class: 'scen', 'data-name': info.name },
    input,
    h('div', null,
      h('label', { for: id }, info.name),
      h('span', { class: 'tag on-tag', hidden: true }, 'on'),
      h('span', { class: 'tag' }, info.builtin ? 'built-in' : info.source),
      h('p', { class: 'desc', id: id + '-desc' }, what),
      info.problem ? h('p', { class: 'problem' }, info.problem) : null,
      advice ? h('details', null, h('summary', null, 'What your client should do'), h('p', null, advice)) : null))
}

function renderScenarios() {
  const list = state.scenarios
  // Rebuilt only when the set changes, so polling never takes the focus away from a switch.
  const key = JSON.stringify(list.map((s) => [s.name, s.description, s.problem || '']))
  if (key !== scenarioKey) {
    scenarioKey = key
    $('scen-list').replaceChildren(...list.map(scenarioItem))
    $('scen-filter').hidden = list.length < 8
    filterScenarios()
  }
  for (const item of $('scen-list').children) {
    const on = state.active.includes(item.dataset.name)
    item.classList.toggle('on', on)
    item.querySelector('.on-tag').hidden = !on
    const input = item.querySelector('input')
    if (!input.matches('[aria-busy="true"]')) input.checked = on
  }
  const active = state.active
  $('scen-count').textContent = active.length + ' on'
  $('scen-active').textContent = active.length === 0
    ? 'None on: every request gets its natural answer.'
    : 'In force, later ones layered over earlier ones: ' + active.join(' → ')
  $('scen-off').disabled = active.length === 0
}

function filterScenarios() {
  const words = $('scen-filter').value.trim().toLowerCase()
  for (const item of $('scen-list').children) {
    item.hidden = words !== '' && !item.textContent.toLowerCase().includes(words)
  }
}
$('scen-filter').addEventListener('input', filterScenarios)

async function setActive(names, done) {
  try {
    const result = await call('PUT', '/scenarios/active', { names })
    state.active = result.active
    say(done)
  } catch (error) {
    fail(error)
  }
  await refresh()
}

async function toggleScenario(name, input) {
  const on = input.checked
  const others = state.active.filter((n) => n !== name)
  input.setAttribute('aria-busy', 'true')
  await setActive(on ? others.concat(name) : others, 'Scenario ' + name + (on ? ' is on.' : ' is off.'))
  input.removeAttribute('aria-busy')
  input.checked = state.active.includes(name)
}
$('scen-off').addEventListener('click', () => setActive([], 'Every scenario is off.'))

function renderServer() {
  const maint = $('maint')
  if (!busy) maint.checked = state.maintenance
  const by = state.maintenanceBy
  $('maint-hint').textContent = by.length
    ? 'On while scenario ' + by.join(', ') + ' is active: switch that off to end it.'
    : 'Every API route answers 503 with Retry-After.'
  tick()
}

$('maint').addEventListener('change', async (event) => {
  const enabled = event.target.checked
  busy = true
  try {
    await call('PUT', '/maintenance', { enabled })
    say(enabled ? 'Maintenance is on: the API answers 503.' : 'Maintenance is off.')
  } catch (error) {
    fail(error)
  }
  busy = false
  await refresh()
})

function tick() {
  const now = new Date(Date.parse(state.clock.now) + Date.now() - fetchedAt)
  $('clock-now').textContent = now.toLocaleString(undefined, {
    weekday: 'short', day: 'numeric', month: 'short', year: 'numeric',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  })
  const offset = state.clock.offsetMs
  $('clock-offset').textContent = offset ? duration(offset) + ' ahead of real time' : 'Real time'
  tickLimits()
}

function duration(ms) {
  const s = Math.round(ms / 1000)
  const parts = [[Math.floor(s / 86400), 'd'], [Math.floor(s / 3600) % 24, 'h'], [Math.floor(s / 60) % 60, 'min'], [s % 60, 's']]
  const shown = parts.filter(([n]) => n > 0).map(([n, unit]) => n + ' ' + unit)
  return shown.length ? shown.join(' ') : ms + ' ms'
}

async function advance(by) {
  const error = $('clock-error')
  try {
    await call('POST', '/clock/advance', { by })
    error.hidden = true
    $('clock-by').removeAttribute('aria-invalid')
    say('Clock moved forward by ' + by + '.')
  } catch (problem) {
    const field = problem.problem && problem.problem.errors && problem.problem.errors[0]
    if (!field) return fail(problem)
    error.textContent = 'by ' + field.message
    error.hidden = false
    $('clock-by').setAttribute('aria-invalid', 'true')
  }
  await refresh()
}

$('clock-form').addEventListener('submit', (event) => {
  event.preventDefault()
  const by = $('clock-by').value.trim()
  if (by) advance(/^\d+$/.test(by) ? Number(by) : by)
})
for (const button of document.querySelectorAll('[data-advance]')) {
  button.addEventListener('click', () => advance(button.dataset.advance))
}

function showResetConfirm(open) {
  $('reset-confirm').hidden = !open
  $('reset').hidden = open
  $(open ? 'reset-yes' : 'reset').focus()
}
$('reset').addEventListener('click', () => showResetConfirm(true))
$('reset-no').addEventListener('click', () => showResetConfirm(false))
$('reset-confirm').addEventListener('keydown', (event) => { if (event.key === 'Escape') showResetConfirm(false) })
$('reset-yes').addEventListener('click', async () => {
  try {
    await call('POST', '/reset')
    clearLog()
    say('Reset: data, counters, journal and clock are back to the start.')
  } catch (error) {
    fail(error)
  }
  showResetConfirm(false)
  await refresh()
})
`
