import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { loadConfig } from '../config/load-config.js'
import { formatFileIssue, isFileError } from '../errors/file-error.js'
import { isUsageError } from '../errors/usage-error.js'
import { DEFAULT_SEED } from '../options.js'
import { startMockApi } from '../start-mock-api.js'
import { VERSION } from '../version.js'
import { formatBanner } from './format-banner.js'
import { HELP_TEXT } from './help-text.js'
import { parseCliArgs, type ServeFlags } from './parse-cli-args.js'

/** The process around the CLI: its streams, environment and stop signal. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  readonly stopped: Promise<string>
}

/** Runs the CLI for `argv` and resolves to the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const command = parseCliArgs(argv, io.env)
    switch (command.kind) {
      case 'help':
        io.stdout(HELP_TEXT)
        return 0
      case 'version':
        io.stdout(`${VERSION}\n`)
        return 0
      case 'check':
        return await check(command.files, io)
      case 'serve':
        return await serve(command, io)
    }
  } catch (error) {
    if (isUsageError(error)) io.stderr(`mockapi: ${error.message}\n`)
    else if (isFileError(error)) io.stderr(`${error.issues.map(formatFileIssue).join('\n')}\n`)
    else io.stderr(`mockapi: ${error instanceof Error ? error.message : String(error)}\n`)
    return isUsageError(error) || isFileError(error) ? 2 : 1
  }
}

async function check(files: readonly string[], io: CliIo): Promise<number> {
  const problems: string[] = []
  for (const file of files) {
    try {
      await loadConfig(file)
    } catch (error) {
      if (!isFileError(error)) throw error
      problems.push(...error.issues.map(formatFileIssue))
    }
  }
  if (problems.length > 0) {
    io.stderr(`${problems.join('\n')}\n`)
    return 2
  }
  io.stdout(`${files.length} file${files.length === 1 ? '' : 's'} OK\n`)
  return 0
}

async function serve(flags: ServeFlags, io: CliIo): Promise<number> {
  const config = flags.config ?? defaultConfig(io.cwd)
  const loaded = config === undefined ? undefined : await loadConfig(resolve(io.cwd, config))
  // Human output moves to stderr when stdout carries the machine-readable ready line.
  const say = flags.readyJson ? io.stderr : io.stdout
  const options = {
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
    ...(flags.count === undefined ? {} : { count: flags.count }),
    ...(loaded === undefined ? {} : { config: loaded }),
    cors: flags.cors === true || flags.cors === false ? flags.cors : { origin: flags.cors },
    onUnexpectedError: (error: unknown) =>
      io.stderr(`mockapi: unexpected error: ${error instanceof Error ? error.stack : error}\n`),
    ...(flags.quiet
      ? {}
      : {
          onRequest: (e: { method: string; path: string; status: number; ms: number }) =>
            say(`${e.method} ${e.path} ${e.status} ${e.ms.toFixed(1)}ms\n`),
        }),
  }
  const api = await startMockApi({ ...options, port: flags.port, host: flags.host })
  if (flags.readyJson) io.stdout(`${JSON.stringify({ url: api.url })}\n`)
  if (!flags.quiet) {
    const seed = flags.seed ?? loaded?.seed ?? DEFAULT_SEED
    const resources = api.resources()
    say(formatBanner({ version: VERSION, url: api.url, resources, seed, config, cors: flags.cors }))
  }
  const signal = await io.stopped
  if (!flags.quiet) say(`\nmockapi: ${signal} received, stopping…\n`)
  await api.close()
  return 0
}

function defaultConfig(cwd: string): string | undefined {
  return ['mockapi.yaml', 'mockapi.yml'].find((name) => existsSync(resolve(cwd, name)))
}
