import { readConfig } from '../config/load-config.js'
import { formatFileIssue, isFileError } from '../errors/file-error.js'
import type { CliIo } from './run-cli.js'

/** `mockapi check FILE…`: every problem of every file, then exit 2 if there was any. */
export async function checkFiles(files: readonly string[], io: CliIo): Promise<number> {
  const problems: string[] = []
  for (const file of files) {
    try {
      readConfig(file, io.cwd)
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
