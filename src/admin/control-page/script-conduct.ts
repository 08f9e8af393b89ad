/** The page script's "Client conduct" panel: the findings as they come, and the coverage grid. */
export const SCRIPT_CONDUCT = `
const ERROR_PATHS = ['400', '401', '403', '404', '429', '503', 'reset', 'empty', 'hang', 'malformed', 'drip', 'latency']

function plural(n, word) {
  return n + ' ' + word + (n === 1 ? '' : 's')
}

function renderConduct() {
  const { findings, coverage } = state.conduct
  $('conduct').hidden = false
  const missing = coverage.reduce((n, row) => n + row.missing.length, 0)
  const rules = new Set(findings.map((f) => f.rule)).size
  $('conduct-count').textContent = String(findings.length)
  $('conduct-summary').textContent = findings.length === 0
    ? 'No findings: the client handled every error it met. ' + plural(missing, 'error path') + ' never met.'
    : plural(findings.length, 'finding') + ' in ' + plural(rules, 'rule') + ', ' + plural(missing, 'error path') + ' never met.'
  $('conduct-findings').replaceChildren(...findings.map((f) => h('li', { 'data-rule': f.rule },
    h('code', { class: 'rule' }, f.rule),
    h('span', { class: 'tag' }, f.client),
    f.requests.length ? h('span', { class: 'tag' }, 'requests ' + f.requests.map((id) => '#' + id).join(', ')) : null,
    h('div', null, f.message))))
  const extra = [...new Set(coverage.flatMap((row) => row.met.map((m) => m.outcome)))]
    .filter((o) => !ERROR_PATHS.includes(o)).sort()
  const columns = [...extra, ...ERROR_PATHS]
  $('coverage-head').replaceChildren(h('tr', null, h('th', null, 'Route'), columns.map((c) => h('th', null, c))))
  $('coverage-body').replaceChildren(...coverage.map((row) => h('tr', null,
    h('th', null, h('code', null, row.method + ' ' + row.route)),
    columns.map((column) => {
      const met = row.met.find((m) => m.outcome === column)
      if (met) return h('td', { title: met.natural + ' natural, ' + met.injected + ' injected' }, String(met.natural + met.injected))
      const gap = row.missing.find((m) => m.outcome === column)
      return gap ? h('td', { class: 'never', title: gap.how }, 'never') : h('td')
    }))))
}

$('conduct-clear').addEventListener('click', async () => {
  try {
    await call('DELETE', '/conduct')
    say('Conduct cleared: findings and coverage start afresh.')
    refresh()
  } catch (error) { fail(error) }
})
`
