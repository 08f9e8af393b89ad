import { readFile } from 'node:fs/promises'
import { FileError } from '../errors/file-error.js'
import { type MockApiConfig, parseConfig } from './parse-config.js'

/**
 * Reads and parses a `mockapi.yaml`. Every problem, including a file that cannot be read, is a
 * `FileError` pointing at the file (line 1, column 1 when there is no better place).
 *
 * @example
 * const config = await loadConfig('mockapi.yaml')
 */
export async function loadConfig(file: string): Promise<MockApiConfig> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const message = `cannot read config file: ${reason}. Expected a readable YAML file; check the path`
    throw new FileError([{ file, line: 1, column: 1, message }])
  }
  return parseConfig(text, file)
}
