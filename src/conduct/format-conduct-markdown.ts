import { ERROR_PATHS, HOW_TO_MEET } from './conduct-rules.js'
import type { LabelledConductReport } from './create-conduct.js'
import { labelOf, summarizeConduct } from './summarize-conduct.js'
import type { CoverageRow } from './track-coverage.js'

/** A cell's text: pipes and line breaks would break the table. */
const cell = (text: string) =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')

/**
 * The conduct report as Markdown — tables a CI job summary (`GITHUB_STEP_SUMMARY`) can show: per
 * instance, its findings, then its error-path coverage, then how to meet each path never met.
 */
export function formatConductMarkdown(reports: readonly LabelledConductReport[]): string {
  const lines = ['## mockapi: client conduct', '', `**${summarizeConduct(reports)}**`, '']
  for (const report of reports) {
    lines.push(`### ${cell(labelOf(report))}`, '')
    if (report.findings.length === 0) lines.push('No findings.', '')
    else {
      lines.push('| rule | client | what happened | requests | at |', '|---|---|---|---|---|')
      for (const f of report.findings) {
        const ids = f.requests.map((id) => `#${id}`).join(', ')
        lines.push(`| \`${f.rule}\` | ${cell(f.client)} | ${cell(f.message)} | ${ids} | ${f.at} |`)
      }
      lines.push('')
    }
    lines.push(...coverageTable(report.coverage))
  }
  lines.push('#### How to meet each error path', '', '| path | how |', '|---|---|')
  for (const path of ERROR_PATHS) lines.push(`| ${path} | ${cell(HOW_TO_MEET[path])} |`)
  return `${lines.join('\n')}\n`
}

function coverageTable(rows: readonly CoverageRow[]): string[] {
  if (rows.length === 0) return ['No requests to resource routes.', '']
  const lines = ['| route | met | never met |', '|---|---|---|']
  for (const row of rows) {
    const met = row.met
      .map(
        (m) =>
          `${m.outcome} ×${m.natural + m.injected}${m.injected > 0 ? ` (${m.injected} injected)` : ''}`,
      )
      .join(', ')
    const missing = row.missing.map((m) => m.outcome).join(', ') || '—'
    lines.push(`| \`${row.method} ${cell(row.route)}\` | ${met} | ${missing} |`)
  }
  return [...lines, '']
}
