import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { FileError, type FileIssue } from '../errors/file-error.js'
import { pointerToPath, type YamlPath } from '../files/describe-schema-error.js'
import { createYamlLocator } from '../files/parse-yaml-file.js'
import { parseDocumentFile, validateDocument } from './validate-document.js'

const require = createRequire(import.meta.url)

/** An OpenAPI document as JSON: what a YAML or JSON file parses to. */
export type OpenApiDocument = Readonly<Record<string, unknown>>

/**
 * A validated OpenAPI 3.0/3.1 document whose `$ref`s (in the file and to other local files) are
 * resolved, ready to mock. Made by {@link loadOpenApi}.
 */
export interface LoadedOpenApi {
  readonly kind: 'loaded-openapi'
  /** The document with every `$ref` replaced by what it points at (circular ones stay `$ref`s). */
  readonly document: OpenApiDocument
  /**
   * The document as written, its `$ref`s kept (those into other files made references inside
   * it): what the mock answers as its own OpenAPI.
   */
  readonly written: OpenApiDocument
  /** The file it was read from, or `(document)` for one given as an object. */
  readonly source: string
}

export function isLoadedOpenApi(value: unknown): value is LoadedOpenApi {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as LoadedOpenApi).kind === 'loaded-openapi'
  )
}

/**
 * Reads, validates and resolves an OpenAPI 3.0/3.1 document (YAML or JSON). A broken document
 * throws a `FileError` whose issues each carry the file, line and column of the problem.
 *
 * @example
 * ```ts
 * import { createMockApi, loadOpenApi } from '@mockapi-dev/mockapi'
 *
 * const api = createMockApi({ openapi: await loadOpenApi('openapi.yaml') })
 * ```
 */
export async function loadOpenApi(
  input: string | OpenApiDocument,
  cwd: string = process.cwd(),
): Promise<LoadedOpenApi> {
  if (typeof input !== 'string') {
    const value = structuredClone(input) as Record<string, unknown>
    return resolveDocument(value, '(document)', '', resolve(cwd, 'openapi.yaml'))
  }
  const path = resolve(cwd, input)
  const text = readText(path, input)
  let value: Record<string, unknown>
  try {
    value = await parseDocumentFile(path)
  } catch (error) {
    // The fast parser found a problem: the slower one says where, or the fast one's words stand.
    parseText(text, input)
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new FileError([
      { file: input, line: 1, column: 1, message: reason ?? 'cannot be parsed' },
    ])
  }
  return resolveDocument(value, input, text, path)
}

function readText(path: string, file: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const message = `cannot read file: ${reason}. Expected a readable OpenAPI document; check the path`
    throw new FileError([{ file, line: 1, column: 1, message }])
  }
}

function parseText(text: string, file: string): Record<string, unknown> {
  const { LineCounter, parseDocument } = yaml()
  const lineCounter = new LineCounter()
  // JSON is YAML: one parser reads both, and places every syntax error.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  if (doc.errors.length > 0) {
    throw new FileError(
      doc.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0])
        return { file, line, column: col, message: error.message.split('\n')[0] ?? error.code }
      }),
    )
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 })
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const message = 'expected an OpenAPI document (a map with an `openapi` key)'
    throw new FileError([{ file, line: 1, column: 1, message }])
  }
  return value as Record<string, unknown>
}

async function resolveDocument(
  value: Record<string, unknown>,
  file: string,
  text: string,
  path: string,
): Promise<LoadedOpenApi> {
  const version = value.openapi
  if (typeof version !== 'string' || !/^3\.[01]\./.test(version)) {
    const found = version === undefined ? 'none' : JSON.stringify(version)
    // A Swagger 2.0 document says so in `swagger:`, not `openapi:`.
    const swagger = version === undefined && value.swagger !== undefined
    throw new FileError([
      {
        file,
        ...place(text, [swagger ? 'swagger' : 'openapi']),
        message: swagger
          ? `swagger: ${JSON.stringify(value.swagger)} is Swagger 2.0, which is not read; convert it to OpenAPI 3.0 or 3.1 first`
          : `openapi: expected a version 3.0.x or 3.1.x, found ${found}`,
      },
    ])
  }
  try {
    // The path is where relative `$ref`s to other files are resolved from.
    const { document, written } = await validateDocument(path, value)
    return { kind: 'loaded-openapi', document, written, source: file }
  } catch (error) {
    throw new FileError(issuesOf(error, file, text))
  }
}

interface ParserError {
  readonly message?: string
  readonly details?: readonly {
    readonly instancePath?: string
    readonly message?: string
    readonly params?: Readonly<Record<string, unknown>>
  }[]
  readonly errors?: readonly ParserError[]
}

function issuesOf(error: unknown, file: string, text: string): FileIssue[] {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ParserError
  const message = e.message ?? String(error)
  if (e.details && e.details.length > 0) {
    const seen = new Set<string>()
    return e.details.flatMap((detail) => {
      const at = pointerToPath(detail.instancePath ?? '')
      const extra = detail.params?.unevaluatedProperty ?? detail.params?.additionalProperty
      const path = typeof extra === 'string' ? [...at, extra] : at
      const what =
        typeof extra === 'string' ? `unknown key "${extra}"` : (detail.message ?? 'is invalid')
      const target = typeof extra === 'string' ? 'key' : 'value'
      const issue = { file, ...place(text, path, target), message: `${pointerText(at)}${what}` }
      const key = `${issue.line}:${issue.column}:${issue.message}`
      if (seen.has(key)) return []
      seen.add(key)
      return [issue]
    })
  }
  const first = message.split('\n').filter(Boolean)
  if (/API version number/.test(message)) {
    return [{ file, ...place(text, ['info', 'version']), message: `info.version: ${first[0]}` }]
  }
  // A `$ref` that points nowhere: at the first place the file writes that reference.
  const opened = /Error opening file (\S+):/.exec(message)?.[1]?.split('/').at(-1)
  const ref = /\$ref pointer "([^"]+)"/.exec(message)?.[1] ?? opened
  const at = ref === undefined ? -1 : text.indexOf(ref.replace(/^.*?(#|\.\/)/, '$1'))
  if (at >= 0) return [{ file, ...offsetPlace(text, at), message: first.join('; ') }]
  return [{ file, line: 1, column: 1, message: first.join('; ') }]
}

function offsetPlace(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 }
}

function pointerText(path: YamlPath): string {
  return path.length === 0 ? '' : `${path.join('.')}: `
}

function place(
  text: string,
  path: YamlPath,
  target: 'key' | 'value' = 'value',
): { line: number; column: number } {
  if (text === '') return { line: 1, column: 1 }
  try {
    return createYamlLocator(text)(path, target)
  } catch {
    return { line: 1, column: 1 }
  }
}

// Loaded on first use, as the config reader does: most mocks never read a document.
let yamlModule: typeof import('yaml') | undefined
function yaml(): typeof import('yaml') {
  yamlModule ??= require('yaml') as typeof import('yaml')
  return yamlModule
}
