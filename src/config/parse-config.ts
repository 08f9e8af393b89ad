import { readFileSync } from 'node:fs'
import type { ValidateFunction } from 'ajv'
import type { AuthOptions } from '../auth/token-spec.js'
import { parseDuration } from '../clock/parse-duration.js'
import { FileError, type FileIssue } from '../errors/file-error.js'
import { createAjv } from '../files/create-ajv.js'
import { locateProblems, parseYamlFile } from '../files/parse-yaml-file.js'
import { parseByteSize } from '../http/parse-byte-size.js'
import { parseRateLimit, type RateLimitPolicy } from '../limits/parse-rate-limit.js'
import { BUILTIN_RESOURCES } from '../resources/builtin-resources.js'
import {
  type FieldSpec,
  type FieldType,
  isFieldType,
  type ResourceSpec,
} from '../resources/resource-spec.js'
import { type ConfigProblem, checkConfig } from './check-config.js'
import { checkAuthConfig, type RawAuth, resolveAuthConfig } from './parse-auth-config.js'

/** A parsed `mockapi.yaml`: what to serve on top of (or instead of) the built-in resources. */
export interface MockApiConfig {
  /** Serve the built-in resources too (a config resource of the same name replaces one). */
  readonly builtins: boolean
  /** Default number of records per resource. */
  readonly count?: number
  /** Default seed for generated data. */
  readonly seed?: number
  /** The file's resources, in file order, shorthand fields expanded. */
  readonly resources: readonly ResourceSpec[]
  /**
   * The tokens the mock accepts and where clients send them (header lower-cased, `scheme`
   * `undefined` for a bare token, every token's defaults filled in); `false`: authentication off.
   */
  readonly auth?: AuthOptions | false
  /** The server's rate limit per token (or client); `false`: off. */
  readonly rateLimit?: RateLimitPolicy | false
  /** `true`: every non-admin route answers 503. */
  readonly maintenance?: boolean
  /** At most this many requests in progress (an integer ≥ 1); one more gets 503 at once. */
  readonly maxInflight?: number
  /** `false`: `Prefer: code=` and `Prefer: delay=` are ignored. */
  readonly prefer?: boolean
  /** The largest request body accepted, in bytes. */
  readonly maxBodySize?: number
  /** The `conduct` key: rule ids switched off, the hang limit (ms), the storm size. */
  readonly conduct?: {
    readonly ignore?: readonly string[]
    readonly hangLimit?: number
    readonly retryStorm?: number
  }
  /** The `Retry-After` of every 429 and 503, in seconds (0 to 86400). */
  readonly retryAfter?: number
  /** `true`: writes to a record without `If-Match` answer 428. */
  readonly requireIfMatch?: boolean
  /** The memory budget of every per-client table together, in bytes. */
  readonly maxMemory?: number
  /** Whether the file says `builtins:` at all (with an OpenAPI document they are off unless it does). */
  readonly builtinsGiven?: boolean
  /** An OpenAPI document to mock, as the file writes it (`readConfig` resolves it beside the file). */
  readonly openapiFile?: string
  /** Where the document's routes are served. */
  readonly basePath?: string
}

/** The file as the schema vouches for it: shorthand fields not yet expanded. */
interface RawConfig {
  readonly $schema?: string
  readonly builtins?: boolean
  readonly count?: number
  readonly seed?: number
  readonly resources?: Readonly<Record<string, RawResource>>
  readonly auth?: boolean | RawAuth
  readonly rateLimit?: string
  readonly maintenance?: boolean
  readonly maxInflight?: number
  readonly maxBodySize?: number | string
  readonly retryAfter?: number
  readonly maxMemory?: number | string
  readonly prefer?: boolean
  readonly conduct?: {
    readonly ignore?: readonly string[]
    readonly hangLimit?: number | string
    readonly retryStorm?: number
  }
  readonly requireIfMatch?: boolean
  readonly openapiFile?: string
  readonly basePath?: string
}

interface RawResource {
  readonly count?: number
  readonly fields: Readonly<Record<string, FieldType | FieldSpec>>
  readonly records?: readonly Readonly<Record<string, unknown>>[]
}

// Same depth from src/config/ and dist/config/, so one relative URL serves tests and the build.
const SCHEMA_URL = new URL('../../schema/mockapi.config.schema.json', import.meta.url)

// A compiled validator holds no data between calls, so one per process is enough.
let validator: ValidateFunction<RawConfig> | undefined

/**
 * Parses the text of a `mockapi.yaml`. Shape problems (checked by the shipped JSON Schema) are
 * all reported first; once the shape is right, the checks a schema cannot express — unknown faker
 * generators, refs to missing resources, `min` above `max`, enum values of the wrong type,
 * `format` on a non-string field, invalid fixture records, rate limits that do not parse, tokens
 * listed twice, access to resources that are not served — are all reported together.
 * Throws a `FileError` whose issues carry the line and column of each problem.
 *
 * @example
 * const config = parseConfig('resources:\n  books:\n    fields:\n      title: string\n', 'mockapi.yaml')
 * config.resources[0] // { name: 'books', fields: { title: { type: 'string' } } }
 */
