import { createRequire } from 'node:module'
import type { ErrorObject, ValidateFunction } from 'ajv'
import type { Node, YAMLError } from 'yaml'
import { FileError, type FileIssue } from '../errors/file-error.js'
import {
  describeSchemaError,
  formatYamlPath,
  pointerToPath,
  type YamlPath,
} from './describe-schema-error.js'

// Loaded on first use: a mock started without a config or scenario file never parses YAML, and
// the parser costs ~50 ms of start-up. The package is CommonJS-compatible, so this stays sync.
const require = createRequire(import.meta.url)
let yamlModule: typeof import('yaml') | undefined
const yaml = (): typeof import('yaml') => {
  yamlModule ??= require('yaml') as typeof import('yaml')
  return yamlModule
}

export type { YamlPath } from './describe-schema-error.js'

/** Limits that keep a hostile file from exhausting memory (billion laughs). */
const MAX_ALIAS_COUNT = 100

/** A problem found after the schema, at a path in the file's value. */
export interface PathProblem {
  readonly path: YamlPath
  readonly message: string
  /** Point at the key itself rather than its value. */
  readonly target?: 'key'
}

/** Places each problem at its line and column, as `path: message`, sorted by position. */
export function locateProblems(
  problems: readonly PathProblem[],
  text: string,
  file: string,
): FileIssue[] {
  if (problems.length === 0) return []
  const locate = createYamlLocator(text)
  return problems
    .map((problem) => {
      const where = problem.path.length === 0 ? '' : `${formatYamlPath(problem.path)}: `
      return {
        file,
        ...locate(problem.path, problem.target),
        message: `${where}${problem.message}`,
      }
    })
    .sort((a, b) => a.line - b.line || a.column - b.column)
}

/** A place in a text file, both 1-based. */
export interface YamlPosition {
  readonly line: number
  readonly column: number
}

/** Maps a path in the parsed value to where it is written; `key` points at a map key, not its value. */
export type YamlLocator = (path: YamlPath, target?: 'key' | 'value') => YamlPosition

/**
 * Parses YAML text and validates it against a compiled JSON Schema. Every problem — syntax and
 * schema — is reported at once, each with its line and column; the value is `unknown` only until
 * the schema has vouched for it. Compile the schema with `verbose: true` for messages that say
 * what was expected and what was found. `alsoCheck` adds problems found in a value that failed
 * the schema, for checks that can still run on its well-formed parts.
 */
export function parseYamlFile<T>(
  text: string,
  file: string,
  validate: ValidateFunction<T>,
  alsoCheck?: (value: unknown) => readonly FileIssue[],
): T {
  const { doc, at } = parse(text)
  const syntax: FileIssue[] = [...doc.errors, ...doc.warnings].map((error) => ({
    file,
    ...at(error.pos[0]),
    message: describeYamlError(error, text),
  }))
  if (syntax.length > 0) throw new FileError(syntax)

  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (error) {
    const message = /alias count/i.test(describe(error))
      ? `the file expands more than ${MAX_ALIAS_COUNT} aliases (*name); mockapi refuses it so that a small file cannot exhaust memory (billion laughs). Repeat the values instead`
      : describe(error)
    throw new FileError([{ file, line: 1, column: 1, message }])
  }
  if (value === undefined || value === null) value = {}
  if (validate(value)) return value

  const issues = uniqueIssues(
    (validate.errors ?? []).filter(isReportable).map((error) => ({
      file,
      ...at(offsetOf(doc.contents, error)),
      message: describeSchemaError(error),
    })),
  )
  // Checks the schema cannot express still run on the parts that are well formed, so one pass
  // reports every problem; a line the schema already faulted keeps that one reason.
  const faulted = new Set(issues.map((issue) => issue.line))
  issues.push(...(alsoCheck?.(value) ?? []).filter((issue) => !faulted.has(issue.line)))
  throw new FileError(issues.sort((a, b) => a.line - b.line || a.column - b.column))
}

