import { compilePathPattern, type PathPattern } from './match-path.js'
import type {
  CounterScope,
  MatchSpec,
  RespondSpec,
  RuleSpec,
  Scenario,
  SequenceStep,
  WhenSpec,
} from './scenario-spec.js'

/** Which scenario rule answered: for the journal and the logs. */
export interface RuleRef {
  readonly scenario: string
  /** The rule's position in its scenario's `rules`, from 0. */
  readonly index: number
}

/** What the rule engine reads of a request. */
export interface RequestFacts {
  /** Upper-case, as sent. */
  readonly method: string
  /** The path without the query string, as sent (percent-encoded). */
  readonly path: string
  /** A header's value by lower-case name, `undefined` when absent. */
  readonly headers: (name: string) => string | undefined
  readonly query: URLSearchParams
  /** The token the request carries in the auth header, if any. */
  readonly token: string | undefined
  readonly ip: string
  /**
   * The path as the mock's own routes name it (`/pet/1` for `/api/v3/pet/1` of an API model),
   * which the built-in scenarios' rules match instead of `path`; undefined when the same.
   */
  readonly canonicalPath?: string | undefined
}

/** A rule's `when`, with defaults resolved and its counting conditions combined. */
export interface CompiledWhen {
  readonly fromMs: number
  /** `Infinity` when the window has no end. */
  readonly untilMs: number
  readonly per: CounterScope
  readonly resetEveryMs: number | undefined
  readonly probability: number | undefined
  /** Whether the n-th match (from 1) fires; `undefined` when the rule counts nothing. */
  readonly firesOnCount: ((count: number) => boolean) | undefined
  readonly sequence: readonly SequenceStep[] | undefined
}

/** A rule ready to be tried: everything parsed and built once, at load. */
export interface CompiledRule {
  readonly ref: RuleRef
  /** Rules are tried in ascending order. */
  readonly order: number
  /** A stable name for the rule's random streams: scenario name, its occurrence, rule index. */
  readonly key: string
  /** Upper-case methods; `undefined` = any. */
  readonly methods: ReadonlySet<string> | undefined
  /** The compiled path pattern, for the index; `undefined` = any path. */
  readonly path: PathPattern | undefined
  /** Whether the request matches the rule's `match`, given its path split by `splitPath`. */
  readonly matches: (request: RequestFacts, segments: readonly string[]) => boolean
  /**
   * The header, query and token checks alone, for a request whose method and path the index has
   * already matched; `undefined` when the rule has none.
   */
  readonly matchesRest: ((request: RequestFacts) => boolean) | undefined
  readonly when: CompiledWhen
  readonly respond: RespondSpec
  /** Whether the rule is one of a built-in scenario's, written for the mock's own routes. */
  readonly builtin: boolean
}

type Check = (request: RequestFacts) => boolean

/**
 * Compiles scenarios' rules in the order they are tried: the last scenario's rules first, each
 * scenario's rules in file order. Path patterns, method sets and header, query and token checks
 * are built here, once, so trying a rule parses nothing.
 *
 * @throws RangeError on a malformed path pattern (which `parseScenario` already refuses).
 * @example
 * const [rule] = compileRules([{ name: 'down', description: '', source: 'inline',
 *   rules: [{ match: { methods: ['POST'], path: '/tasks' }, respond: { status: 503 } }] }])
 * rule.ref // { scenario: 'down', index: 0 }
 */
export function compileRules(scenarios: readonly Scenario[]): CompiledRule[] {
  const seen = new Map<string, number>()
  const layers = scenarios.map((scenario) => {
    const occurrence = seen.get(scenario.name) ?? 0
    seen.set(scenario.name, occurrence + 1)
    return { scenario, occurrence }
  })
  const rules: CompiledRule[] = []
  for (const { scenario, occurrence } of layers.reverse()) {
    for (const [index, rule] of scenario.rules.entries()) {
      const key = `${scenario.name}#${occurrence}/${index}`
      const compiled = compileRule(rule, { scenario: scenario.name, index }, key, rules.length)
      rules.push({ ...compiled, builtin: scenario.source.startsWith('builtin:') })
    }
  }
  return rules
}

function compileRule(
  rule: RuleSpec,
  ref: RuleRef,
  key: string,
  order: number,
): Omit<CompiledRule, 'builtin'> {
  const when = compileWhen(rule.when ?? {})
  return { ref, order, key, ...compileMatch(rule.match), when, respond: rule.respond }
}

function compileMatch(
  match: MatchSpec,
): Pick<CompiledRule, 'methods' | 'path' | 'matches' | 'matchesRest'> {
  const methods =
    match.methods === undefined ? undefined : new Set(match.methods.map((m) => m.toUpperCase()))
  const path = match.path === undefined ? undefined : compilePathPattern(match.path)
  const { token } = match
  const checks: Check[] = [
    ...Object.entries(match.headers ?? {}).map(([name, expected]) =>
      headerCheck(name.toLowerCase(), expected),
    ),
    ...Object.entries(match.query ?? {}).map(([name, expected]) => queryCheck(name, expected)),
    ...(token === undefined ? [] : [(request: RequestFacts) => request.token === token]),
  ]
  const matchesRest =
    checks.length === 0
      ? undefined
      : (request: RequestFacts) => {
          for (const check of checks) if (!check(request)) return false
          return true
        }
  return {
    methods,
    path,
    matchesRest,
    matches: (request, segments) =>
      (methods === undefined || methods.has(request.method)) &&
      (path === undefined || path.test(segments)) &&
      (matchesRest === undefined || matchesRest(request)),
  }
}

function headerCheck(name: string, expected: string | boolean): Check {
  if (expected === true) return (request) => request.headers(name) !== undefined
  if (expected === false) return (request) => request.headers(name) === undefined
  return (request) => request.headers(name) === expected
}

function queryCheck(name: string, expected: string | boolean): Check {
  if (expected === true) return (request) => request.query.has(name)
  if (expected === false) return (request) => !request.query.has(name)
  // `has` first: most requests lack the parameter, and it allocates nothing.
  return (request) => request.query.has(name) && request.query.getAll(name).includes(expected)
}

function compileWhen(when: WhenSpec): CompiledWhen {
  return {
    fromMs: when.window?.fromMs ?? 0,
    untilMs: when.window?.untilMs ?? Number.POSITIVE_INFINITY,
    per: when.per ?? 'global',
    resetEveryMs: when.resetEveryMs,
    probability: when.probability,
    firesOnCount: compileCount(when),
    sequence: when.sequence,
  }
}

function compileCount(when: WhenSpec): ((count: number) => boolean) | undefined {
  const { times, after, every, sequence } = when
  if ([times, after, every, sequence].every((condition) => condition === undefined)) {
    return undefined
  }
  return (count) =>
    (times === undefined || count <= times) &&
    (after === undefined || count > after) &&
    (every === undefined || count % every === 0) &&
    (sequence === undefined || (count <= sequence.length && sequence[count - 1] !== 'pass'))
}
