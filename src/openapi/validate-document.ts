import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { VERSION } from '../version.js'

// Bump when the validation itself changes, so an old verdict is not reused.
const VALIDATION = `swagger-parser-13/scheme-case/${VERSION}`

type Document = Readonly<Record<string, unknown>>

/**
 * Resolves every `$ref` (in the file and to other local files) and validates the document
 * against the OpenAPI schema, both with the parsers of APIDevTools. Validating compiles the whole
 * OpenAPI meta-schema (a second or more), so a document found valid is remembered by the hash of
 * its text and of every file it refers to: starting again with the same files skips that step.
 * Also answers the document as written, made whole: `$ref`s into other files become references
 * inside it, so that it reads alone. Throws the parser's error (with `details` for schema
 * problems).
 */
export async function validateDocument(
  path: string,
  value: Record<string, unknown>,
): Promise<{ readonly document: Document; readonly written: Document }> {
  const { $RefParser } = await import('@apidevtools/json-schema-ref-parser')
  const parser = new $RefParser()
  const document = (await parser.dereference(path, structuredClone(value), {
    dereference: { circular: 'ignore' },
  })) as Document
  const files = parser.$refs.paths()
  // Most documents are one file: nothing to bundle, no second pass.
  const written =
    files.length > 1
      ? ((await new $RefParser().bundle(path, structuredClone(value))) as Document)
      : value
  const marker = join(tmpdir(), 'mockapi-openapi-valid', fingerprint(path, value, files))
  if (existsSync(marker)) return { document, written }
  const { default: SwaggerParser } = await import('@apidevtools/swagger-parser')
  await SwaggerParser.validate(path, caseFolded(structuredClone(value)) as never, {
    dereference: { circular: 'ignore' },
  })
  try {
    mkdirSync(join(tmpdir(), 'mockapi-openapi-valid'), { recursive: true })
    writeFileSync(marker, '')
  } catch {
    // Only a cache: a read-only temp folder means validating again next time.
  }
  return { document, written }
}

/**
 * HTTP authentication scheme names are case-insensitive (RFC 7235; OAI/OpenAPI-Specification
 * #2703), and the OAI's own examples write `scheme: Bearer` with a `bearerFormat`, as ASP.NET's
 * generators do. The meta-schema the parser validates with only takes `bearer` there, so the copy
 * it validates has the names folded to lower case.
 */
function caseFolded(value: Record<string, unknown>): Record<string, unknown> {
  const schemes = (value.components as { securitySchemes?: unknown } | undefined)?.securitySchemes
  if (typeof schemes !== 'object' || schemes === null) return value
  for (const scheme of Object.values(schemes as Record<string, unknown>)) {
    const s = scheme as { type?: unknown; scheme?: unknown } | null
    if (s?.type === 'http' && typeof s.scheme === 'string') s.scheme = s.scheme.toLowerCase()
  }
  return value
}

function fingerprint(path: string, value: unknown, files: readonly string[]): string {
  const hash = createHash('sha256').update(VALIDATION).update(JSON.stringify(value))
  for (const file of files.filter((f) => f !== path).sort()) {
    try {
      hash.update(file).update(readFileSync(file))
    } catch {
      hash.update(`${file}: unreadable`)
    }
  }
  return hash.digest('hex')
}

/**
 * Parses a YAML or JSON file with the reference parser's own reader, several times faster than
 * the `yaml` package on large documents; `loadOpenApi` asks `yaml` only to place a problem.
 */
export async function parseDocumentFile(path: string): Promise<Record<string, unknown>> {
  const { $RefParser } = await import('@apidevtools/json-schema-ref-parser')
  const value: unknown = await new $RefParser().parse(path)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('expected an OpenAPI document (a map with an `openapi` key)')
  }
  return value as Record<string, unknown>
}
