// `npm run soak -- --minutes N`: the real CLI with the `flaky` scenario, sessions and the journal
// in use, under a mixed load on loopback for N minutes (fractions allowed). Prints requests served,
// statuses, unexpected ones (must be 0), the server's RSS in the first, middle and last third of
// the run after warm-up (medians; growth must stay under 10%), and its event-loop delay, measured inside it by
// bench/soak-probe.js. Exit 1 when an answer was unexpected, memory grew 10% or more, or the server
// failed; 2 for bad flags. Flags: --minutes N (default 10), --workers N (default 48), --seed N,
// --json (the figures as JSON on stdout).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { sleep, startServer, stopServer } from './lib.js'
import { runLoad, touchChurnSessions } from './soak-load.js'

const ROOT = new URL('..', import.meta.url).pathname
const CLI = join(ROOT, 'bin/mockapi.js')
const PROBE = join(ROOT, 'bench/soak-probe.js')
const GROWTH_LIMIT = 0.1

const { values: flags } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    workers: { type: 'string', default: '48' },
    seed: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
  },
})
const minutes = Number(flags.minutes)
const workers = Number(flags.workers)
if (!(minutes > 0) || !(Number.isInteger(workers) && workers > 0)) {
  process.stderr.write(
    'soak: --minutes must be a positive number and --workers a positive integer\n',
  )
  process.exit(2)
}
const log = (text) => process.stderr.write(`soak: ${text}\n`)

if (!existsSync(join(ROOT, 'dist/cli/main.js'))) {
  log('dist/ is missing: building')
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' })
  if (build.status !== 0) process.exit(1)
}

const dir = mkdtempSync(join(tmpdir(), 'mockapi-soak-'))
const probeFile = join(dir, 'probe.jsonl')
// A limit no load here reaches: every 429 must be the scenario's, never the limiter's.
const args = ['--import', PROBE, CLI, '--port', '0', '--ready-json', '--quiet']
const server = await startServer(
  [...args, '--scenario', 'flaky', '--seed', flags.seed, '--rate-limit', '100000000/60s'],
  { label: 'mockapi --scenario flaky', env: { MOCKAPI_SOAK_PROBE: probeFile } },
)

// What the server says on stderr (--quiet: only failures), and whether it ended early.
let serverErr = ''
server.child.stderr.on('data', (chunk) => {
  serverErr = (serverErr + chunk).slice(-4000)
})
server.child.once('exit', (code, signal) => {
  if (!stopping) log(`the server exited early (${signal ?? `code ${code}`}): ${serverErr.trim()}`)
})
let stopping = false

/** Asks the probe for a reading and waits for its line. */
async function sample() {
  const count = () =>
    existsSync(probeFile) ? readFileSync(probeFile, 'utf8').trim().split('\n').length : 0
  const before = count()
  process.kill(server.pid, 'SIGUSR2')
  for (let i = 0; i < 200 && count() === before; i++) await sleep(25)
  const lines = readFileSync(probeFile, 'utf8').trim().split('\n')
  return JSON.parse(lines[lines.length - 1])
}

const totalMs = minutes * 60_000
const warmupMs = Math.min(60_000, Math.max(5_000, totalMs * 0.2))
const started = Date.now()
const until = () => Date.now() - started >= totalMs
const samples = []
let failure
try {
  log(`${minutes} min against ${server.url}, ${workers} workers, warm-up ${warmupMs / 1000} s`)
  const warmTally = { requests: 0, statuses: {}, unexpected: 0, examples: [], errors: 0 }
  await touchChurnSessions(server.url, warmTally)
  const load = runLoad(server.url, { workers, seed: Number(flags.seed), until })
  await sleep(Math.max(0, warmupMs - (Date.now() - started)))
  samples.push({ label: 'start', ...(await sample()) })
  // Many readings, so that a third of them is a fair picture: RSS swings with every GC.
  const everyMs = Math.max(1_000, Math.min(10_000, (totalMs - warmupMs) / 30))
  while (Date.now() - started + everyMs < totalMs) {
    await sleep(everyMs)
    samples.push({ label: 'sample', ...(await sample()) })
    if (samples.length % 6 === 0) {
      log(
        `${Math.round((Date.now() - started) / 1000)} s: RSS ${samples.at(-1).rssMb.toFixed(1)} MB`,
      )
    }
  }
  const end = await sample()
  const tally = await load
  samples.push({ label: 'end', ...end })
  report(merge(warmTally, tally), samples, end)
} catch (error) {
  failure = error
} finally {
  stopping = true
  const code = await stopServer(server)
  rmSync(dir, { recursive: true, force: true })
  if (failure) {
    log(`failed: ${failure.message}`)
    process.exitCode = 1
  } else if (code !== 0) {
    log(`the server stopped with ${code} instead of 0`)
    process.exitCode = 1
  }
}

