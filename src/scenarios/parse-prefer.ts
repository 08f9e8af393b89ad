import { parseDuration } from '../clock/parse-duration.js'

/** What a request's `Prefer` header asks of the mock. */
export interface Preference {
  /** Answer this 4xx or 5xx status instead of the natural answer. */
  readonly code?: number
  /** Wait this many milliseconds before answering. */
  readonly delayMs?: number
  /** `code=` and `delay=` values the mock cannot honour, each with why: ignored (RFC 7240 §2). */
  readonly ignored?: readonly string[]
}

/** The longest `Prefer: delay=`: long enough to trip any client timeout. */
export const MAX_PREFER_DELAY_MS = 10 * 60 * 1000

/**
 * Reads the `code=` and `delay=` preferences of a `Prefer` header (RFC 7240; `code` as Prism
 * reads it): `Prefer: code=429`, `Prefer: delay=500` (ms, or `2s`), or both, separated by `,` or
 * `;`. Other preferences (`return=minimal`) are left alone, and a 2xx or 3xx `code` means the
 * natural answer, as a client written for Prism expects. A value the mock cannot honour is
 * ignored, as RFC 7240 §2 requires, and listed in `ignored`. Returns `undefined` when nothing
 * applies and nothing was ignored.
 *
 * @example
 * parsePrefer('code=503, delay=200') // { code: 503, delayMs: 200 }
 * parsePrefer('code=abc') // { ignored: ['code=abc (not an HTTP status from 200 to 599)'] }
 * parsePrefer('return=minimal') // undefined
 */
export function parsePrefer(header: string | undefined): Preference | undefined {
  if (header === undefined || !/\b(code|delay)\s*=/i.test(header)) return undefined
  let code: number | undefined
  let delayMs: number | undefined
  const ignored: string[] = []
  for (const part of header.split(/[,;]/)) {
    const [rawName = '', ...rest] = part.split('=')
    const name = rawName.trim().toLowerCase()
    const value = rest
      .join('=')
      .trim()
      .replace(/^"(.*)"$/, '$1')
    if (name === 'code') {
      const parsed = parseCode(value)
      if (parsed === undefined) ignored.push(`code=${value} (not an HTTP status from 200 to 599)`)
      else code = parsed
    } else if (name === 'delay') {
      const parsed = parseDelay(value)
      if (parsed === undefined) ignored.push(`delay=${value} (not a duration up to 10m)`)
      else delayMs = parsed
    }
  }
  if (code !== undefined && code < 400) code = undefined
  if (code === undefined && delayMs === undefined && ignored.length === 0) return undefined
  return {
    ...(code === undefined ? {} : { code }),
    ...(delayMs === undefined ? {} : { delayMs }),
    ...(ignored.length === 0 ? {} : { ignored }),
  }
}

function parseCode(value: string): number | undefined {
  const code = /^\d{3}$/.test(value) ? Number(value) : Number.NaN
  return code >= 200 && code <= 599 ? code : undefined
}

function parseDelay(value: string): number | undefined {
  try {
    const ms = parseDuration(value)
    return ms >= 0 && ms <= MAX_PREFER_DELAY_MS ? ms : undefined
  } catch {
    return undefined
  }
}
