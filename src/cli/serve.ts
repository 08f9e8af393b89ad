import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { readConfig } from '../config/load-config.js'
import type { RequestLogEntry } from '../journal/log-requests.js'
import { describeRule } from '../scenarios/inject-scenarios.js'
import { startMockApi } from '../start-mock-api.js'
import { VERSION } from '../version.js'
import type { CliIo } from './cli-io.js'
import { compactHeap } from './compact-heap.js'
import { formatBanner } from './format-banner.js'
import type { ServeFlags } from './parse-cli-args.js'
import { watchScenarios } from './watch-scenarios.js'

// Above this many records in all, the heap is compacted once after start-up.
const LARGE_DATA_SET = 50_000

/** Serves until the process is asked to stop; resolves to the exit code. */
export async function serve(flags: ServeFlags, io: CliIo): Promise<number> {
  const config = flags.config ?? defaultConfig(io.cwd)
  const loaded = config === undefined ? undefined : readConfig(config, io.cwd)
  // Human output moves to stderr when stdout carries the machine-readable ready line.
  const say = flags.readyJson ? io.stderr : io.stdout
  const options = {
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
    ...(flags.count === undefined ? {} : { count: flags.count }),
    ...(loaded === undefined ? {} : { config: loaded }),
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
    // Relative to the working directory, and reported as given.
    ...(flags.openapi === undefined ? {} : { openapi: flags.openapi }),
    ...(flags.basePath === undefined ? {} : { basePath: flags.basePath }),
    onUnexpectedError: reportOnce(io.stderr),
    ...(flags.quiet
      ? {}
      : {
          onRequest: (e: RequestLogEntry) => say(formatLogLine(e)),
        }),
  }
  const api = await startMockApi({ ...options, port: flags.port, host: flags.host })
  const resources = api.resources()
  if (resources.reduce((sum, r) => sum + r.count, 0) > LARGE_DATA_SET) compactHeap()
  if (flags.readyJson) io.stdout(`${JSON.stringify({ url: api.url })}\n`)
  if (!flags.quiet) {
    say(
      formatBanner({ version: VERSION, url: api.url, resources, config, settings: api.settings() }),
    )
  }
  const unwatch = watchScenarios(api, flags.scenarios, { cwd: io.cwd, say: io.stderr })
  const signal = await io.stopped
  unwatch()
  if (!flags.quiet) say(`\nmockapi: ${signal} received, stopping…\n`)
  await api.close()
  return 0
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
  const outcome = e.status === 0 ? e.fault : e.fault ? `${e.status} ${e.fault}` : e.status
  const rule = e.rule ? ` (${e.delayed ? 'delayed by ' : ''}${describeRule(e.rule)})` : ''
  return `${e.method} ${e.path} ${outcome} ${e.ms.toFixed(1)}ms${rule}\n`
}

function defaultConfig(cwd: string): string | undefined {
  return ['mockapi.yaml', 'mockapi.yml'].find((name) => existsSync(resolve(cwd, name)))
}
