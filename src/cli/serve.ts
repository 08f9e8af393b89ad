import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { summarizeConduct } from '../conduct/summarize-conduct.js'
import { readConfig } from '../config/load-config.js'
import { formatFileIssue, isFileError } from '../errors/file-error.js'
import type { RequestLogEntry } from '../journal/log-requests.js'
import type { MockApi } from '../mock-api.js'
import { describeRule } from '../scenarios/inject-scenarios.js'
import { startMockApi } from '../start-mock-api.js'
import { VERSION } from '../version.js'
import type { CliIo } from './cli-io.js'
import { compactHeap } from './compact-heap.js'
import { formatBanner } from './format-banner.js'
import type { ServeFlags } from './parse-cli-args.js'
import { scenarioWarnings, watchScenarios } from './watch-scenarios.js'
import { checkReportFile, writeConductReport } from './write-conduct-report.js'

// Above this many records in all, the heap is compacted once after start-up.
const LARGE_DATA_SET = 50_000

/** Serves until the process is asked to stop; resolves to the exit code. */
export async function serve(flags: ServeFlags, io: CliIo): Promise<number> {
  if (flags.report !== undefined) checkReportFile(flags.report, io.cwd)
  const config = flags.config ?? defaultConfig(io.cwd)
  const loaded = config === undefined ? undefined : readConfig(config, io.cwd)
  // Human output moves to stderr when stdout carries the machine-readable ready line.
  const say = flags.readyJson ? io.stderr : io.stdout
  const options = {
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
    ...(flags.count === undefined ? {} : { count: flags.count }),
    ...(loaded === undefined ? {} : { config: loaded }),
    ...(flags.allowedHosts === undefined ? {} : { allowedHosts: flags.allowedHosts }),
    cors: flags.cors === true || flags.cors === false ? flags.cors : { origin: flags.cors },
    ...(flags.auth === undefined ? {} : { auth: flags.auth }),
    ...(flags.rateLimit === undefined ? {} : { rateLimit: flags.rateLimit }),
    ...(flags.maintenance === undefined ? {} : { maintenance: flags.maintenance }),
    ...(flags.maxInflight === undefined ? {} : { maxInflight: flags.maxInflight }),
    scenarios: flags.scenarios,
    ...(flags.scenariosDir === undefined ? {} : { scenariosDir: flags.scenariosDir }),
    ...(flags.prefer === undefined ? {} : { prefer: flags.prefer }),
    ...(flags.adminToken === undefined ? {} : { adminToken: flags.adminToken }),
    ...(flags.journalSize === undefined ? {} : { journalSize: flags.journalSize }),
    ...(flags.maxBodySize === undefined ? {} : { maxBodySize: flags.maxBodySize }),
    conduct: {
      ...(flags.conductIgnore.length === 0 ? {} : { ignore: flags.conductIgnore }),
      ...(flags.hangLimit === undefined ? {} : { hangLimit: flags.hangLimit }),
      ...(flags.retryStorm === undefined ? {} : { retryStorm: flags.retryStorm }),
    },
    ...(flags.retryAfter === undefined ? {} : { retryAfter: flags.retryAfter }),
    ...(flags.requireIfMatch === undefined ? {} : { requireIfMatch: flags.requireIfMatch }),
    ...(flags.maxMemory === undefined ? {} : { maxMemory: flags.maxMemory }),
    ...(flags.maxEventListeners === undefined
      ? {}
      : { maxEventListeners: flags.maxEventListeners }),
    // Relative to the working directory, and reported as given.
    ...(flags.openapi === undefined ? {} : { openapi: flags.openapi }),
    ...(flags.basePath === undefined ? {} : { basePath: flags.basePath }),
    ...(flags.db === undefined ? {} : { db: flags.db }),
    ...(flags.persist === undefined ? {} : { persist: flags.persist }),
    onFileError: (error: unknown) =>
      io.stderr(
        `${isFileError(error) ? error.issues.map(formatFileIssue).join('\n') : String(error)}\nmockapi: the data file was not reloaded; the last good data is still served.\n`,
      ),
    onUnexpectedError: reportOnce(io.stderr),
    ...(flags.quiet
      ? {}
      : {
          // A container's health probe every few seconds would bury the log.
          onRequest: (e: RequestLogEntry) => {
            if (!isHealthProbe(e)) say(formatLogLine(e))
          },
        }),
  }
  const api = await startMockApi({ ...options, port: flags.port, host: flags.host })
  const resources = api.resources()
  if (resources.reduce((sum, r) => sum + r.count, 0) > LARGE_DATA_SET) compactHeap()
  // The file first: whoever reads the ready line may look for it at once.
  const urlFile = flags.urlFile === undefined ? undefined : writeUrlFile(flags.urlFile, api.url, io)
  if (flags.readyJson) io.stdout(`${JSON.stringify({ url: api.url })}\n`)
  if (!flags.quiet) {
    const settings = api.settings()
    const interactive = io.interactive === true
    const db =
      flags.db === undefined ? undefined : { file: flags.db, persist: flags.persist === true }
    say(
      formatBanner({
        version: VERSION,
        url: api.url,
        resources,
        config,
        settings,
        interactive,
        db,
      }),
    )
  }
  const warnings = scenarioWarnings(api)
  if (warnings !== '') io.stderr(warnings)
  const unwatch = watchScenarios(api, { cwd: io.cwd, say: io.stderr })
  // With --ready-json a piped stdin is the parent's lifeline: its end stops the server too.
  const lifeline = flags.readyJson ? io.stdinClosed?.() : undefined
  const signal = await (lifeline === undefined ? io.stopped : Promise.race([io.stopped, lifeline]))
  unwatch()
  if (!flags.quiet) {
    say(
      signal === 'stdin closed'
        ? '\nmockapi: standard input closed, stopping…\n'
        : `\nmockapi: ${signal} received, stopping…\n`,
    )
  }
  await api.close()
  if (urlFile !== undefined) rmSync(urlFile, { force: true })
  return reportConduct(api, flags, io, say)
}

