import { readFileSync } from 'node:fs'
import type { ValidateFunction } from 'ajv'
import { FileError, type FileIssue } from '../errors/file-error.js'
import { createAjv } from '../files/create-ajv.js'
import { formatYamlPath } from '../files/describe-schema-error.js'
import { createYamlLocator, parseYamlFile } from '../files/parse-yaml-file.js'
import { BUILTIN_RESOURCES } from '../resources/builtin-resources.js'
import {
  type FieldSpec,
  type FieldType,
  isFieldType,
  type ResourceSpec,
} from '../resources/resource-spec.js'
import { checkConfig } from './check-config.js'

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
}

/** The file as the schema vouches for it: shorthand fields not yet expanded. */
interface RawConfig {
  readonly $schema?: string
  readonly builtins?: boolean
  readonly count?: number
  readonly seed?: number
  readonly resources?: Readonly<Record<string, RawResource>>
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
 * `format` on a non-string field, invalid fixture records — are all reported together.
 * Throws a `FileError` whose issues carry the line and column of each problem.
 *
 * @example
 * const config = parseConfig('resources:\n  books:\n    fields:\n      title: string\n', 'mockapi.yaml')
 * config.resources[0] // { name: 'books', fields: { title: { type: 'string' } } }
 */
export function parseConfig(text: string, file: string): MockApiConfig {
  const raw = parseYamlFile(text, file, getValidator(), (value) => {
    try {
      return semanticIssues(wellFormedPart(value), text, file)
    } catch {
      return [] // A part malformed in a way the filter missed; its schema problems are reported.
    }
  })
  const builtins = raw.builtins ?? true
  const resources = Object.entries(raw.resources ?? {}).map(([name, resource]) =>
    toResourceSpec(name, resource),
  )
  const issues = semanticIssues({ builtins, resources }, text, file)
  if (issues.length > 0) throw new FileError(issues)
  return {
    builtins,
    ...(raw.count === undefined ? {} : { count: raw.count }),
    ...(raw.seed === undefined ? {} : { seed: raw.seed }),
    resources,
  }
}

function semanticIssues(
  config: { builtins: boolean; resources: readonly ResourceSpec[] },
  text: string,
  file: string,
): FileIssue[] {
  const builtinNames = config.builtins ? BUILTIN_RESOURCES.map((resource) => resource.name) : []
  const problems = checkConfig(config.resources, builtinNames)
  if (problems.length === 0) return []
  const locate = createYamlLocator(text)
  const issues = problems.map((problem) => ({
    file,
    ...locate(problem.path, problem.target),
    message: `${formatYamlPath(problem.path)}: ${problem.message}`,
  }))
  return issues.sort((a, b) => a.line - b.line || a.column - b.column)
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
