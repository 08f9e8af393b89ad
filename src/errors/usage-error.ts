/** The command line was wrong (unknown flag, bad value). The CLI prints the message and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export function isUsageError(error: unknown): error is UsageError {
  return error instanceof UsageError
}
