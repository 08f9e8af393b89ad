import { resolve } from 'node:path'
import { parseConfig } from '../config/parse-config.js'
import { parseDbText } from '../db/read-db-file.js'
import { FileError, formatFileIssue, isFileError } from '../errors/file-error.js'
import { MAX_CONFIG_BYTES, readFailure, readFileSafely } from '../files/read-file-safely.js'
import { parseScenario } from '../scenarios/parse-scenario.js'
import type { CliIo } from './cli-io.js'

// Keys only a scenario has at the top level; a config file has none of them.
const SCENARIO_KEY = /^(rules|settings|name|description)\s*:/m
// An OpenAPI document says so at the top level (`openapi: 3.1.0`, or `"openapi": …` in JSON).
const OPENAPI_KEY = /^\s*\{?\s*"?openapi"?\s*:/m

/**
 * `mockapi check FILE…`: every problem of every file — config, scenario or OpenAPI document,
 * told apart by their top-level keys — then exit 2 if there was any.
 */
export async function checkFiles(files: readonly string[], io: CliIo): Promise<number> {
  const problems: string[] = []
  const warnings: string[] = []
  for (const file of files) {
    try {
      const text = read(file, io.cwd)
      if (/\.json$/i.test(file) && !OPENAPI_KEY.test(text)) parseDbText(text, file)
      else if (OPENAPI_KEY.test(text)) await checkOpenApi(file, io.cwd)
      else if (SCENARIO_KEY.test(text)) {
        warnings.push(...(parseScenario(text, file).warnings ?? []).map(formatFileIssue))
      } else parseConfig(text, file)
    } catch (error) {
      if (!isFileError(error)) throw error
      problems.push(...error.issues.map(formatFileIssue))
    }
  }
  if (warnings.length > 0) io.stderr(`${warnings.join('\n')}\n`)
  if (problems.length > 0) {
    io.stderr(`${problems.join('\n')}\n`)
    return 2
  }
  io.stdout(`${files.length} file${files.length === 1 ? '' : 's'} OK\n`)
  return 0
}

/** An OpenAPI document is checked as `--openapi` would load it: validated, `$ref`s resolved. */
async function checkOpenApi(file: string, cwd: string): Promise<void> {
  const { loadOpenApi } = await import('../openapi/load-openapi.js')
  await loadOpenApi(file, cwd)
}

function read(file: string, cwd: string): string {
  try {
    // Config and scenario files share one limit, so either can be checked before it is known which.
    return readFileSafely(resolve(cwd, file), MAX_CONFIG_BYTES)
  } catch (error) {
    const reason = readFailure(error)
    const message = `cannot read file: ${reason}. Expected a readable YAML file; check the path`
    throw new FileError([{ file, line: 1, column: 1, message }])
  }
}
