// `npm run audit`: known vulnerabilities in the production dependencies (`npm audit --omit=dev`).
// Exit 1 when npm reports any. Where the registry has no advisory endpoint (some mirrors answer
// 405), say so, list each production package against the registry's latest, and exit 2.
import { execFileSync } from 'node:child_process'

function npm(args) {
  try {
    return execFileSync('npm', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (error) {
    return error.stdout ?? ''
  }
}

const report = JSON.parse(npm(['audit', '--omit=dev', '--json']) || '{}')
const counts = report.metadata?.vulnerabilities
if (counts) {
  const found = Object.entries(counts).filter(([level, n]) => level !== 'total' && n > 0)
  console.log(
    `npm audit --omit=dev: ${counts.total} known vulnerabilities${found.length ? ` (${found.map(([l, n]) => `${n} ${l}`).join(', ')})` : ''}`,
  )
  process.exit(counts.total > 0 ? 1 : 0)
}

const reason = report.statusCode
  ? `the advisory endpoint answered ${report.statusCode}`
  : 'no report'
console.log(`npm audit --omit=dev could not ask the registry: ${reason}.`)
console.log('Production packages against the latest version the registry has:')
const tree = JSON.parse(npm(['ls', '--omit=dev', '--all', '--json']))
const seen = new Map()
const walk = (deps = {}) => {
  for (const [name, info] of Object.entries(deps)) {
    if (info.version && !seen.has(name)) seen.set(name, info.version)
    walk(info.dependencies)
  }
}
walk(tree.dependencies)
for (const [name, version] of [...seen].sort()) {
  const latest = npm(['view', name, 'version']).trim()
  console.log(
    `  ${name} ${version}${latest === version ? ' (latest)' : ` (latest: ${latest || '?'})`}`,
  )
}
process.exit(2)
