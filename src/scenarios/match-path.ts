/** One segment of a pattern before `**`: literal text, or any one non-empty segment. */
export type PatternPart =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'any' }

/** A path pattern compiled once, to test many request paths without building anything per path. */
export interface PathPattern {
  readonly pattern: string
  /** The segments before a final `**`, for an index to walk. */
  readonly parts: readonly PatternPart[]
  /** Whether the pattern ends with `**`, taking the rest of the path. */
  readonly rest: boolean
  /** Whether the segments (from `splitPath`) match, without collecting parameters. */
  test(segments: readonly string[]): boolean
  /** The `:name` parameters captured, or `undefined` when the segments do not match. */
  exec(segments: readonly string[]): Record<string, string> | undefined
}

/**
 * Compiles a path pattern into a function from a request path to its parameters (`undefined`
 * when it does not match). Segments are compared exactly, as sent (still percent-encoded):
 * a literal matches itself, `:name` any one non-empty segment (captured as `name`), `*` any one
 * non-empty segment, and `**` — last only — the rest of the path, zero or more segments. There is
 * no trailing-slash tolerance: `/tasks/` does not match `/tasks`.
 *
 * @throws RangeError when the pattern does not start with `/`, has `**` before the end, or a `:`
 * without a name.
 * @example
 * const match = compilePath('/projects/:id/**')
 * match('/projects/7') // { id: '7' }
 * match('/projects/7/tasks/3') // { id: '7' }
 * match('/projects') // undefined
 */
export function compilePath(pattern: string): (path: string) => Record<string, string> | undefined {
  const compiled = compilePathPattern(pattern)
  return (path) => compiled.exec(splitPath(path))
}

/**
 * Compiles a path pattern (see `compilePath`) into an object that tests paths already split by
 * `splitPath`, so one split serves many patterns.
 *
 * @example
 * const pattern = compilePathPattern('/tasks/*')
 * pattern.test(splitPath('/tasks/3')) // true
 * pattern.parts // [{ kind: 'literal', text: 'tasks' }, { kind: 'any' }]
 */
export function compilePathPattern(pattern: string): PathPattern {
  if (!pattern.startsWith('/')) {
    throw new RangeError(
      `A path pattern starts with /, such as /tasks; got ${JSON.stringify(pattern)}`,
    )
  }
  const parts = splitPath(pattern)
  const rest = parts.at(-1) === '**'
  const fixed = (rest ? parts.slice(0, -1) : parts).map((part) => toPart(part, pattern))

  function fits(segments: readonly string[]): boolean {
    return rest ? segments.length >= fixed.length : segments.length === fixed.length
  }
  return {
    pattern,
    parts: fixed,
    rest,
    test: (segments) =>
      fits(segments) && fixed.every((expected, i) => accepts(expected, segments[i])),
    exec(segments) {
      if (!fits(segments)) return undefined
      const params: [string, string][] = []
      for (const [i, expected] of fixed.entries()) {
        const actual = segments[i]
        if (actual === undefined || !accepts(expected, actual)) return undefined
        if (expected.kind === 'param') params.push([expected.name, actual])
      }
      return Object.fromEntries(params)
    },
  }
}

/**
 * A path's segments: `/` has none, `/a/b` has `a` and `b`, `/a/` has `a` and an empty one.
 *
 * @example
 * splitPath('/tasks/3') // ['tasks', '3']
 */
export function splitPath(path: string): string[] {
  return path === '/' || path === '' ? [] : path.slice(1).split('/')
}

function accepts(expected: PatternPart, actual: string | undefined): boolean {
  if (actual === undefined) return false
  return expected.kind === 'literal' ? actual === expected.text : actual !== ''
}

function toPart(part: string, pattern: string): PatternPart {
  if (part === '**') {
    throw new RangeError(`"**" must be the last segment of a path pattern; got "${pattern}"`)
  }
  if (part === '*') return { kind: 'any' }
  if (!part.startsWith(':')) return { kind: 'literal', text: part }
  if (part.length === 1) {
    throw new RangeError(`":" starts a parameter and is followed by its name; got "${pattern}"`)
  }
  return { kind: 'param', name: part.slice(1) }
}
