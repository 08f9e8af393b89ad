import type { FieldFormat } from './resource-spec.js'

// The same email shape ajv-formats accepts ("fast" mode): a dot-atom local part and a dotted
// hostname. Deliberately stricter than RFC 5322, like the APIs being imitated.
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/
const HTTP_PREFIX = /^https?:\/\/[^/]/i
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const

const MESSAGES: Readonly<Record<FieldFormat, string>> = {
  email: 'must be a valid email address',
  uuid: 'must be a valid UUID',
  'date-time': 'must be an RFC 3339 date-time such as 2024-05-01T12:00:00Z',
  date: 'must be a date in YYYY-MM-DD form',
  url: 'must be an absolute http or https URL',
}

/**
 * Checks a string against one of the field formats; returns the message to report, or
 * `undefined` when the value conforms. Written by hand rather than with ajv: it runs on every
 * write and these five checks are all mockapi needs.
 *
 * @example
 * checkFormat('date', '2024-02-30') // 'must be a date in YYYY-MM-DD form'
 */
export function checkFormat(format: FieldFormat, value: string): string | undefined {
  return FORMATS[format](value) ? undefined : MESSAGES[format]
}

const FORMATS: Readonly<Record<FieldFormat, (value: string) => boolean>> = {
  email: (value) => value.length <= 254 && EMAIL.test(value),
  uuid: (value) => UUID.test(value),
  date: isDate,
  'date-time': isDateTime,
  url: isHttpUrl,
}

function isDate(value: string): boolean {
  const match = DATE.exec(value)
  if (match === null) return false
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  if (month < 1 || month > 12 || day < 1) return false
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  const days = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0)
  return day <= days
}

function isDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value)
  if (match === null || !isDate(match[1] ?? '')) return false
  const [hour, minute, second] = [match[2], match[3], match[4]].map(Number)
  if (hour === undefined || minute === undefined || second === undefined) return false
  // 60 is a leap second, which RFC 3339 allows.
  if (hour > 23 || minute > 59 || second > 60) return false
  return match[5] === undefined || (Number(match[5]) <= 23 && Number(match[6]) <= 59)
}

function isHttpUrl(value: string): boolean {
  // `new URL` quietly trims, re-encodes and accepts `http:host`; a stored URL must be the exact text.
  if (!HTTP_PREFIX.test(value) || /\s/.test(value)) return false
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
  } catch {
    return false
  }
}
