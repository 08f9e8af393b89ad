// `npm run bench`: mockapi against a bare Hono + Map app doing the same work, on loopback, loaded
// by wrk when it is installed (autocannon otherwise; MOCKAPI_BENCH_LOAD=wrk|autocannon forces one).
// A report, not a test: exit 0 even when a target is missed, 1 when a server fails to start or a
// case gets non-2xx. Flags: --duration N (seconds per case, default 5; whole seconds with wrk),
// --quick (2 s), --json (figures as JSON too).
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import {
  loadGenerator,
  measure,
  median,
  readMemory,
  sleep,
  startServer,
  stopAll,
  stopServer,
  timeToFirst200,
} from './lib.js'
import { wrkVersion } from './load-generator.js'
import { startBare } from './start-bare.js'

const CLI = new URL('../bin/mockapi.js', import.meta.url).pathname
const CLI_ARGS = [CLI, '--ready-json', '--quiet']
// The CRUD core alone: no token check, no limiter.
const CORE_ARGS = [...CLI_ARGS, '--no-auth', '--rate-limit', 'off']
const AUTH = { authorization: 'Bearer dev-token' }
const BIG_COUNT = 100_000
const PAGE = '/tasks?page=2&per_page=10'
const FILTERED = '/tasks?status=done&priority_gte=3&sort=-dueAt&per_page=20'
const NEW_TASK = { title: 'Bench', status: 'todo', projectId: 1 }
const MUSEUM = new URL('../test/fixtures/openapi/museum.yaml', import.meta.url).pathname
const EXPANDED = new URL('../test/fixtures/openapi/petstore-expanded.yaml', import.meta.url)
  .pathname

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string' },
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
})
const duration = flags.duration === undefined ? (flags.quick ? 2 : 5) : Number(flags.duration)
if (!(duration > 0)) {
  process.stderr.write(
    `bench: --duration must be a positive number of seconds, got ${flags.duration}\n`,
  )
  process.exit(2)
}

/** Every line of the report, in order; `value` holds figures that are not a load run. */
const rows = []
const problems = []
const log = (text) => process.stderr.write(`bench: ${text}\n`)

/** Runs one load case and files its row; a non-2xx answer or a socket error is a problem. */
async function loadCase(name, url, options, target) {
  log(
    `${name}: ${options.method ?? 'GET'} ${url} for ${options.amount ?? duration} ${options.amount ? 'requests' : 's'}`,
  )
  const figures = await measure(url, { duration, ...options })
  const unexpected = options.expectNon2xx ? 0 : figures.non2xx
  if (unexpected > 0 || figures.errors > 0) {
    problems.push(`${name}: ${figures.non2xx} non-2xx and ${figures.errors} errors/timeouts`)
  }
  rows.push({ name, ...figures, ...target?.(figures) })
  return figures
}

/** Pairs of runs per compared case: the median ratio shrugs off a noisy neighbour. */
const ROUNDS = 3

/**
 * A case compared to its baseline (`baselineUrl`, sent the same requests): ROUNDS pairs of runs,
 * the baseline right before the case, so both meet the same machine; the row shows the medians,
 * the baseline's in `value`, and the median of the pair ratios.
 */
async function compared(name, url, options, baselineUrl, factor, baseline = 'bare') {
  // One second each first, so neither side is measured while its JIT is still warming up.
  await measure(baselineUrl, { ...options, duration: 1 })
  await measure(url, { ...options, duration: 1 })
  const runs = []
  for (let round = 0; round < ROUNDS; round++) {
    const base = await measure(baselineUrl, { ...options, duration })
    const figures = await loadCase(`${name} #${round + 1}`, url, options)
    rows.pop()
    runs.push({ ...figures, base: base.rps, ratio: figures.rps / base.rps })
  }
  const pick = (key) => median(runs.map((run) => run[key]))
  const ratio = pick('ratio')
  rows.push({
    name,
    rps: Math.round(pick('rps')),
    p99: pick('p99'),
    ratio,
    value: `${baseline} ${Math.round(pick('base'))} req/s`,
    ...(factor === undefined ? {} : { target: `>= ${factor}x ${baseline}`, pass: ratio >= factor }),
  })
}

