import type { Finding } from './conduct-rules.js'

/**
 * Findings as a failing test lists them: one line each, rule first, then whose, which requests,
 * and what happened.
 */
export function describeFindings(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const who = f.session === null ? f.client : `${f.client}, session ${f.session}`
      const ids =
        f.requests.length === 0 ? 'still open' : f.requests.map((id) => `#${id}`).join(', ')
      return `  - ${f.rule} (${who}; requests ${ids}): ${f.message}`
    })
    .join('\n')
}