export function parseConfig(text: string, file: string): MockApiConfig {
  const raw = parseYamlFile(text, file, getValidator(), (value) => {
    try {
      return semanticIssues(wellFormedPart(value), value, text, file)
    } catch {
      return [] // A part malformed in a way the filter missed; its schema problems are reported.
    }
  })
  const builtins = raw.builtins ?? true
  const resources = Object.entries(raw.resources ?? {}).map(([name, resource]) =>
    toResourceSpec(name, resource),
  )
  const issues = semanticIssues({ builtins, resources }, raw, text, file)
  if (issues.length > 0) throw new FileError(issues)
  return {
    builtins,
    ...(raw.count === undefined ? {} : { count: raw.count }),
    ...(raw.seed === undefined ? {} : { seed: raw.seed }),
    resources,
    ...(raw.auth === undefined ? {} : { auth: resolveAuthConfig(raw.auth) }),
    ...(raw.rateLimit === undefined ? {} : { rateLimit: parseRateLimit(raw.rateLimit) }),
    ...(raw.maintenance === undefined ? {} : { maintenance: raw.maintenance }),
    ...(raw.maxInflight === undefined ? {} : { maxInflight: raw.maxInflight }),
    ...(raw.prefer === undefined ? {} : { prefer: raw.prefer }),
    ...(raw.maxBodySize === undefined ? {} : { maxBodySize: parseByteSize(raw.maxBodySize) }),
    ...(raw.conduct === undefined ? {} : { conduct: conductOf(raw.conduct) }),
    ...(raw.retryAfter === undefined ? {} : { retryAfter: raw.retryAfter }),
    ...(raw.requireIfMatch === undefined ? {} : { requireIfMatch: raw.requireIfMatch }),
    ...(raw.maxMemory === undefined ? {} : { maxMemory: parseByteSize(raw.maxMemory) }),
    ...(raw.builtins === undefined ? {} : { builtinsGiven: true }),
    ...(raw.openapiFile === undefined ? {} : { openapiFile: raw.openapiFile }),
    ...(raw.basePath === undefined ? {} : { basePath: raw.basePath }),
  }
}

function conductOf(raw: NonNullable<RawConfig['conduct']>): NonNullable<MockApiConfig['conduct']> {
  return {
    ...(raw.ignore === undefined ? {} : { ignore: raw.ignore }),
    ...(raw.hangLimit === undefined ? {} : { hangLimit: parseDuration(raw.hangLimit) }),
    ...(raw.retryStorm === undefined ? {} : { retryStorm: raw.retryStorm }),
  }
}

/** `root` is the file's whole value, for the checks of its other keys (`auth`, `rateLimit`). */
function semanticIssues(
  config: { builtins: boolean; resources: readonly ResourceSpec[] },
  root: unknown,
  text: string,
  file: string,
): FileIssue[] {
  const builtinNames = config.builtins ? BUILTIN_RESOURCES.map((resource) => resource.name) : []
  const known = [...new Set([...config.resources.map((r) => r.name), ...builtinNames])]
  const problems: ConfigProblem[] = [
    ...checkConfig(config.resources, builtinNames),
    ...checkAuthConfig(root, known),
    ...checkByteSize(root),
    ...checkHangLimit(root),
  ]
  return locateProblems(problems, text, file)
}

/**
 * The resources of a file that failed the schema, keeping only fields whose shape is right, so
 * their other problems can be reported in the same pass. Records are left out: their checks need
 * every field.
 */
function wellFormedPart(value: unknown): { builtins: boolean; resources: ResourceSpec[] } {
  const root = isObject(value) ? value : {}
  const resources = isObject(root.resources) ? root.resources : {}
  const specs = Object.entries(resources).flatMap(([name, resource]) => {
    if (!isObject(resource) || !isObject(resource.fields)) return []
    const fields = Object.entries(resource.fields).flatMap(([field, spec]) => {
      const full = typeof spec === 'string' ? { type: spec } : spec
      return isObject(full) && isFieldType(full.type)
        ? [[field, full as unknown as FieldSpec] as const]
        : []
    })
    return [{ name, fields: Object.fromEntries(fields) }]
  })
  return { builtins: root.builtins !== false, resources: specs }
}

// The schema vouches for the shape; a duration over 24 h is caught here.
function checkHangLimit(root: unknown): ConfigProblem[] {
  const conduct = isObject(root) ? root.conduct : undefined
  if (!isObject(conduct) || conduct.hangLimit === undefined) return []
  try {
    parseDuration(conduct.hangLimit as string | number)
    return []
  } catch (error) {
    return [{ path: ['conduct', 'hangLimit'], message: (error as Error).message }]
  }
}

// The schema vouches for the shape; a size too large to count in bytes is caught here.
function checkByteSize(root: unknown): ConfigProblem[] {
  if (!isObject(root)) return []
  return (['maxBodySize', 'maxMemory'] as const).flatMap((key) => {
    if (root[key] === undefined) return []
    try {
      parseByteSize(root[key] as string | number)
      return []
    } catch (error) {
      return [{ path: [key], message: (error as Error).message }]
    }
  })
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function toResourceSpec(name: string, raw: RawResource): ResourceSpec {
  const fields = Object.fromEntries(
    Object.entries(raw.fields).map(([field, spec]) => [
      field,
      typeof spec === 'string' ? { type: spec } : spec,
    ]),
  )
  return {
    name,
    fields,
    ...(raw.count === undefined ? {} : { count: raw.count }),
    ...(raw.records === undefined ? {} : { records: raw.records }),
  }
}

function getValidator(): ValidateFunction<RawConfig> {
  if (validator === undefined) {
    const schema: unknown = JSON.parse(readFileSync(SCHEMA_URL, 'utf8'))
    // verbose: errors carry the offending value and schema, for "got …" and "did you mean …".
    validator = createAjv({ verbose: true }).compile<RawConfig>(schema as object)
  }
  return validator
}
