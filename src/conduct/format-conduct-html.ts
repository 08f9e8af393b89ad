import { ERROR_PATHS } from './conduct-rules.js'
import type { LabelledConductReport } from './create-conduct.js'
import { labelOf, summarizeConduct } from './summarize-conduct.js'
import type { CoverageRow } from './track-coverage.js'

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b;background:#fff}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f2f2f2}
code{font-size:.9em}.summary{font-weight:600}.missing{background:#fff3cd;color:#6b4d00;text-align:center}
.met{text-align:center}.none{color:#555}
@media (prefers-color-scheme:dark){body{background:#161616;color:#eee}th{background:#2a2a2a}td,th{border-color:#444}.missing{background:#4a3b00;color:#ffe08a}.none{color:#aaa}}`

/** The conduct report as one standalone page: no script, no outside resource. */
export function formatConductHtml(reports: readonly LabelledConductReport[]): string {
  const sections = reports.map(
    (report) =>
      `<section><h2>${escapeHtml(labelOf(report))}</h2>${findingsTable(report)}${coverageGrid(report.coverage)}</section>`,
  )
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>mockapi: client conduct</title><style>${STYLE}</style></head>
<body><h1>mockapi: client conduct</h1><p class="summary" id="summary">${escapeHtml(summarizeConduct(reports))}</p>
${sections.join('\n')}
</body></html>
`
}

function findingsTable(report: LabelledConductReport): string {
  if (report.findings.length === 0) return '<p class="none">No findings.</p>'
  const rows = report.findings.map(
    (f) =>
      `<tr class="finding" data-rule="${escapeHtml(f.rule)}"><td><code>${escapeHtml(f.rule)}</code></td><td>${escapeHtml(f.client)}</td><td>${escapeHtml(f.message)}</td><td>${f.requests.map((id) => `#${id}`).join(', ')}</td><td>${escapeHtml(f.at)}</td></tr>`,
  )
  return `<table class="findings"><thead><tr><th>rule</th><th>client</th><th>what happened</th><th>requests</th><th>at</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

/** Routes × outcomes: how often each was met, or what makes a missing error path happen. */
function coverageGrid(rows: readonly CoverageRow[]): string {
  if (rows.length === 0) return '<p class="none">No requests to resource routes.</p>'
  const extra = [...new Set(rows.flatMap((r) => r.met.map((m) => m.outcome)))]
    .filter((o) => !(ERROR_PATHS as readonly string[]).includes(o))
    .sort()
  const columns = [...extra, ...ERROR_PATHS]
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')
  const body = rows.map((row) => {
    const cells = columns.map((column) => {
      const met = row.met.find((m) => m.outcome === column)
      if (met !== undefined) return `<td class="met">${met.natural + met.injected}</td>`
      const missing = row.missing.find((m) => m.outcome === column)
      return missing === undefined
        ? '<td></td>'
        : `<td class="missing" title="${escapeHtml(missing.how)}">never</td>`
    })
    return `<tr><th><code>${escapeHtml(`${row.method} ${row.route}`)}</code></th>${cells.join('')}</tr>`
  })
  return `<table class="coverage"><thead><tr><th>route</th>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`
}
