import { parseDuration } from '../clock/parse-duration.js'
import type { YamlPath } from '../files/describe-schema-error.js'
import type { PathProblem } from '../files/parse-yaml-file.js'
import { parseRateLimit } from '../limits/parse-rate-limit.js'
import { checkMatch } from './check-match.js'
import { checkResponseHeaders } from './check-response-headers.js'

/** One problem found beyond the schema, located by its path in the file's value. */
export type ScenarioProblem = PathProblem

type Problems = ScenarioProblem[]
type Value = Record<string, unknown>

const COUNTERS = ['times', 'after', 'every', 'sequence'] as const
const SILENT_FAULTS: ReadonlySet<unknown> = new Set(['reset', 'hang', 'empty'])

/**
 * The checks of a scenario that its JSON Schema cannot express: methods, path patterns, headers
 * named twice, durations out of range, windows that close before they open, delay ranges, rules
 * that answer nothing or contradict themselves, rate limits that do not parse. Takes the file's
 * whole value unchecked, so it also runs on a file that failed the schema; parts of the wrong
 * shape are skipped, as the schema reports them.
 *
 * @example
 * checkScenario({ rules: [{ match: { method: 'GTE' }, respond: { status: 503 } }] })
 * // [{ path: ['rules', 0, 'match', 'method'], message: 'unknown method "GTE"; did you mean …' }]
 */
export function checkScenario(root: unknown): ScenarioProblem[] {
  if (!isObject(root)) return []
  const problems: Problems = []
  const rules = Array.isArray(root.rules) ? (root.rules as unknown[]) : []
  const settings = isObject(root.settings) ? root.settings : {}
  if (rules.length === 0 && Object.keys(settings).length === 0) {
    const message =
      'a scenario needs rules or settings, such as rules: [{ match: { path: /tasks }, respond: { status: 503 } }]'
    problems.push({ path: root.rules === undefined ? [] : ['rules'], message })
  }
  const { rateLimit } = settings
  if (typeof rateLimit === 'string') {
    problems.push(...attempt(['settings', 'rateLimit'], () => parseRateLimit(rateLimit)))
  }
  for (const [index, rule] of rules.entries()) {
    if (isObject(rule)) problems.push(...checkRule(rule, ['rules', index]))
  }
  return problems
}

function checkRule(rule: Value, at: YamlPath): Problems {
  const when = isObject(rule.when) ? rule.when : {}
  return [
    ...(isObject(rule.match) ? checkMatch(rule.match, [...at, 'match']) : []),
    ...checkWhen(when, [...at, 'when']),
    ...checkRespond(rule.respond, Array.isArray(when.sequence), at),
  ]
}

function checkWhen(when: Value, at: YamlPath): Problems {
  const problems: Problems = []
  if (isObject(when.window)) problems.push(...checkWindow(when.window, [...at, 'window']))
  const counted = COUNTERS.some((key) => when[key] !== undefined)
  for (const key of ['per', 'reset'] as const) {
    if (when[key] === undefined || counted) continue
    const message = `has no effect without times, after, every or sequence, whose counts it scopes; add one of them or remove ${key}`
    problems.push({ path: [...at, key], message, target: 'key' })
  }
  const steps = Array.isArray(when.sequence) ? (when.sequence as unknown[]) : []
  for (const [index, step] of steps.entries()) {
    if (!isErrorStatus(step)) {
      const message = `${String(step)} is not an error status; a step is a status from 400 to 599, or pass to let the request through`
      problems.push({ path: [...at, 'sequence', index], message })
    }
  }
  const reset = duration(when.reset, [...at, 'reset'], problems)
  if (reset === 0) problems.push({ path: [...at, 'reset'], message: 'must be at least 1ms' })
  return problems
}

function checkWindow(window: Value, at: YamlPath): Problems {
  const problems: Problems = []
  if (window.from === undefined && window.until === undefined) {
    const message = 'a window needs from, until or both, such as { from: 10s, until: 40s }'
    return [{ path: at, message }]
  }
  const from = duration(window.from, [...at, 'from'], problems)
  const until = duration(window.until, [...at, 'until'], problems)
  const fromKnown = window.from === undefined || from !== undefined
  if (until !== undefined && fromKnown && until <= (from ?? 0)) {
    const start = window.from === undefined ? 'the start (0ms)' : `from (${String(window.from)})`
    const message = `until (${String(window.until)}) must be later than ${start}`
    problems.push({ path: [...at, 'until'], message })
  }
  return problems
}

