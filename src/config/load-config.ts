import { readFileSync } from 'node:fs'
import { dirname, isAbsolute, resolve } from 'node:path'
import { FileError } from '../errors/file-error.js'
import { type MockApiConfig, parseConfig } from './parse-config.js'

/**
 * Reads and parses a `mockapi.yaml`, synchronously. `file` is resolved against `cwd` but reported
 * as given. Every problem, including a file that cannot be read, is a `FileError` pointing at the
 * file (line 1, column 1 when there is no better place).
 */
export function readConfig(file: string, cwd = '.'): MockApiConfig {
  let text: string
  try {
    text = readFileSync(resolve(cwd, file), 'utf8')
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const message = `cannot read config file: ${reason}. Expected a readable YAML file; check the path`
    throw new FileError([{ file, line: 1, column: 1, message }])
  }
  const config = parseConfig(text, file)
  // The document is found beside the config file, wherever mockapi runs.
  if (config.openapiFile === undefined || isAbsolute(config.openapiFile)) return config
  return { ...config, openapiFile: resolve(dirname(resolve(cwd, file)), config.openapiFile) }
}

/**
 * Reads and parses a `mockapi.yaml` (see the README for its keys). Rejects with a `FileError`
 * listing each problem with its line and column.
 *
 * @example
 * ```ts
 * const config = await loadConfig('mockapi.yaml')
 * const api = createMockApi({ config })
 * ```
 */
export async function loadConfig(file: string, cwd = '.'): Promise<MockApiConfig> {
  return readConfig(file, cwd)
}
