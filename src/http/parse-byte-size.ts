const SIZE = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?\s*$/i
const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 * 1024,
  mb: 1024 * 1024,
  g: 1024 * 1024 * 1024,
  gb: 1024 * 1024 * 1024,
}

/**
 * A size as people write it — `1048576`, `512kb`, `1mb`, `2 MB` (units of 1024) — in bytes.
 * Throws a `RangeError` naming what was expected.
 *
 * @example
 * parseByteSize('1mb') // 1048576
 */
export function parseByteSize(text: string | number): number {
  const match = typeof text === 'number' ? undefined : SIZE.exec(text)
  const bytes =
    typeof text === 'number'
      ? text
      : match
        ? Math.floor(Number(match[1]) * (UNITS[(match[2] ?? 'b').toLowerCase()] ?? 1))
        : Number.NaN
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new RangeError(
      `size must be a positive number of bytes, or one with a unit such as 512kb or 1mb, got ${JSON.stringify(text)}`,
    )
  }
  return bytes
}
