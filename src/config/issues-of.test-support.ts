import { type FileIssue, isFileError } from '../errors/file-error.js'
import { parseConfig } from './parse-config.js'

/** The issues a config text is refused with; fails the test when it is accepted. */
export function issuesOf(text: string): FileIssue[] {
  try {
    parseConfig(text, 'mockapi.yaml')
  } catch (error) {
    if (isFileError(error)) return [...error.issues]
    throw error
  }
  throw new Error('expected the config to be refused')
}

/** A YAML text of these lines. */
export const lines = (...rows: string[]): string => `${rows.join('\n')}\n`