/** On stop: the conduct report to its file (and the CI summary), the one-line summary. */
async function reportConduct(
  api: Pick<MockApi, 'conductReports'>,
  flags: ServeFlags,
  io: CliIo,
  say: (text: string) => void,
): Promise<number> {
  // Requests a hang held are recorded once close() lets go of them: one turn later.
  await new Promise((resolve) => setImmediate(resolve))
  const reports = api.conductReports()
  if (!flags.quiet) say(`${summarizeConduct(reports)}\n`)
  if (flags.report === undefined) return 0
  try {
    await writeConductReport(reports, flags.report, io)
    return 0
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    io.stderr(`mockapi: cannot write the conduct report: ${reason}\n`)
    return 1
  }
}

function isHealthProbe(e: RequestLogEntry): boolean {
  return e.path === '/__mockapi/health' && (e.method === 'GET' || e.method === 'HEAD')
}

/**
 * `--url-file FILE`: the URL, once listening, for whoever cannot read the log (the image's health
 * check, a test harness). A file that cannot be written is said once and the server goes on.
 */
function writeUrlFile(file: string, url: string, io: CliIo): string | undefined {
  const path = resolve(io.cwd, file)
  try {
    writeFileSync(path, `${url}\n`)
    return path
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    io.stderr(`mockapi: could not write the URL to --url-file ${file}: ${reason}\n`)
    return undefined
  }
}

// Distinct errors remembered, so a fault hit by every request cannot grow memory either.
const MAX_REPORTED = 100

/**
 * Prints an unexpected error (its request got 500 internal_error) with its stack the first time
 * only: a fault every request hits would otherwise bury the log. Repeats show in the request log.
 */
function reportOnce(print: (text: string) => void): (error: unknown) => void {
  const reported = new Set<string>()
  return (error) => {
    const text = error instanceof Error ? (error.stack ?? String(error)) : String(error)
    // The same error is its message thrown from the same place, whichever route reached it.
    const key = text.split('\n', 2).join('\n')
    if (reported.has(key)) return
    if (reported.size < MAX_REPORTED) reported.add(key)
    print(
      `mockapi: unexpected error; the request got 500 internal_error (printed once, repeats show in the request log): ${text}\n`,
    )
  }
}

/** `GET /users/1 200 0.8ms`, and what a scenario did: `GET /x reset 0.3ms (scenario chaos, rule 1)`. */
function formatLogLine(e: RequestLogEntry): string {
  // Status 0 without a fault: the client went away while its request was held (a delay).
  const outcome =
    e.status === 0 ? (e.fault ?? 'client gone') : e.fault ? `${e.status} ${e.fault}` : e.status
  const rule = e.rule ? ` (${e.delayed ? 'delayed by ' : ''}${describeRule(e.rule)})` : ''
  const warning = e.warning === undefined ? '' : ` — ${e.warning}`
  return `${e.method} ${e.path} ${outcome} ${e.ms.toFixed(1)}ms${rule}${warning}\n`
}

export function defaultConfig(cwd: string): string | undefined {
  return ['mockapi.yaml', 'mockapi.yml'].find((name) => existsSync(resolve(cwd, name)))
}
