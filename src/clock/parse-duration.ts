/** The longest duration accepted: 24 h, well below what a timer can hold. */
export const MAX_DURATION_MS = 24 * 60 * 60 * 1000

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const
// Lower-case units only, as in rate limits: 'M' would read as months to some and minutes to others.
const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/

/**
 * Reads a duration: a number with `ms`, `s`, `m` or `h`, or a bare number of milliseconds (as a
 * number or as text). Fractions are allowed (`1.5s`) and rounded to the nearest millisecond;
 * surrounding spaces are ignored. Returns milliseconds.
 *
 * @throws RangeError naming the value when it is malformed, negative or longer than 24 h.
 * @example
 * parseDuration('300ms') // 300
 * parseDuration('2s') // 2000
 * parseDuration('1.5m') // 90000
 * parseDuration(250) // 250
 */
export function parseDuration(text: string | number): number {
  if (typeof text === 'number') return inRange(text, text)
  const match = DURATION_PATTERN.exec(text.trim())
  const [, amount, unit = 'ms'] = match ?? []
  if (amount === undefined || !isUnit(unit)) {
    throw new RangeError(
      `duration must look like 300ms, 2s, 5m or 1h (or a number of milliseconds), got ${JSON.stringify(text)}`,
    )
  }
  return inRange(Number(amount) * UNIT_MS[unit], text)
}

function inRange(ms: number, text: string | number): number {
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_DURATION_MS) {
    const shown = typeof text === 'string' ? JSON.stringify(text) : String(text)
    throw new RangeError(`duration must be from 0ms to 24h, got ${shown}`)
  }
  return Math.round(ms)
}

function isUnit(unit: string): unit is keyof typeof UNIT_MS {
  return Object.hasOwn(UNIT_MS, unit)
}