function merge(a, b) {
  const statuses = { ...a.statuses }
  for (const [status, n] of Object.entries(b.statuses))
    statuses[status] = (statuses[status] ?? 0) + n
  return {
    requests: a.requests + b.requests,
    statuses,
    unexpected: a.unexpected + b.unexpected,
    examples: [...a.examples, ...b.examples].slice(0, 10),
    errors: a.errors + b.errors,
  }
}

/** The median of the readings in each third of the run after warm-up. */
function thirds(readings, field) {
  const size = Math.max(1, Math.floor(readings.length / 3))
  const parts = [readings.slice(0, size), readings.slice(size, -size), readings.slice(-size)]
  return parts.map((part) => median((part.length > 0 ? part : readings).map((r) => r[field])))
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function report(tally, readings, end) {
  // One reading swings by tens of MB with the GC; the median of each third does not.
  const [start, middle, last] = thirds(readings, 'rssMb')
  const [heapStart, , heapEnd] = thirds(readings, 'heapUsedMb')
  const rss = readings.map((r) => r.rssMb)
  const growth = (last - start) / start
  const seconds = (Date.now() - started) / 1000
  const figures = {
    minutes,
    workers,
    requests: tally.requests,
    requestsPerSecond: Math.round(tally.requests / seconds),
    statuses: tally.statuses,
    unexpected: tally.unexpected,
    unexpectedExamples: tally.examples,
    readings: readings.length,
    rssMb: { start: round(start), middle: round(middle), end: round(last) },
    rssRangeMb: { min: round(Math.min(...rss)), max: round(Math.max(...rss)) },
    heapUsedMb: { start: round(heapStart), end: round(heapEnd) },
    rssGrowthPercent: round(growth * 100),
    eventLoopDelayMs: end.delay,
    loadAverage: loadavg().map(round),
  }
  const problems = []
  if (tally.unexpected > 0) problems.push(`${tally.unexpected} unexpected answers`)
  if (growth >= GROWTH_LIMIT) problems.push(`RSS grew ${figures.rssGrowthPercent}% after warm-up`)
  if (problems.length > 0) process.exitCode = 1
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ ...figures, problems }, null, 2)}\n`)
    return
  }
  const lines = [
    `soak: ${minutes} min, ${workers} workers, flaky scenario, sessions and journal in use`,
    `requests served        ${tally.requests} (${figures.requestsPerSecond}/s)`,
    `statuses               ${Object.entries(tally.statuses)
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ')}`,
    `unexpected statuses    ${tally.unexpected}${tally.unexpected > 0 ? ' (must be 0)' : ''}`,
    ...tally.examples.map((example) => `  ${example}`),
    `RSS start/middle/end   ${figures.rssMb.start} / ${figures.rssMb.middle} / ${figures.rssMb.end} MB (medians of each third of ${readings.length} readings after ${warmupMs / 1000} s warm-up; all within ${figures.rssRangeMb.min}–${figures.rssRangeMb.max})`,
    `RSS growth             ${figures.rssGrowthPercent}%${growth >= GROWTH_LIMIT ? ' (over 10%)' : ' (limit 10%)'}`,
    `heap used start/end    ${figures.heapUsedMb.start} / ${figures.heapUsedMb.end} MB (medians of the first and last thirds)`,
    `event-loop delay       p50 ${end.delay.p50} ms, p99 ${end.delay.p99} ms, max ${end.delay.max} ms (after warm-up)`,
    `load average           ${figures.loadAverage.join(' ')} (the machine is shared)`,
    problems.length > 0 ? `FAILED: ${problems.join('; ')}` : 'OK',
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
}

function round(n) {
  return Math.round(n * 10) / 10
}
