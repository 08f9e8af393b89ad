/** A numeric option's documented range: the same as its command-line flag's. */
interface Range {
  readonly min: number
  readonly max: number
  readonly integer: boolean
}

const whole = (min: number, max: number): Range => ({ min, max, integer: true })

const RANGES: Readonly<Record<string, Range>> = {
  seed: whole(0, Number.MAX_SAFE_INTEGER),
  count: whole(0, 1_000_000),
  maxInflight: whole(1, 1_000_000),
  journalSize: whole(0, 1_000_000),
  retryAfter: whole(0, 86_400),
  port: whole(0, 65_535),
  shutdownTimeout: whole(0, 3_600_000),
  requestTimeout: whole(1, 3_600_000),
  headersTimeout: whole(1, 3_600_000),
  'sessions.max': whole(1, 100_000),
  'sessions.idleMs': whole(1, 86_400_000),
}

/**
 * Refuses a numeric option of `createMockApi` or `startMockApi` outside its documented range (`count: -1`), before anything starts:
 * one message naming the option, its range and what was given.
 *
 * @throws RangeError "Failed to create the mock: count must be an integer from 0 to 1000000, got -1."
 */
export function checkOptions(options: Readonly<Record<string, unknown>>): void {
  const sessions = isObject(options.sessions) ? options.sessions : {}
  const values: Record<string, unknown> = {
    ...options,
    'sessions.max': sessions.max,
    'sessions.idleMs': sessions.idleMs,
  }
  for (const [name, range] of Object.entries(RANGES)) {
    const value = values[name]
    if (value === undefined) continue
    const fits =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (!range.integer || Number.isInteger(value)) &&
      value >= range.min &&
      value <= range.max
    if (!fits) {
      throw new RangeError(
        `Failed to create the mock: ${name} must be an integer from ${range.min} to ${range.max}, got ${JSON.stringify(value) ?? String(value)}.`,
      )
    }
  }
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null
}
