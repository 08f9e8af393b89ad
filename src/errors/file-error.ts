/** One problem in a config or scenario file, pointing at the offending place. */
export interface FileIssue {
  /** The file, or what was given instead of one (an unknown scenario name). */
  readonly file: string
  /** From 1; 0 when the problem is not at a place in a file (a name that matches no file). */
  readonly line: number
  readonly column: number
  readonly message: string
}

/**
 * A config or scenario file was refused. Raised at start-up or reload, never per request.
 *
 * @example
 * ```ts
 * try {
 *   await loadConfig('mockapi.yaml')
 * } catch (error) {
 *   if (isFileError(error)) for (const { line, column, message } of error.issues) console.log(line, column, message)
 * }
 * ```
 */
export class FileError extends Error {
  override readonly name = 'FileError'
  readonly issues: readonly FileIssue[]

  constructor(issues: readonly FileIssue[]) {
    super(issues.map(formatFileIssue).join('\n'))
    this.issues = issues
  }
}

export function formatFileIssue(issue: FileIssue): string {
  // No fake `name:1:1` for what is no file: the message names what was given.
  if (issue.line === 0) return issue.message
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.message}`
}

/** Whether `error` is a `FileError` (see its example). */
export function isFileError(error: unknown): error is FileError {
  return error instanceof FileError
}
