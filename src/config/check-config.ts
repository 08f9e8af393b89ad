import type { Faker } from '@faker-js/faker'
import type { YamlPath } from '../files/describe-schema-error.js'
import type { PathProblem } from '../files/parse-yaml-file.js'
import { createFaker } from '../resources/create-faker.js'
import { resolveFakerMethod } from '../resources/resolve-faker-method.js'
import type { FieldSpec, ResourceSpec } from '../resources/resource-spec.js'
import { validateRecord } from '../resources/validate-record.js'

/** One problem found after the schema check, located by its path in the file's value. */
export type ConfigProblem = PathProblem

const RANGED_TYPES: ReadonlySet<string> = new Set(['integer', 'number', 'string', 'array'])

/**
 * The checks of a config that its JSON Schema cannot express. Returns every problem found in
 * the (schema-valid) resources; `builtinNames` are the built-in resources that stay served, and
 * so may be referenced.
 *
 * @example
 * checkConfig([{ name: 'books', fields: { authorId: { type: 'integer', ref: 'authors' } } }], [])
 * // [{ path: ['resources', 'books', 'fields', 'authorId', 'ref'], message: 'unknown resource …' }]
 */
export function checkConfig(
  resources: readonly ResourceSpec[],
  builtinNames: readonly string[],
): ConfigProblem[] {
  const known = [...new Set([...resources.map((resource) => resource.name), ...builtinNames])]
  const faker = createFaker()
  const problems: ConfigProblem[] = []
  for (const resource of resources) {
    for (const [name, field] of Object.entries(resource.fields)) {
      const at = ['resources', resource.name, 'fields', name]
      for (const [key, message] of checkField(field, known, faker)) {
        problems.push({ path: [...at, ...key], message })
      }
    }
    problems.push(...checkRecords(resource))
  }
  return problems
}

/** Problems of one field, each as the key path under the field and its message. */
function checkField(
  field: FieldSpec,
  known: readonly string[],
  faker: Faker,
): [YamlPath, string][] {
  const problems: [YamlPath, string][] = []
  const { type } = field
  if (field.faker !== undefined) problems.push(...checkFaker(field.faker, faker))
  if (field.ref !== undefined && !known.includes(field.ref)) {
    const message = `unknown resource "${field.ref}"; expected one of: ${known.join(', ')}`
    problems.push([['ref'], message])
  }
  if (field.ref !== undefined && type !== 'integer') {
    problems.push([['type'], 'must be integer, since a field with a ref holds a record id'])
  }
  if (field.format !== undefined && type !== 'string') {
    problems.push([['format'], `format only applies to string fields, not ${type}`])
  }
  for (const bound of ['min', 'max'] as const) {
    if (field[bound] !== undefined && !RANGED_TYPES.has(type)) {
      problems.push([[bound], `${bound} only applies to integer, number, string and array fields`])
    }
  }
  if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
    problems.push([['min'], `min (${field.min}) must not be greater than max (${field.max})`])
  }
  problems.push(...checkEnum(field))
  return problems
}

function checkFaker(path: string, faker: Faker): [YamlPath, string][] {
  const generate = resolveFakerMethod(faker, path)
  if (generate === undefined) {
    const expected = 'expected a @faker-js/faker module.method such as person.fullName'
    return [[['faker'], `unknown faker generator "${path}"; ${expected}`]]
  }
  try {
    generate()
    return []
  } catch {
    return [[['faker'], `faker generator "${path}" cannot be called without arguments`]]
  }
}

function checkEnum(field: FieldSpec): [YamlPath, string][] {
  if (field.enum === undefined) return []
  const { type } = field
  if (type !== 'string' && type !== 'integer' && type !== 'number') {
    return [[['enum'], `enum only applies to string, integer and number fields, not ${type}`]]
  }
  const fits = (value: unknown): boolean =>
    type === 'string'
      ? typeof value === 'string'
      : type === 'integer'
        ? Number.isInteger(value)
        : typeof value === 'number'
  const article = type === 'integer' ? 'an' : 'a'
  return field.enum.flatMap((value, index): [YamlPath, string][] =>
    fits(value)
      ? []
      : [
          [
            ['enum', index],
            `must be ${article} ${type} like the field (got ${JSON.stringify(value)})`,
          ],
        ],
  )
}

/** Fixture records are checked like a POST, except they may set an `id` and read-only fields. */
function checkRecords(resource: ResourceSpec): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const asFixture = fixtureSpec(resource)
  const ids = new Map<unknown, number>()
  for (const [index, record] of (resource.records ?? []).entries()) {
    const at = ['resources', resource.name, 'records', index]
    if (Object.hasOwn(record, 'id')) {
      const id = record.id
      const seen = ids.get(id)
      if (!Number.isInteger(id) || (id as number) < 1) {
        problems.push({ path: [...at, 'id'], message: 'must be a positive integer' })
      } else if (seen !== undefined) {
        problems.push({
          path: [...at, 'id'],
          message: `duplicate id ${id} (also records[${seen}])`,
        })
      } else ids.set(id, index)
    }
    const rest = Object.fromEntries(Object.entries(record).filter(([key]) => key !== 'id'))
    for (const error of validateRecord(asFixture, rest, 'create')) {
      problems.push({ path: [...at, error.field], message: error.message, target: 'key' })
    }
  }
  return problems
}

// A read-only field is the server's to set, which is what a fixture does.
function fixtureSpec(resource: ResourceSpec): ResourceSpec {
  const fields = Object.fromEntries(
    Object.entries(resource.fields).map(([name, field]) => [
      name,
      field.readOnly === true ? { ...field, readOnly: false, required: false } : field,
    ]),
  )
  return { name: resource.name, fields }
}
