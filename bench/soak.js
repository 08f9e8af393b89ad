// `npm run soak -- --minutes N`: the real CLI with the `flaky` scenario, sessions and the journal
// in use, under a mixed load on loopback for N minutes (fractions allowed). Prints requests served,
// statuses, unexpected ones (must be 0), the server's RSS after warm-up, midway and at the end
// (growth must stay under 10%), and its event-loop delay, measured inside it by
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
  const everyMs = Math.max(2_000, Math.min(30_000, (totalMs - warmupMs) / 20))
  while (Date.now() - started + everyMs < totalMs) {
    await sleep(everyMs)
    samples.push({ label: 'sample', ...(await sample()) })
    log(`${Math.round((Date.now() - started) / 1000)} s: RSS ${samples.at(-1).rssMb.toFixed(1)} MB`)
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

function report(tally, readings, end) {
  const start = readings[0]
  const middle = readings[Math.floor((readings.length - 1) / 2)]
  const growth = (end.rssMb - start.rssMb) / start.rssMb
  const seconds = (Date.now() - started) / 1000
  const figures = {
    minutes,
    workers,
    requests: tally.requests,
    requestsPerSecond: Math.round(tally.requests / seconds),
    statuses: tally.statuses,
    unexpected: tally.unexpected,
    unexpectedExamples: tally.examples,
    rssMb: { start: round(start.rssMb), middle: round(middle.rssMb), end: round(end.rssMb) },
    heapUsedMb: { start: round(start.heapUsedMb), end: round(end.heapUsedMb) },
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
    `RSS start/middle/end   ${figures.rssMb.start} / ${figures.rssMb.middle} / ${figures.rssMb.end} MB (after ${warmupMs / 1000} s warm-up)`,
    `RSS growth             ${figures.rssGrowthPercent}%${growth >= GROWTH_LIMIT ? ' (over 10%)' : ' (limit 10%)'}`,
    `heap used start/end    ${figures.heapUsedMb.start} / ${figures.heapUsedMb.end} MB`,
    `event-loop delay       p50 ${end.delay.p50} ms, p99 ${end.delay.p99} ms, max ${end.delay.max} ms (after warm-up)`,
    `load average           ${figures.loadAverage.join(' ')} (the machine is shared)`,
    problems.length > 0 ? `FAILED: ${problems.join('; ')}` : 'OK',
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
}

function round(n) {
  return Math.round(n * 10) / 10
}
