import { parseDuration } from '../clock/parse-duration.js'
import { CONDUCT_RULES, type ConductRule, isConductRule } from '../conduct/conduct-rules.js'
import { UsageError } from '../errors/usage-error.js'
import { parseByteSize } from '../http/parse-byte-size.js'
import { parseRateLimit, type RateLimitPolicy } from '../limits/parse-rate-limit.js'

/** Readers of one flag's value, each refusing a bad one with a UsageError naming what was typed. */

export function integer(
  value: string | boolean | undefined,
  name: string,
  min: number,
  max: number,
) {
  if (value === undefined || typeof value === 'boolean') return undefined
  const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new UsageError(`${name} must be an integer from ${min} to ${max}, got "${value}".`)
  }
  return parsed
}

export function text(value: string | boolean | undefined, name: string): string | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined
  if (value.trim() === '') throw new UsageError(`${name} must not be empty.`)
  return value
}

export function rateLimit(
  value: string | boolean | undefined,
  name: string,
): RateLimitPolicy | false | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined
  try {
    return parseRateLimit(value)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new UsageError(`${reason.replace(/^rate limit/, name)}.`)
  }
}

export function byteSize(value: string | boolean | undefined, name: string): number | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined
  try {
    return parseByteSize(value)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new UsageError(`${name}: ${reason}.`)
  }
}

/** The report's format is its extension. */
export function reportFile(file: string | undefined, name: string): string | undefined {
  if (file === undefined || /\.(json|md|html)$/i.test(file)) return file
  throw new UsageError(`${name} must name a .json, .md or .html file, got "${file}".`)
}

/** `retry-storm,token-in-url` → rule ids, each checked. */
export function ruleList(value: string | boolean | undefined, name: string): ConductRule[] {
  if (value === undefined || typeof value === 'boolean') return []
  const rules = value
    .split(',')
    .map((rule) => rule.trim())
    .filter(Boolean)
  const unknown = rules.find((rule) => !isConductRule(rule))
  if (unknown !== undefined) {
    throw new UsageError(
      `${name}: unknown rule "${unknown}"; the rules are ${CONDUCT_RULES.join(', ')}.`,
    )
  }
  return rules.filter(isConductRule)
}

export function duration(value: string | boolean | undefined, name: string): number | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined
  try {
    return parseDuration(value)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new UsageError(`${name}: ${reason}.`)
  }
}

export function basePath(value: string | boolean | undefined): string | undefined {
  const path = text(value, 'base-path')
  if (path === undefined || path.startsWith('/')) return path
  throw new UsageError(`--base-path must start with "/" (use / for the root), got "${path}".`)
}

/** `--scenario` as often as given; else `MOCKAPI_SCENARIO`, comma-separated. */
export function scenarioList(
  flags: readonly string[] | undefined,
  env: string | undefined,
): string[] {
  const list = flags ?? (env ?? '').split(',')
  const names = list.map((name) => name.trim()).filter(Boolean)
  if (flags !== undefined && names.length < flags.length) {
    throw new UsageError('--scenario must name a scenario or a file, got "".')
  }
  return names
}

export function origins(value: string | boolean | undefined): boolean | readonly string[] {
  if (value === undefined || typeof value === 'boolean' || value === '*') return true
  return value
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
}

/** `--allowed-hosts a.test,.example.test`, or `*` (anywhere in the list) for any host. */
export function hostList(value: string | boolean | undefined): '*' | readonly string[] | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined
  const hosts = value
    .split(',')
    .map((host) => host.trim())
    .filter(Boolean)
  return hosts.includes('*') ? '*' : hosts
}
