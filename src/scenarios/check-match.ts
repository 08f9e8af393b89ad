import type { YamlPath } from '../files/describe-schema-error.js'
import type { PathProblem } from '../files/parse-yaml-file.js'
import { HTTP_METHODS, isHttpMethod } from './scenario-spec.js'

/** One problem in a rule, located by its path in the file's value. */
export type MatchProblem = PathProblem

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * The checks of a rule's `match` that the schema cannot express: methods known in any case and
 * listed once, a well-formed path pattern, header names given once (ignoring case). Takes the
 * value unchecked and skips parts of the wrong shape, which the schema reports.
 *
 * @example
 * checkMatch({ method: 'GTE', path: '/a/**\/b' }, ['rules', 0, 'match'])
 * // [{ path: [..., 'method'], message: 'unknown method "GTE"; did you mean "GET"? …' },
 * //  { path: [..., 'path'], message: '"**" must be the last segment …' }]
 */
export function checkMatch(match: Record<string, unknown>, at: YamlPath): MatchProblem[] {
  const pattern = typeof match.path === 'string' ? describePatternProblem(match.path) : undefined
  return [
    ...checkMethods(match.method, [...at, 'method']),
    ...(pattern === undefined
      ? []
      : [{ path: [...at, 'path'], message: `${pattern}, got ${JSON.stringify(match.path)}` }]),
    ...checkHeaderNames(match.headers, [...at, 'headers']),
  ]
}

/** Header names given twice in one mapping, in different cases (`X-Tenant` and `x-tenant`). */
export function checkHeaderNames(value: unknown, at: YamlPath): MatchProblem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return []
  const seen = new Map<string, string>()
  const problems: MatchProblem[] = []
  for (const name of Object.keys(value)) {
    const first = seen.get(name.toLowerCase())
    if (first === undefined) seen.set(name.toLowerCase(), name)
    else {
      const message = `header "${name}" is already given as "${first}"; header names ignore case, so give each once`
      problems.push({ path: [...at, name], message, target: 'key' })
    }
  }
  return problems
}

function checkMethods(value: unknown, at: YamlPath): MatchProblem[] {
  const list = Array.isArray(value) ? (value as unknown[]) : [value]
  const seen = new Set<string>()
  const problems: MatchProblem[] = []
  for (const [index, method] of list.entries()) {
    if (typeof method !== 'string') continue
    const path = Array.isArray(value) ? [...at, index] : at
    const upper = method.toUpperCase()
    if (!isHttpMethod(upper)) {
      const close = HTTP_METHODS.find((known) => isOneEditAway(known, upper))
      const hint = close === undefined ? '' : `did you mean "${close}"? `
      const message = `unknown method ${JSON.stringify(method)}; ${hint}expected one of: ${HTTP_METHODS.join(', ')}`
      problems.push({ path, message })
    } else if (seen.has(upper)) {
      problems.push({ path, message: `method ${upper} is listed twice; list each method once` })
    }
    seen.add(upper)
  }
  return problems
}

// Segments: literal text, `:name`, `*`, and `**` last only; `/` alone is the root.
function describePatternProblem(pattern: string): string | undefined {
  if (!pattern.startsWith('/')) return 'a path starts with /, such as /tasks'
  if (pattern.includes('?')) return 'a path has no query string; match query parameters with query'
  if (pattern === '/') return undefined
  const segments = pattern.slice(1).split('/')
  const names = new Set<string>()
  for (const [index, segment] of segments.entries()) {
    if (segment === '') return 'a path has no empty segment (no // and no trailing /)'
    if (segment === '**' && index < segments.length - 1) {
      return '"**" must be the last segment (it matches the rest of the path)'
    }
    if (segment.includes('*') && segment !== '*' && segment !== '**') {
      return 'a wildcard is a whole segment: * (any one segment) or ** (the rest of the path)'
    }
    if (!segment.startsWith(':')) continue
    const name = segment.slice(1)
    if (!PARAM_NAME.test(name)) {
      return '":" starts a parameter and is followed by its name (letters, digits, _), such as :id'
    }
    if (names.has(name)) return `parameter :${name} appears twice; give each parameter its own name`
    names.add(name)
  }
  return undefined
}

// A typo worth a hint: two letters swapped, or one letter changed, added or left out.
function isOneEditAway(known: string, typed: string): boolean {
  if (known.length === typed.length) {
    const differing = [...known].flatMap((letter, index) =>
      typed[index] === letter ? [] : [index],
    )
    if (differing.length <= 1) return true
    const [first = 0, second = 0] = differing
    const swapped = known[first] === typed[second] && known[second] === typed[first]
    return differing.length === 2 && second === first + 1 && swapped
  }
  const [long, short] = known.length > typed.length ? [known, typed] : [typed, known]
  if (long.length - short.length !== 1) return false
  return [...long].some((_, index) => long.slice(0, index) + long.slice(index + 1) === short)
}