/**
 * Returns a locator for a YAML text that already parsed cleanly, so checks made after the schema
 * (unknown references, bad fixture values…) can still point at a line and column. A path that
 * goes further than the text resolves to its deepest existing node.
 *
 * @example
 * const locate = createYamlLocator(text)
 * locate(['resources', 'users', 'records', 0, 'email']) // { line: 12, column: 30 }
 */
export function createYamlLocator(text: string): YamlLocator {
  const { doc, at } = parse(text)
  return (path, target = 'value') => {
    let node: unknown = doc.contents
    for (const [index, segment] of path.entries()) {
      const key = String(segment)
      if (target === 'key' && index === path.length - 1 && yaml().isMap(node)) {
        const keyNode = findPair(node, key)?.key
        if (yaml().isNode(keyNode) && keyNode.range) return at(keyNode.range[0])
      }
      const next = childOf(node, key)
      if (next === undefined || next.range === undefined || next.range === null) break
      node = next
    }
    return at(yaml().isNode(node) && node.range ? node.range[0] : 0)
  }
}

function parse(text: string) {
  const lineCounter = new (yaml().LineCounter)()
  const doc = yaml().parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true })
  const at = (offset: number): YamlPosition => {
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }
  return { doc, at }
}

// The file, line and column are reported apart, so the "at line 3, column 1:" tail and the source
// excerpt of prettyErrors only repeat them.
function describeYamlError(error: YAMLError, text: string): string {
  const first = (error.message.split('\n')[0] ?? error.code).replace(
    / at line \d+, column \d+:?$/,
    '',
  )
  if (/maximum call stack/i.test(first)) {
    return 'the file nests too deeply to be read (the parser ran out of stack); config and scenario files are only a few levels deep'
  }
  if (error.code !== 'DUPLICATE_KEY') return first
  const key = /^\s*(?:"([^"]*)"|'([^']*)'|([^:#\n]+?))\s*:/.exec(text.slice(error.pos[0]))
  const name = key?.[1] ?? key?.[2] ?? key?.[3]
  return name === undefined ? first : `duplicate key "${name}"; each key may appear only once`
}

function offsetOf(root: unknown, error: ErrorObject): number {
  let node: unknown = root
  for (const key of pointerToPath(error.instancePath)) {
    const next = childOf(node, String(key))
    if (next === undefined) break
    node = next
  }
  const property = error.params.additionalProperty ?? error.params.propertyName
  if (typeof property === 'string' && yaml().isMap(node)) {
    const key = findPair(node, property)?.key
    if (yaml().isNode(key) && key.range) return key.range[0]
  }
  return yaml().isNode(node) && node.range ? node.range[0] : 0
}

function childOf(node: unknown, key: string): Node | undefined {
  if (!yaml().isNode(node) || !('items' in node) || !Array.isArray(node.items)) return undefined
  if (yaml().isMap(node)) {
    const pair = findPair(node, key)
    return yaml().isPair(pair) && yaml().isNode(pair.value) ? pair.value : undefined
  }
  const item: unknown = node.items[Number(key)]
  return yaml().isNode(item) ? item : undefined
}

function findPair(node: Node, key: string) {
  if (!yaml().isMap(node)) return undefined
  return node.items.find((item) => yaml().isScalar(item.key) && String(item.key.value) === key)
}

// `if/then` and `anyOf` wrappers repeat what their branches already said, and so does the inner
// error of a `propertyNames` check (the outer one names the offending key).
function isReportable(error: ErrorObject): boolean {
  if (error.schemaPath.includes('/propertyNames/')) return false
  return error.keyword !== 'if' && error.keyword !== 'anyOf' && error.keyword !== 'oneOf'
}

function uniqueIssues(issues: FileIssue[]): FileIssue[] {
  const seen = new Set<string>()
  return issues.filter((issue) => {
    const key = `${issue.line}:${issue.column}:${issue.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