function checkRespond(value: unknown, hasSequence: boolean, rule: YamlPath): Problems {
  if (value === undefined && !hasSequence) {
    const message =
      'missing the required key "respond" (what to answer, such as { status: 503 }); only a rule with when.sequence may leave it out'
    return [{ path: rule, message }]
  }
  if (!isObject(value)) return []
  const at = [...rule, 'respond']
  const problems: Problems = []
  const answers = ['status', 'fault', 'delay', 'body', 'headers'].some(
    (key) => value[key] !== undefined,
  )
  if (!answers && !hasSequence) {
    const message =
      'must set at least one of status, fault, delay, body or headers, such as { status: 503 }'
    problems.push({ path: at, message })
  }
  if (!isErrorStatus(value.status)) {
    const message = `must be an error status, 400 to 599 (got ${String(value.status)}); other answers come from the API itself`
    problems.push({ path: [...at, 'status'], message })
  }
  if (hasSequence && value.status !== undefined) {
    const message =
      'conflicts with when.sequence, which gives the status of each match; remove one of them'
    problems.push({ path: [...at, 'status'], message, target: 'key' })
  }
  if (SILENT_FAULTS.has(value.fault)) {
    for (const key of ['status', 'body', 'headers'].filter((name) => value[name] !== undefined)) {
      const message = `has no effect with fault: ${String(value.fault)}, which sends no response; remove ${key}`
      problems.push({ path: [...at, key], message, target: 'key' })
    }
  }
  problems.push(...checkResponseHeaders(value.headers, [...at, 'headers']))
  problems.push(...checkDelay(value.delay, [...at, 'delay']))
  return problems
}

function checkDelay(delay: unknown, at: YamlPath): Problems {
  const problems: Problems = []
  if (!isObject(delay)) {
    duration(delay, at, problems)
    return problems
  }
  const uniform = delay.min !== undefined || delay.max !== undefined
  const normal = delay.mean !== undefined || delay.stddev !== undefined
  const [first, second] = uniform ? (['min', 'max'] as const) : (['mean', 'stddev'] as const)
  if (uniform && normal) {
    const message = 'use either min and max (uniform) or mean and stddev (normal), not both'
    return [{ path: at, message }]
  }
  if (delay[first] === undefined || delay[second] === undefined) {
    const message = uniform
      ? 'a delay range needs both min and max, such as { min: 300ms, max: 1500ms }'
      : normal
        ? 'a normal delay needs both mean and stddev, such as { mean: 500ms, stddev: 100ms }'
        : 'needs min and max (such as { min: 300ms, max: 1500ms }) or mean and stddev (such as { mean: 500ms, stddev: 100ms })'
    return [{ path: at, message }]
  }
  const low = duration(delay[first], [...at, first], problems)
  const high = duration(delay[second], [...at, second], problems)
  if (uniform && low !== undefined && high !== undefined && low > high) {
    const message = `min (${String(delay.min)}) must not be more than max (${String(delay.max)})`
    problems.push({ path: [...at, 'max'], message })
  }
  return problems
}

/** A duration in ms, or `undefined` (with a problem when it is a string or number that fails). */
function duration(value: unknown, at: YamlPath, problems: Problems): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined
  try {
    return parseDuration(value)
  } catch (error) {
    problems.push({ path: at, message: describe(error) })
    return undefined
  }
}

function attempt(path: YamlPath, check: () => unknown): Problems {
  try {
    check()
    return []
  } catch (error) {
    return [{ path, message: describe(error) }]
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Anything but an integer (a step `pass`, a status left out, a type the schema reports) passes. */
function isErrorStatus(value: unknown): boolean {
  return !Number.isInteger(value) || ((value as number) >= 400 && (value as number) <= 599)
}

function isObject(value: unknown): value is Value {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
