import { type FileIssue, formatFileIssue, isFileError } from '../errors/file-error.js'
import { isUsageError } from '../errors/usage-error.js'
import { VERSION } from '../version.js'
import type { CliIo } from './cli-io.js'
import { HELP_TEXT } from './help-text.js'
import { parseCliArgs } from './parse-cli-args.js'

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
      // Loaded on demand, so --help and --version answer without loading the server.
      case 'check':
        return await (await import('./check-files.js')).checkFiles(command.files, io)
      case 'scenarios':
        return await (await import('./list-scenarios.js')).printScenarios(command, io)
      case 'openapi':
        return await (await import('./print-openapi.js')).printOpenApi(command, io)
      case 'print-config':
        return await (await import('./print-config.js')).printConfig(command, io)
      case 'serve':
        return await (await import('./serve.js')).serve(command, io)
    }
  } catch (error) {
    if (isUsageError(error)) io.stderr(`mockapi: ${error.message}\n`)
    else if (isFileError(error)) io.stderr(`${error.issues.map(formatIssue).join('\n')}\n`)
    else io.stderr(`mockapi: ${error instanceof Error ? error.message : String(error)}\n`)
    return isUsageError(error) || isFileError(error) ? 2 : 1
  }
}

// A problem at no place in a file (an unknown scenario name) reads as the CLI's other messages.
function formatIssue(issue: FileIssue): string {
  return issue.line === 0 ? `mockapi: ${issue.message}` : formatFileIssue(issue)
}
