// Helpers of bench/run.js: child servers, load runs (wrk or autocannon) and memory readings.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import autocannon from 'autocannon'
import { chooseGenerator, runWrk } from './load-generator.js'

export { sleep }

/** Every child still running; the 'exit' handler kills what a failure left behind. */
const children = new Set()
/** The children stopServer() was asked to stop. */
const stopping = new WeakSet()

process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL')
})
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130))

/** Spawns `node ...args` and resolves once it prints `{"url": ...}` on stdout. */
export function startServer(args, { timeoutMs = 15_000, label = args.join(' '), env } = {}) {
  const started = performance.now()
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  })
  children.add(child)
  child.once('exit', () => children.delete(child))
  let stderr = ''
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-2000)
  })
  return new Promise((resolve, reject) => {
    let stdout = ''
    const fail = (reason) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(
        new Error(
          `Failed to start ${label}: ${reason}.${stderr ? ` stderr: ${stderr.trim()}` : ''}`,
        ),
      )
    }
    const timer = setTimeout(() => fail(`no ready line within ${timeoutMs} ms`), timeoutMs)
    child.once('error', (error) => fail(error.message))
    child.once('exit', (code, signal) => fail(`exited early (${signal ?? `code ${code}`})`))
    child.stdout.on('data', (chunk) => {
      if (stdout === undefined) return
      stdout += chunk
      const end = stdout.indexOf('\n')
      if (end < 0) return
      const line = stdout.slice(0, end)
      stdout = undefined
      clearTimeout(timer)
      child.removeAllListeners('exit')
      child.once('exit', (code, signal) => {
        children.delete(child)
        if (!stopping.has(child)) reportExit(label, signal ?? `code ${code}`, stderr)
      })
      try {
        const { url } = JSON.parse(line)
        resolve({ child, url, pid: child.pid, readyMs: performance.now() - started })
      } catch {
        fail(`first stdout line is not {"url": …}: ${line}`)
      }
    })
  })
}

/** A server gone before stopServer() asked: how, or the next load run only sees refusals. */
function reportExit(label, how, stderr) {
  process.stderr.write(`bench: ${label} exited unasked (${how}). stderr: ${stderr.trim()}\n`)
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves to the exit code (null if killed). */
export function stopServer(server, graceMs = 5000) {
  const { child } = server
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((resolve) => {
    stopping.add(child)
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
    child.kill('SIGTERM')
  })
}

/** The generator of every measure() that wrk can run, chosen once (see load-generator.js). */
let generator
export function loadGenerator() {
  generator ??= chooseGenerator()
  return generator
}

/**
 * One load run against `url`, after a short warm-up; figures rounded for the report. `headers` go
 * on every request; `varyHeader` names a header that gets `bench-<run id>-<n>`, distinct on every
 * request. With wrk (see loadGenerator()) `duration` is rounded to whole seconds. `amount` (that
 * many requests instead of `duration`) and `setupRequest` (a function that may change each
 * request) are beyond wrk: such a case always runs on autocannon. `warmup: false` skips the
 * warm-up, for a caller that times the run itself.
 */
export async function measure(url, options = {}) {
  const { duration, amount, setupRequest, warmup = true } = options
  if (amount !== undefined || setupRequest !== undefined || loadGenerator() === 'autocannon') {
    return measureAutocannon(url, options)
  }
  if (warmup) await runWrk(url, { ...options, seconds: Math.min(1, duration) })
  return runWrk(url, { ...options, seconds: duration })
}

async function measureAutocannon(
  url,
  {
    duration,
    connections = 10,
    method = 'GET',
    body,
    headers = {},
    amount,
    warmup = true,
    ...rest
  },
) {
  let setupRequest = rest.setupRequest
  if (rest.varyHeader !== undefined) {
    const prefix = `bench-${process.pid.toString(36)}${Date.now().toString(36)}-`
    let n = 0
    const name = rest.varyHeader
    setupRequest = (request) => ({
      ...request,
      headers: { ...request.headers, [name]: `${prefix}${n++}` },
    })
  }
  const request = {
    url,
    connections,
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(amount !== undefined ? { amount } : { duration }),
    ...(amount === undefined && warmup
      ? { warmup: { connections, duration: Math.min(1, duration) } }
      : {}),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...(setupRequest === undefined ? {} : { requests: [{ setupRequest }] }),
  }
  const result = await autocannon(request)
  return {
    rps: Math.round(result.requests.average),
    p99: result.latency.p99,
    requests: result['2xx'] + result.non2xx,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}

/** Resident memory of a live process in MB: now (VmRSS) and its peak so far (VmHWM). */
export function readMemory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1])
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) }
}

/** A port that was free a moment ago, for a child that must be polled before it says its URL. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}

/** Milliseconds from `spawn()` to the first 200 of `healthPath`, polling every `everyMs`. */
export async function timeToFirst200(args, healthPath, { everyMs = 5, timeoutMs = 10_000 } = {}) {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}${healthPath}`
  // Load fetch's machinery before the clock starts: nothing listens there yet.
  await fetch(url).catch(() => {})
  const started = performance.now()
  const child = spawn(process.execPath, [...args, '--port', String(port)], { stdio: 'ignore' })
  children.add(child)
  child.once('exit', () => children.delete(child))
  const server = { child }
  try {
    while (performance.now() - started < timeoutMs) {
      if (child.exitCode !== null) throw new Error(`exited early (code ${child.exitCode})`)
      const ok = await fetch(url, { signal: AbortSignal.timeout(1000) }).then(
        (res) => res.status === 200,
        () => false,
      )
      if (ok) return performance.now() - started
      await sleep(everyMs)
    }
    throw new Error(`no 200 from ${healthPath} within ${timeoutMs} ms`)
  } finally {
    await stopServer(server)
  }
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Kills every child still running, for the `finally` of the bench. */
export async function stopAll() {
  await Promise.all([...children].map((child) => stopServer({ child })))
}