async function bench() {
  const cli = await startServer([...CORE_ARGS, '--port', '0'], { label: 'mockapi --no-auth' })
  rows.push({ name: 'default ready line', value: `${cli.readyMs.toFixed(0)} ms` })
  // The baseline serves the records this server serves, so both send the same bytes.
  const { server: bare, mismatches } = await startBare(cli.url, ['/users/1', PAGE])
  for (const path of mismatches) problems.push(`bare Hono sends other bytes for GET ${path}`)
  await compared('GET one, core', `${cli.url}/users/1`, {}, `${bare.url}/users/1`, 0.65)
  await compared('page of 10', `${cli.url}${PAGE}`, {}, `${bare.url}${PAGE}`, 0.5)
  // Every GET before the POSTs: the records a POST case leaves behind (hundreds of thousands, on
  // both sides) slow each server's garbage collector down, which would flatter later ratios.
  await benchAuth(`${bare.url}/users/1`)
  await benchOpenApi(`${cli.url}/users/1`)
  await benchDbJson(`${cli.url}/users/1`)

  const post = { method: 'POST', body: NEW_TASK }
  await compared('POST', `${cli.url}/tasks`, post, `${bare.url}/tasks`, 0.6)
  // Each POST with a key of its own: the key is claimed, the answer kept for replays (at most
  // 100,000, the oldest out), so this is the bookkeeping's full cost. The bare POST ignores it.
  const withKey = { ...post, varyHeader: 'idempotency-key' }
  await compared('POST, Idempotency-Key', `${cli.url}/tasks`, withKey, `${bare.url}/tasks`)

  const afterLoad = readMemory(cli.pid)
  rows.push({ name: 'default peak RSS', value: `${afterLoad.peakMb} MB (now ${afterLoad.rssMb})` })
  const stopCode = await stopServer(cli)
  if (stopCode !== 0) problems.push(`mockapi did not stop with 0 on SIGTERM (got ${stopCode})`)
  await benchScenarios()
  await stopServer(bare)

  const starts = []
  for (let i = 0; i < 5; i++) starts.push(await timeToFirst200(CLI_ARGS, '/__mockapi/health'))
  const startMs = median(starts)
  rows.push({
    name: 'spawn to first 200',
    value: `${startMs.toFixed(0)} ms (median of 5)`,
    target: '<= 400 ms',
    pass: startMs <= 400,
  })

  const museumStarts = []
  for (let i = 0; i < 5; i++) {
    museumStarts.push(await timeToFirst200([...CLI_ARGS, '--openapi', MUSEUM], '/__mockapi/health'))
  }
  const museumMs = median(museumStarts)
  rows.push({
    name: 'spawn to first 200, museum.yaml',
    value: `${museumMs.toFixed(0)} ms (median of 5, +${(museumMs - startMs).toFixed(0)} ms)`,
    target: '<= built-in + 250 ms',
    pass: museumMs - startMs <= 250,
  })

  await benchFixtureTimes()

  log(`starting mockapi with --count ${BIG_COUNT} (up to 120 s)`)
  // Tokens on (the default), so workspace B's capped records are part of the figure; no limit.
  const bigArgs = [...CLI_ARGS, '--port', '0', '--rate-limit', 'off', '--count', String(BIG_COUNT)]
  const big = await startServer(bigArgs, {
    timeoutMs: 120_000,
    label: `mockapi --count ${BIG_COUNT}`,
  })
  rows.push({ name: `${BIG_COUNT} ready line`, value: `${(big.readyMs / 1000).toFixed(1)} s` })
  await sleep(2000)
  const settled = readMemory(big.pid)
  rows.push({
    name: `${BIG_COUNT} RSS`,
    value: `${settled.rssMb} MB (peak ${settled.peakMb})`,
    target: '< 300 MB',
    pass: settled.rssMb < 300,
  })
  const probe = await fetch(`${big.url}${FILTERED}`, { headers: AUTH })
  const matches = probe.headers.get('x-total-count')
  await probe.arrayBuffer()
  if (!probe.ok) problems.push(`filtered page answered ${probe.status}`)
  await loadCase(
    `${BIG_COUNT} filtered+sorted`,
    `${big.url}${FILTERED}`,
    { headers: AUTH },
    (f) => ({
      value: `${matches} matches`,
      target: 'p99 <= 50 ms',
      pass: f.p99 <= 50,
    }),
  )
  const bigAfter = readMemory(big.pid)
  rows.push({
    name: `${BIG_COUNT} peak RSS`,
    value: `${bigAfter.peakMb} MB (now ${bigAfter.rssMb})`,
  })
  await stopServer(big)
}

