// `npm run profile`: where a request's time goes, per case of issue 19. Each case starts the built
// CLI under `node --cpu-prof` with the bench case's flags, loads it (wrk or autocannon, as
// `npm run bench`) for a 1 s warm-up and then --seconds, stops it with SIGTERM so the profile is
// written, and prints the top functions by self time within the loaded window, as a share of the
// busy time. Flags: --case NAME (one case; its slug or its name), --seconds N (default 5),
// --top N (rows per table, default 12). Run `npm run build` first.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { loadGenerator, measure, startServer, stopAll, stopServer } from './lib.js'
import { wrkVersion } from './load-generator.js'
import { formatTop, selfTimes } from './summarize-profile.js'

const CLI = new URL('../bin/mockapi.js', import.meta.url).pathname
const CORE = ['--no-auth', '--rate-limit', 'off']
const CASES = [
  { slug: 'get-one-core', name: 'GET one, core', path: '/users/1', flags: CORE },
  {
    slug: 'get-one-defaults',
    name: 'GET one, defaults',
    path: '/users/1',
    flags: ['--rate-limit', '1000000000/60s'],
    options: { headers: { authorization: 'Bearer dev-token' } },
  },
  { slug: 'page-of-10', name: 'page of 10', path: '/tasks?page=2&per_page=10', flags: CORE },
  {
    slug: 'post',
    name: 'POST',
    path: '/tasks',
    flags: CORE,
    options: { method: 'POST', body: { title: 'Bench', status: 'todo', projectId: 1 } },
  },
]

const { values: flags } = parseArgs({
  options: {
    case: { type: 'string' },
    seconds: { type: 'string', default: '5' },
    top: { type: 'string', default: '12' },
  },
})
const seconds = Number(flags.seconds)
const top = Number(flags.top)
const wanted = flags.case?.toLowerCase()
const cases = CASES.filter(
  (c) => wanted === undefined || [c.slug, c.name.toLowerCase()].includes(wanted),
)
const usage = (message) => {
  process.stderr.write(`profile: ${message}\n`)
  process.exit(2)
}
if (!(seconds > 0)) usage(`--seconds must be a positive number, got ${flags.seconds}`)
if (!Number.isInteger(top) || top < 1) usage(`--top must be a positive integer, got ${flags.top}`)
if (cases.length === 0) {
  usage(`--case must be one of ${CASES.map((c) => c.slug).join(', ')}; got ${flags.case}`)
}

const now = () => Number(process.hrtime.bigint() / 1000n)

/** One case: the CLI profiled under load; its summary, or why there is none. */
async function profileCase({ name, path, flags: caseFlags, options = {} }) {
  const dir = await mkdtemp(join(tmpdir(), 'mockapi-profile-'))
  try {
    const args = ['--cpu-prof', '--cpu-prof-dir', dir, CLI, '--ready-json', '--quiet']
    const server = await startServer([...args, ...caseFlags, '--port', '0'], { label: name })
    const url = `${server.url}${path}`
    await measure(url, { ...options, duration: 1, warmup: false })
    const from = now()
    const figures = await measure(url, { ...options, duration: seconds, warmup: false })
    const to = now()
    const code = await stopServer(server)
    const file = (await readdir(dir)).find((entry) => entry.endsWith('.cpuprofile'))
    if (file === undefined) return { name, figures, error: `no profile written (exit ${code})` }
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8'))
    return { name, figures, window: (to - from) / 1e6, ...selfTimes(profile, from, to) }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const out = (text) => process.stdout.write(`${text}\n`)
const generator = loadGenerator() === 'wrk' ? `${await wrkVersion()}, 1 thread` : 'autocannon'
out(`Load: ${generator}, 10 connections, a 1 s warm-up, then ${seconds} s profiled.`)
out(
  'Self time within the loaded window as a share of busy time (`(idle)` left out), by function ' +
    'and file. V8’s sampler puts the socket write syscall under `writev`.',
)
let failed = false
try {
  for (const c of cases) {
    const result = await profileCase(c)
    const request = `\`${c.options?.method ?? 'GET'} ${c.path}\``
    const headers = Object.entries(c.options?.headers ?? {}).map(([k, v]) => ` with \`${k}: ${v}\``)
    out(`\n### ${c.name}: ${request}${headers.join('')}, \`${c.flags.join(' ')}\`\n`)
    const { rps, non2xx, errors } = result.figures
    if (non2xx > 0 || errors > 0) failed = true
    const load = `${rps} req/s under the profiler, ${non2xx} non-2xx, ${errors} socket errors`
    if (result.error !== undefined) {
      failed = true
      out(`${load}; ${result.error}.`)
      continue
    }
    const busyShare = ((100 * result.busy) / (result.busy + result.idle || 1)).toFixed(0)
    out(`${load}; main thread busy ${busyShare}% of the ${result.window.toFixed(1)} s.\n`)
    out(formatTop(result, top))
  }
} finally {
  await stopAll()
}
process.exitCode = failed ? 1 : 0
