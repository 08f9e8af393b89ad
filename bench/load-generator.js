// The load generator of bench/lib.js's measure(): wrk (a C program, so the generator takes less of
// the two cores than the server it measures) when it is on the PATH, autocannon otherwise.
// MOCKAPI_BENCH_LOAD=wrk|autocannon forces one. wrk runs as the issue measured: 1 thread,
// 10 connections; a Lua script (a temporary file) sets the method, the JSON body and the headers.
import { execFile } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const GENERATORS = ['wrk', 'autocannon']

/** Whether an executable named `name` is in one of the PATH's folders. */
function onPath(name) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

/** 'wrk' or 'autocannon': MOCKAPI_BENCH_LOAD when set, else wrk when installed. */
export function chooseGenerator(env = process.env) {
  const forced = env.MOCKAPI_BENCH_LOAD
  if (forced === undefined || forced === '') return onPath('wrk') ? 'wrk' : 'autocannon'
  if (!GENERATORS.includes(forced)) {
    throw new Error(`MOCKAPI_BENCH_LOAD must be wrk or autocannon, got ${JSON.stringify(forced)}`)
  }
  if (forced === 'wrk' && !onPath('wrk')) {
    throw new Error(
      'MOCKAPI_BENCH_LOAD=wrk but wrk is not on the PATH (apt-get install wrk, brew install wrk)',
    )
  }
  return forced
}

/** The first line of `wrk --version`, e.g. "wrk debian/4.1.0-3 [epoll] …" → "wrk debian/4.1.0-3". */
export async function wrkVersion() {
  // wrk prints its version and usage, then exits 1.
  const { stdout } = await run('wrk', ['--version']).catch((error) => error)
  return /^wrk \S+/.exec(String(stdout))?.[0] ?? 'wrk'
}

/** A Lua string literal of `text`: printable ASCII as is, every other byte as `\ddd`. */
function luaString(text) {
  let out = '"'
  for (const byte of Buffer.from(text, 'utf8')) {
    const printable = byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c
    out += printable ? String.fromCharCode(byte) : `\\${String(byte).padStart(3, '0')}`
  }
  return `${out}"`
}

/** Tells apart the runs of this process, so a varying header never repeats across runs. */
const RUN_ID = `${process.pid.toString(36)}${Date.now().toString(36)}`
let runs = 0

/**
 * The Lua script of one wrk run. A `varyHeader` gets `bench-<run id>-<n>` on each request, unique
 * across rounds and runs; without one, wrk builds the request once (no per-request Lua).
 */
export function wrkScript({ method = 'GET', body, headers = {}, varyHeader }) {
  const lines = [`wrk.method = ${luaString(method)}`]
  if (body !== undefined) {
    lines.push(`wrk.body = ${luaString(JSON.stringify(body))}`)
    lines.push(`wrk.headers["content-type"] = "application/json"`)
  }
  for (const [name, value] of Object.entries(headers)) {
    lines.push(`wrk.headers[${luaString(name)}] = ${luaString(value)}`)
  }
  if (varyHeader !== undefined) {
    runs += 1
    lines.push(
      'local n = 0',
      `local prefix = ${luaString(`bench-${RUN_ID}-${runs}-`)}`,
      'request = function()',
      '  n = n + 1',
      `  wrk.headers[${luaString(varyHeader)}] = prefix .. n`,
      '  return wrk.format()',
      'end',
    )
  }
  return `${lines.join('\n')}\n`
}

/** "1.23ms" → 1.23, "950.00us" → 0.95, "2.00s" → 2000 (wrk's latency units), in ms. */
function parseLatency(text) {
  const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text)
  if (!match) return Number.NaN
  const scale = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 'ms'] ?? 1
  return Math.round(Number(match[1]) * scale * 100) / 100
}

/** requests, req/s, p99, non-2xx and socket errors out of wrk's `--latency` report. */
export function parseWrk(output) {
  const number = (pattern) => Number(pattern.exec(output)?.[1] ?? 0)
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output)
  const errors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0
  const requests = number(/(\d+) requests in /)
  if (!/Requests\/sec:/.test(output) || requests === 0) {
    throw new Error(`wrk sent no request: ${output.trim().slice(-500)}`)
  }
  return {
    rps: Math.round(number(/Requests\/sec:\s+([\d.]+)/)),
    p99: parseLatency(/^\s*99%\s+(\S+)/m.exec(output)?.[1] ?? ''),
    requests,
    non2xx: number(/Non-2xx or 3xx responses: (\d+)/),
    errors,
  }
}

/**
 * One wrk run of `seconds` (whole seconds: wrk takes no fractions) with 1 thread and
 * `connections` connections; the figures as measure() returns them.
 */
export async function runWrk(url, { seconds, connections = 10, ...request }) {
  const dir = await mkdtemp(join(tmpdir(), 'mockapi-bench-wrk-'))
  try {
    const script = join(dir, 'request.lua')
    await writeFile(script, wrkScript(request))
    const duration = `${Math.max(1, Math.round(seconds))}s`
    const args = ['-t1', `-c${connections}`, `-d${duration}`, '--timeout', '10s', '--latency']
    const { stdout } = await run('wrk', [...args, '-s', script, url], { maxBuffer: 1 << 20 })
    return parseWrk(stdout)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