/**
 * GET one record of a collection imported from an OpenAPI document (petstore-expanded's
 * `/pets/{id}`), against the same request on a built-in resource of the default server.
 */
async function benchOpenApi(builtinUrl) {
  const args = [...CORE_ARGS, '--port', '0', '--openapi', EXPANDED]
  const cli = await startServer(args, { label: 'mockapi --openapi petstore-expanded.yaml' })
  await compared('GET one, imported', `${cli.url}/v2/pets/1`, {}, builtinUrl, 0.9, 'built-in')
  await stopServer(cli)
}

/**
 * A json-server data file: GET one record of it against the same request on a built-in resource,
 * and the start-up with a 10 MB file (issue 20: within noise, and at most 1 s).
 */
async function benchDbJson(builtinUrl) {
  const dir = await mkdtemp(join(tmpdir(), 'mockapi-bench-db-'))
  try {
    const small = join(dir, 'db.json')
    await writeFile(small, JSON.stringify(dataFile(50)))
    const cli = await startServer([...CORE_ARGS, '--port', '0', small], {
      label: 'mockapi db.json',
    })
    await compared('GET one, db.json', `${cli.url}/posts/1`, {}, builtinUrl, 0.9, 'built-in')
    await stopServer(cli)
    const big = join(dir, 'big.json')
    const text = JSON.stringify(dataFile(36_000))
    await writeFile(big, text)
    const starts = []
    for (let i = 0; i < 3; i++)
      starts.push(await timeToFirst200([...CLI_ARGS, big], '/__mockapi/health'))
    const ms = median(starts)
    rows.push({
      name: `spawn to first 200, ${(text.length / 1e6).toFixed(1)} MB db.json`,
      value: `${ms.toFixed(0)} ms (median of 3)`,
      target: '<= 1000 ms',
      pass: ms <= 1000,
    })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** A db.json as json-server's README writes one: posts, comments with postId, a profile. */
function dataFile(posts) {
  const body = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. '
  return {
    posts: Array.from({ length: posts }, (_, i) => ({
      id: String(i + 1),
      title: `Post ${i + 1}`,
      views: i * 7,
      body: body.repeat(2),
    })),
    comments: Array.from({ length: posts }, (_, i) => ({
      id: String(i + 1),
      text: `A comment about post ${(i % posts) + 1}`,
      postId: String((i % posts) + 1),
    })),
    profile: { name: 'typicode' },
  }
}

/**
 * The defaults — tokens checked, the limiter counting — under a limit high enough that the load is
 * never refused: GET one with a valid token (against the bare GET one, sent the same token); then 100,000 requests with distinct (invalid) tokens,
 * each a key the limiter must track, and the memory before and after.
 */
async function benchAuth(bareUrl) {
  const args = [...CLI_ARGS, '--port', '0', '--rate-limit', '1000000000/60s']
  const cli = await startServer(args, { label: 'mockapi (tokens and limiter on)' })
  await compared('GET one, defaults', `${cli.url}/users/1`, { headers: AUTH }, bareUrl, 0.5)
  await sleep(500)
  const before = readMemory(cli.pid)
  let n = 0
  const setupRequest = (request) => ({
    ...request,
    headers: { ...request.headers, authorization: `Bearer bench-token-${n++}` },
  })
  await loadCase('100000 distinct tokens (403)', `${cli.url}/users/1`, {
    amount: 100_000,
    setupRequest,
    expectNon2xx: true,
  })
  await sleep(500)
  const after = readMemory(cli.pid)
  rows.push({
    name: '100000 tokens RSS',
    value: `${before.rssMb} MB before, ${after.rssMb} MB after (peak ${after.peakMb})`,
  })
  await stopServer(cli)
}

/**
 * 1,000 scenario rules loaded, none of which fires for `GET /users/1`, against the same server
 * with no scenario. Most rules sit on other routes and methods, which the index never shows the
 * request; `onRoute` of them sit on `/users/:id` itself with a header or query condition that does
 * not hold — the rules a request really is tried against. 10 is the target case; 100, a worst case.
 */
async function benchScenarios() {
  // A fresh server without scenarios, started as the scenario servers are, as the baseline.
  const plain = await startServer([...CORE_ARGS, '--port', '0'], { label: 'mockapi, no scenario' })
  const plainUrl = `${plain.url}/users/1`
  const dir = await mkdtemp(join(tmpdir(), 'mockapi-bench-'))
  for (const [onRoute, factor] of [
    [10, 0.8],
    [100, undefined],
  ]) {
    const file = join(dir, `thousand-${onRoute}.yaml`)
    const rules = []
    for (let i = 0; i < 1000 - onRoute; i++) {
      const method = ['GET', 'POST', 'PATCH', 'DELETE'][i % 4]
      rules.push(
        `  - match: { method: ${method}, path: /area${i}/:id }\n    respond: { status: 503 }`,
      )
    }
    for (let i = 0; i < onRoute; i++) {
      const condition = i % 2 ? `headers: { x-tenant: t${i} }` : `query: { variant: v${i} }`
      rules.push(`  - match: { path: /users/:id, ${condition} }\n    respond: { status: 404 }`)
    }
    await writeFile(file, `name: thousand\ndescription: 1,000 rules\nrules:\n${rules.join('\n')}\n`)
    const cli = await startServer([...CORE_ARGS, '--port', '0', '--scenario', file], {
      label: `mockapi --scenario (1,000 rules, ${onRoute} on the route)`,
    })
    const name = `GET one, 1000 rules (${onRoute} on route)`
    await compared(name, `${cli.url}/users/1`, {}, plainUrl, factor, 'no scenario')
    await stopServer(cli)
  }
  await stopServer(plain)
  await rm(dir, { recursive: true, force: true })
}

/**
 * What a test suite pays per fixture, in this process (warm, as the second test onwards pays):
 * `createMockApi` + `close`, and `startMockApi` + `close` on port 0, medians of 20.
 */
async function benchFixtureTimes() {
  const { createMockApi, startMockApi } = await import('../dist/index.js')
  const timed = async (make) => {
    const times = []
    for (let i = 0; i < 21; i++) {
      const start = performance.now()
      const api = await make()
      await api.close()
      if (i > 0) times.push(performance.now() - start)
    }
    return median(times)
  }
  const inProcess = await timed(() => createMockApi({ seed: 1 }))
  rows.push({
    name: 'createMockApi + close',
    value: `${inProcess.toFixed(1)} ms (median of 20)`,
    target: '<= 20 ms',
    pass: inProcess <= 20,
  })
  const journalMb = await journalMemory()
  rows.push({ name: 'journal, 1,000,000 requests', value: journalMb, target: 'flat' })
  const conductMb = await conductMemory()
  rows.push({
    name: 'conduct, 1,000,000 requests, 10,000 clients',
    value: conductMb,
    target: 'flat',
  })
  const onSocket = await timed(() => startMockApi({ seed: 1, port: 0 }))
  rows.push({
    name: 'startMockApi + close',
    value: `${onSocket.toFixed(1)} ms (median of 20)`,
    target: '<= 50 ms',
    pass: onSocket <= 50,
  })
}

/** Heap after 1,000 and after 1,000,000 recorded requests: the journal keeps the newest 1,000. */
async function journalMemory() {
  const { createJournal } = await import('../dist/journal/create-journal.js')
  const journal = createJournal(1000)
  const entry = (i) => ({
    at: Date.now(),
    method: 'GET',
    url: `http://127.0.0.1/users/${i}`,
    headers: ['host', '127.0.0.1', 'authorization', `Bearer token-${i}`],
    body: null,
    status: 200,
    ms: 1,
    rule: undefined,
    delayed: false,
    fault: undefined,
    session: undefined,
  })
  const heap = () => {
    globalThis.gc?.()
    return process.memoryUsage().heapUsed / 1e6
  }
  for (let i = 0; i < 1000; i++) journal.add(entry(i))
  const before = heap()
  for (let i = 0; i < 1_000_000; i++) journal.add(entry(i))
  const after = heap()
  return `heap ${before.toFixed(1)} → ${after.toFixed(1)} MB (1,000 kept)`
}

/**
 * Heap of the conduct judge after 100,000, 500,000 and 1,000,000 requests from 10,000 clients that
 * each keep failing (404s asked again, POSTs re-sent after 503s, 429s not waited for): every
 * client has state and findings keep coming, yet the tables stay within their bounds.
 */
async function conductMemory() {
  const { createConductJudge } = await import('../dist/conduct/create-conduct.js')
  const settings = { ignore: new Set(), hangLimitMs: 30_000, stormAttempts: 10 }
  const judge = createConductJudge(settings, undefined, (name) => name === 'users')
  const statuses = [404, 503, 429, 200, 500]
  let seq = 0
  const event = (i) => {
    seq += 1
    const status = statuses[i % statuses.length]
    return {
      id: i + 1,
      seq,
      answeredSeq: seq,
      at: i * 10,
      endedAt: i * 10,
      method: i % 7 === 0 ? 'POST' : 'GET',
      path: `/users/${i % 50}`,
      target: `/users/${i % 50}`,
      status,
      code: undefined,
      fault: undefined,
      injected: status === 503,
      late: false,
      retryAfterMs: status === 503 || status === 429 ? 60_000 : undefined,
      bodyHash: i % 13,
      token: `token-${i % 10_000}`,
      address: '127.0.0.1',
      idempotencyKey: false,
      tokenInQuery: false,
      abandoned: false,
      location: undefined,
    }
  }
  const heap = () => {
    globalThis.gc?.()
    return process.memoryUsage().heapUsed / 1e6
  }
  // Each client's tables fill over its first requests; from then on nothing may grow.
  for (let i = 0; i < 100_000; i++) judge.judge(event(i))
  const filled = heap()
  for (let i = 100_000; i < 500_000; i++) judge.judge(event(i))
  const half = heap()
  for (let i = 500_000; i < 1_000_000; i++) judge.judge(event(i))
  const after = heap()
  const { findings } = judge.report(0, [])
  const mb = [filled, half, after].map((n) => n.toFixed(1)).join(' → ')
  return `heap ${mb} MB at 100k, 500k, 1M (${findings.length} findings kept)`
}

/** The load generator, as the report's first line names it. */
async function describeGenerator() {
  if (loadGenerator() === 'autocannon') return 'autocannon, 10 connections'
  return `${await wrkVersion()}, 1 thread, 10 connections (autocannon for the fixed-count case)`
}

function printTable(generator) {
  const load = loadavg().map((n) => n.toFixed(2))
  process.stdout.write(`load generator: ${generator}\n`)
  process.stdout.write(
    `node ${process.version}, ${availableParallelism()} cpus, load ${load.join(' ')}\n`,
  )
  const head = ['case', 'req/s', 'p99 ms', 'ratio', 'value', 'target', 'result']
  const cells = rows.map((r) => [
    r.name,
    r.rps === undefined ? '' : String(r.rps),
    r.p99 === undefined ? '' : String(r.p99),
    r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}x`,
    r.value ?? '',
    r.target ?? '',
    r.pass === undefined ? '' : r.pass ? 'PASS' : 'FAIL',
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)))
  const line = (c) => c.map((s, i) => (i === 0 ? s.padEnd(widths[i]) : s.padStart(widths[i])))
  const out = [head, ...cells].map((c) => line(c).join('  ').trimEnd())
  process.stdout.write(`${out.join('\n')}\n`)
  // One line per ratio target, so two runs compare at a glance.
  for (const row of rows) {
    if (row.ratio === undefined || row.pass === undefined) continue
    const verdict = row.pass ? 'PASS' : 'FAIL'
    process.stdout.write(`${verdict} ${row.name}: ${row.ratio.toFixed(2)}x, target ${row.target}\n`)
  }
}

let failed = false
let generator = 'none chosen'
try {
  generator = await describeGenerator()
  log(`load generator: ${generator}`)
  await bench()
} catch (error) {
  failed = true
  problems.push(error instanceof Error ? error.message : String(error))
} finally {
  await stopAll()
}
printTable(generator)
for (const problem of problems) process.stderr.write(`bench: FAILED ${problem}\n`)
if (flags.json) {
  const report = {
    duration,
    load: generator,
    connections: 10,
    node: process.version,
    loadavg: loadavg(),
    rows,
    problems,
  }
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
}
process.exitCode = failed || problems.length > 0 ? 1 : 0
