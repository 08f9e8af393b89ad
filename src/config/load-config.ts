import { dirname, isAbsolute, resolve } from 'node:path'
import { FileError } from '../errors/file-error.js'
import { MAX_CONFIG_BYTES, readFailure, readFileSafely } from '../files/read-file-safely.js'
import { type MockApiConfig, parseConfig } from './parse-config.js'

/**
 * Reads and parses a `mockapi.yaml`, synchronously. `file` is resolved against `cwd` but reported
 * as given. Every problem, including a file that cannot be read, is a `FileError` pointing at the
 * file (line 1, column 1 when there is no better place).
 */
export function readConfig(file: string, cwd = '.'): MockApiConfig {
  let text: string
  try {
    text = readFileSafely(resolve(cwd, file), MAX_CONFIG_BYTES)
  } catch (error) {
    const reason = readFailure(error)
    const message = `cannot read config file: ${reason}. Expected a readable YAML file; check the path`
    throw new FileError([{ file, line: 1, column: 1, message }])
  }
  const config = parseConfig(text, file)
  // The document is found beside the config file, wherever mockapi runs.
  if (config.openapiFile === undefined || isAbsolute(config.openapiFile)) return config
  return { ...config, openapiFile: resolve(dirname(resolve(cwd, file)), config.openapiFile) }
}

/**
 * Reads and parses a `mockapi.yaml` (see docs/resources.md for its keys). Rejects with a `FileError`
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

/**
 * The `config` option as given: what `loadConfig` returned is taken as it is; an object written
 * as the file would be is checked as the file is (a `FileError` naming each problem).
 *
 * @example
 * toConfig({ resources: { books: { fields: { title: 'string' } } } }).resources[0]?.name // 'books'
 */
export function toConfig(value: MockApiConfig | object): MockApiConfig {
  if (isParsed(value)) return value
  // JSON is YAML: the file's checks, with a line and column in this text for every problem.
  return parseConfig(JSON.stringify(value, null, 2), 'config option')
}

function isParsed(value: object): value is MockApiConfig {
  const { resources, builtins } = value as Partial<Record<string, unknown>>
  return Array.isArray(resources) && typeof builtins === 'boolean'
}
