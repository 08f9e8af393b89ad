import type { LabelledConductReport } from './create-conduct.js'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * The one line printed when the server stops, over every instance.
 *
 * @example
 * summarizeConduct(reports) // 'conduct: 3 findings in 2 rules, 14 error paths never met'
 */
export function summarizeConduct(reports: readonly LabelledConductReport[]): string {
  const findings = reports.flatMap((r) => r.findings)
  const rules = new Set(findings.map((f) => f.rule)).size
  const missing = reports.reduce(
    (sum, r) => sum + r.coverage.reduce((n, row) => n + row.missing.length, 0),
    0,
  )
  return `conduct: ${plural(findings.length, 'finding')} in ${plural(rules, 'rule')}, ${plural(missing, 'error path')} never met`
}

/** `default instance` or `session worker-1`. */
export function labelOf(report: LabelledConductReport): string {
  return report.session === null ? 'default instance' : `session ${report.session}`
}
