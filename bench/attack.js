// `npm run attack`: replays every row of the "bounded in bytes" attack table against the built CLI
// (`npm run build` first) and prints, per attack, the server's peak RSS, the longest stall of a
// health probe running beside it, and whether it survived. Targets: survived, stall under 1 s,
// peak RSS under 600 MB. `--scale 0.1` runs a lighter replay; `--only WORD` runs matching rows.
import { ATTACKS } from './attacks.js'
import { runAttack } from './run-attack.js'

const args = process.argv.slice(2)
const option = (name) => {
  const at = args.indexOf(name)
  return at === -1 ? undefined : args[at + 1]
}
const scale = Number(option('--scale') ?? 1)
const only = option('--only')

const rows = []
let failed = 0
for (const attack of ATTACKS.filter((a) => only === undefined || a.name.includes(only))) {
  const result = await runAttack(attack, scale)
  // A refused file has no server to stall: it must exit 2 with its reason, which `survived` says.
  const ok =
    result.survived &&
    (attack.refuse !== undefined || result.stallMs < 1000) &&
    (result.peakMb ?? 0) < 600
  if (!ok) failed += 1
  const peak = result.peakMb === undefined ? '—' : `${result.peakMb} MB`
  const stall = attack.refuse
    ? `exit in ${Math.round(result.stallMs)} ms`
    : `${Math.round(result.stallMs)} ms`
  const line = `| ${result.name} | ${peak} | ${stall} | ${result.survived ? 'yes' : 'NO'} | ${result.note} |`
  console.log(line)
  rows.push(line)
}
console.log(`\n${rows.length - failed}/${rows.length} attacks within the targets (scale ${scale})`)
process.exitCode = failed === 0 ? 0 : 1
