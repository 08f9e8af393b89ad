import { parseDuration } from '../clock/parse-duration.js'
import { HttpError } from '../errors/http-error.js'

/** What a request's `Prefer` header asks of the mock. */
export interface Preference {
  /** Answer this 4xx or 5xx status instead of the natural answer. */
  readonly code?: number
  /** Wait this many milliseconds before answering. */
  readonly delayMs?: number
}

/** The longest `Prefer: delay=`: long enough to trip any client timeout. */
export const MAX_PREFER_DELAY_MS = 10 * 60 * 1000

/**
 * Reads the `code=` and `delay=` preferences of a `Prefer` header (RFC 7240; `code` as Prism
 * reads it): `Prefer: code=429`, `Prefer: delay=500` (ms, or `2s`), or both, separated by `,` or
 * `;`. Other preferences (`return=minimal`) are left alone, and a 2xx or 3xx `code` means the
 * natural answer, as a client written for Prism expects. Returns `undefined` when nothing applies.
 *
 * @throws HttpError 400 `invalid_prefer` when `code` or `delay` has a value the mock cannot honour.
 * @example
 * parsePrefer('code=503, delay=200') // { code: 503, delayMs: 200 }
 * parsePrefer('return=minimal') // undefined
 */
export function parsePrefer(header: string | undefined): Preference | undefined {
  if (header === undefined || !/\b(code|delay)\s*=/i.test(header)) return undefined
  let code: number | undefined
  let delayMs: number | undefined
  for (const part of header.split(/[,;]/)) {
    const [rawName = '', ...rest] = part.split('=')
    const name = rawName.trim().toLowerCase()
    const value = rest
      .join('=')
      .trim()
      .replace(/^"(.*)"$/, '$1')
    if (name === 'code') code = parseCode(value)
    else if (name === 'delay') delayMs = parseDelay(value)
  }
  if (code !== undefined && code < 400) code = undefined
  if (code === undefined && delayMs === undefined) return undefined
  return { ...(code === undefined ? {} : { code }), ...(delayMs === undefined ? {} : { delayMs }) }
}

function parseCode(value: string): number {
  const code = /^\d{3}$/.test(value) ? Number(value) : Number.NaN
  if (code >= 200 && code <= 599) return code
  throw invalid(`Prefer: code must be an HTTP status from 200 to 599, got "${value}".`)
}

function parseDelay(value: string): number {
  let ms: number
  try {
    ms = parseDuration(value)
  } catch {
    ms = Number.NaN
  }
  if (ms >= 0 && ms <= MAX_PREFER_DELAY_MS) return ms
  throw invalid(
    `Prefer: delay must be milliseconds (500) or a duration (2s) up to 10m, got "${value}".`,
  )
}

function invalid(detail: string): HttpError {
  return new HttpError(400, { code: 'invalid_prefer', detail })
}
