import type { CompiledRule } from './compile-rules.js'

/** What the index needs of a rule. */
export type IndexedRule = Pick<CompiledRule, 'order' | 'methods' | 'path'>

export interface RuleIndex<R extends IndexedRule> {
  /**
   * Visits, in ascending `order`, only the rules whose method and path pattern fit the request
   * (its path split by `splitPath`), until `visit` returns something other than `undefined`.
   */
  find<T>(
    method: string,
    segments: readonly string[],
    visit: (rule: R) => T | undefined,
  ): T | undefined
}

/** A trie of path patterns, one level per segment. */
interface Node<R> {
  readonly literals: Map<string, Node<R>>
  /** `:name` and `*`: any one non-empty segment. */
  param: Node<R> | undefined
  /** Rules whose pattern ends at this node. */
  readonly end: R[]
  /** Rules whose pattern ends here with `**` — or, at the root, has no path. */
  readonly rest: R[]
}

/**
 * Indexes rules in a trie of path segments per method, so a request only meets the rules whose
 * method and whole path pattern fit it: with 1,000 rules on `/tasks/1` … `/tasks/1000`, a request
 * to `/tasks/7` meets one of them, and one to `/projects` none. Each rule sits once in each trie of
 * its methods (every trie for a rule with no method), so memory stays linear.
 *
 * @example
 * const index = indexRules(compileRules(scenarios))
 * index.find('GET', splitPath('/tasks/3'), (rule) => (rule.matches(request, segments) ? rule : undefined))
 */
export function indexRules<R extends IndexedRule>(rules: readonly R[]): RuleIndex<R> {
  const named = new Set(rules.flatMap((rule) => [...(rule.methods ?? [])]))
  const tries = new Map([...named].map((method) => [method, newNode<R>()]))
  // Methods no rule names meet only the rules for any method.
  const otherMethods = newNode<R>()
  for (const rule of [...rules].sort((a, b) => a.order - b.order)) {
    const targets =
      rule.methods === undefined
        ? [...tries.values(), otherMethods]
        : [...rule.methods].flatMap((method) => tries.get(method) ?? [])
    for (const root of targets) insert(root, rule)
  }
  return {
    find(method, segments, visit) {
      const lists: R[][] = []
      collect(tries.get(method) ?? otherMethods, segments, 0, lists)
      return visitInOrder(lists, visit)
    },
  }
}

function newNode<R>(): Node<R> {
  return { literals: new Map(), param: undefined, end: [], rest: [] }
}

function insert<R extends IndexedRule>(root: Node<R>, rule: R): void {
  if (rule.path === undefined) {
    root.rest.push(rule)
    return
  }
  let node = root
  for (const part of rule.path.parts) {
    if (part.kind === 'literal') {
      const next = node.literals.get(part.text) ?? newNode<R>()
      node.literals.set(part.text, next)
      node = next
    } else {
      node.param ??= newNode<R>()
      node = node.param
    }
  }
  ;(rule.path.rest ? node.rest : node.end).push(rule)
}

/** Gathers the lists of rules whose pattern fits the segments from `depth` on. */
function collect<R>(node: Node<R>, segments: readonly string[], depth: number, into: R[][]): void {
  if (node.rest.length > 0) into.push(node.rest)
  const segment = segments[depth]
  if (segment === undefined) {
    if (node.end.length > 0) into.push(node.end)
    return
  }
  const literal = node.literals.get(segment)
  if (literal !== undefined) collect(literal, segments, depth + 1, into)
  if (node.param !== undefined && segment !== '') collect(node.param, segments, depth + 1, into)
}

/** Merges lists, each in ascending order, into one walk in ascending order. */
function visitInOrder<R extends IndexedRule, T>(
  lists: readonly R[][],
  visit: (rule: R) => T | undefined,
): T | undefined {
  const [only] = lists
  if (lists.length <= 1) {
    for (const rule of only ?? []) {
      const result = visit(rule)
      if (result !== undefined) return result
    }
    return undefined
  }
  const heads = lists.map(() => 0)
  for (;;) {
    let next: R | undefined
    let from = -1
    for (let k = 0; k < lists.length; k++) {
      const candidate = lists[k]?.[heads[k] ?? 0]
      if (candidate !== undefined && (next === undefined || candidate.order < next.order)) {
        next = candidate
        from = k
      }
    }
    if (next === undefined) return undefined
    heads[from] = (heads[from] ?? 0) + 1
    const result = visit(next)
    if (result !== undefined) return result
  }
}
