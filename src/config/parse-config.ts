import { readFileSync } from 'node:fs'
import type { ValidateFunction } from 'ajv'
import { FileError } from '../errors/file-error.js'
import { createAjv } from '../files/create-ajv.js'
import { formatYamlPath } from '../files/describe-schema-error.js'
import { createYamlLocator, parseYamlFile } from '../files/parse-yaml-file.js'
import { BUILTIN_RESOURCES } from '../resources/builtin-resources.js'
import type { FieldSpec, FieldType, ResourceSpec } from '../resources/resource-spec.js'
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
  const raw = parseYamlFile(text, file, getValidator())
  const builtins = raw.builtins ?? true
  const resources = Object.entries(raw.resources ?? {}).map(([name, resource]) =>
    toResourceSpec(name, resource),
  )
  const builtinNames = builtins ? BUILTIN_RESOURCES.map((resource) => resource.name) : []
  const problems = checkConfig(resources, builtinNames)
  if (problems.length > 0) {
    const locate = createYamlLocator(text)
    const issues = problems.map((problem) => ({
      file,
      ...locate(problem.path, problem.target),
      message: `${formatYamlPath(problem.path)}: ${problem.message}`,
    }))
    throw new FileError(issues.sort((a, b) => a.line - b.line || a.column - b.column))
  }
  return {
    builtins,
    ...(raw.count === undefined ? {} : { count: raw.count }),
    ...(raw.seed === undefined ? {} : { seed: raw.seed }),
    resources,
  }
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
