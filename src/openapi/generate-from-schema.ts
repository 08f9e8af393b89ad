import type { Faker } from '@faker-js/faker'
import type { JsonSchema } from '../model/api-model.js'
import { asArray, asSchema, propertiesOf, requiredOf, typesOf } from './schema-tools.js'

/** Field names that imply a better generator than their type alone. */
const BY_NAME: ReadonlyArray<readonly [RegExp, (f: Faker) => string]> = [
  [/^(full)?name$|^author$/i, (f) => f.person.fullName()],
  [/^first_?name$/i, (f) => f.person.firstName()],
  [/^last_?name$/i, (f) => f.person.lastName()],
  [/^user_?name$|^login$/i, (f) => f.internet.username()],
  [/e_?mail/i, (f) => f.internet.email().toLowerCase()],
  [/password/i, (f) => f.internet.password({ length: 12 })],
  [/phone/i, (f) => f.phone.number()],
  [/city/i, (f) => f.location.city()],
  [/country/i, (f) => f.location.country()],
  [/address|street|location/i, (f) => f.location.streetAddress()],
  [/company/i, (f) => f.company.name()],
  [/title|summary|headline/i, (f) => f.lorem.sentence({ min: 2, max: 5 })],
  [/description|body|content|message|detail|text/i, (f) => f.lorem.sentence()],
  [/url|link|href/i, (f) => f.internet.url()],
  [/color/i, (f) => f.color.human()],
  [/slug/i, (f) => f.lorem.slug(3)],
  [/tag|category|status|type/i, (f) => f.word.noun()],
]

const REF_DATE = Date.UTC(2026, 0, 1)
const YEAR_MS = 365 * 24 * 3600 * 1000

/**
 * A value that fits `schema`, made with the given (seeded) faker: enums and `const` as written,
 * formats and field names for realistic strings, bounds respected, every property of an object
 * filled. The same faker state gives the same value.
 */
export function generateFromSchema(
  faker: Faker,
  schema: JsonSchema | undefined,
  name = '',
  depth = 0,
): unknown {
  if (schema === undefined) return faker.lorem.word()
  if ('const' in schema) return schema.const
  const choices = asArray(schema.enum)
  if (choices.length > 0) return faker.helpers.arrayElement(choices)
  const branch = asSchema(asArray(schema.oneOf)[0] ?? asArray(schema.anyOf)[0])
  if (branch !== undefined)
    return generateFromSchema(faker, mergeSiblings(schema, branch), name, depth)
  const types = typesOf(schema).filter((t) => t !== 'null')
  const type = types[0] ?? (asArray(schema.allOf).length > 0 ? 'object' : 'string')
  switch (type) {
    case 'object':
      return objectOf(faker, schema, depth)
    case 'array':
      return arrayOf(faker, schema, name, depth)
    case 'integer':
      return integerOf(faker, schema)
    case 'number':
      return multipleIn(
        schema,
        Number(faker.number.float({ ...bounds(schema, 0, 1000), fractionDigits: 2 }).toFixed(2)),
      )
    case 'boolean':
      return faker.datatype.boolean()
    default:
      return stringOf(faker, schema, name)
  }
}

function mergeSiblings(schema: JsonSchema, branch: JsonSchema): JsonSchema {
  const { oneOf: _o, anyOf: _a, ...rest } = schema
  return { ...rest, ...branch }
}

function objectOf(faker: Faker, schema: JsonSchema, depth: number): Record<string, unknown> {
  const record: Record<string, unknown> = {}
  const required = new Set(requiredOf(schema))
  for (const [name, property] of Object.entries(propertiesOf(schema))) {
    // Deep optional branches stop, so self-referencing schemas end.
    if (depth > 3 && !required.has(name)) continue
    if (property.writeOnly === true && !required.has(name)) continue
    record[name] = generateFromSchema(faker, property, name, depth + 1)
  }
  // A map (`additionalProperties: {type: integer}`, as an inventory) gets a few entries.
  const extra = asSchema(schema.additionalProperties)
  if (extra !== undefined && Object.keys(record).length === 0 && depth <= 3) {
    for (let i = faker.number.int({ min: 2, max: 4 }); i > 0; i--) {
      record[faker.word.noun()] = generateFromSchema(faker, extra, '', depth + 1)
    }
  }
  return record
}

function arrayOf(faker: Faker, schema: JsonSchema, name: string, depth: number): unknown[] {
  // 3.1 tuples: `prefixItems` first, then `items` for the rest.
  const prefix = asArray(schema.prefixItems).map(asSchema)
  const min = Math.max(
    prefix.length,
    typeof schema.minItems === 'number' ? schema.minItems : depth > 3 ? 0 : 1,
  )
  const max = typeof schema.maxItems === 'number' ? schema.maxItems : Math.max(min, 3)
  const count = faker.number.int({ min, max: Math.max(min, Math.min(max, min + 3)) })
  const items = asSchema(schema.items)
  const values: unknown[] = []
  const seen = new Set<string>()
  // Unique items: a few more tries, so that `minItems` still holds after duplicates.
  for (let i = 0; values.length < count && i < count * 4; i++) {
    const at = values.length
    const value = generateFromSchema(faker, prefix[at] ?? items, singular(name), depth + 1)
    const text = JSON.stringify(value)
    if (schema.uniqueItems === true && seen.has(text)) continue
    seen.add(text)
    values.push(value)
  }
  return values
}

/** `value` moved onto a multiple of the schema's `multipleOf`, inside its bounds when it can. */
function multipleIn(schema: JsonSchema, value: number): number {
  const step = schema.multipleOf
  if (typeof step !== 'number' || step <= 0) return value
  const { min, max } = bounds(schema, -Infinity, Infinity)
  let n = Math.round(value / step)
  if (n * step < min) n = Math.ceil(min / step)
  if (n * step > max) n = Math.floor(max / step)
  // Printed as the step is, so `0.1 * 3` is 0.3.
  const digits = (String(step).split('.')[1] ?? '').length
  return Number((n * step).toFixed(digits))
}

function integerOf(faker: Faker, schema: JsonSchema): number {
  const { min, max } = bounds(schema, 1, 1000)
  return multipleIn(schema, faker.number.int({ min: Math.ceil(min), max: Math.floor(max) }))
}

function bounds(schema: JsonSchema, low: number, high: number): { min: number; max: number } {
  let min = typeof schema.minimum === 'number' ? schema.minimum : low
  let max = typeof schema.maximum === 'number' ? schema.maximum : Math.max(high, min + high)
  if (typeof schema.exclusiveMinimum === 'number') min = schema.exclusiveMinimum + 1
  else if (schema.exclusiveMinimum === true) min += 1
  if (typeof schema.exclusiveMaximum === 'number') max = schema.exclusiveMaximum - 1
  else if (schema.exclusiveMaximum === true) max -= 1
  return { min, max: Math.max(min, max) }
}

function stringOf(faker: Faker, schema: JsonSchema, name: string): string {
  const example = schema.example ?? asArray(schema.examples)[0]
  if (typeof example === 'string' && schema.pattern !== undefined) return example
  const value =
    formatted(faker, schema.format) ?? patterned(faker, schema.pattern) ?? named(faker, name)
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : undefined
  const padded = value.length >= min ? value : value.padEnd(min, 'x')
  return max === undefined ? padded : padded.slice(0, max)
}

function formatted(faker: Faker, format: unknown): string | undefined {
  const offset = () => REF_DATE + faker.number.int({ min: -YEAR_MS, max: YEAR_MS })
  switch (format) {
    case 'uuid':
      return faker.string.uuid()
    case 'email':
      return faker.internet.email().toLowerCase()
    case 'date-time':
      return new Date(offset()).toISOString()
    case 'date':
      return new Date(offset()).toISOString().slice(0, 10)
    case 'time':
      return `${new Date(offset()).toISOString().slice(11, 19)}Z`
    case 'ipv6':
      return faker.internet.ipv6()
    case 'uri':
    case 'url':
      return faker.internet.url()
    case 'ipv4':
      return faker.internet.ipv4()
    case 'hostname':
      return faker.internet.domainName()
    case 'byte':
      return Buffer.from(faker.lorem.word()).toString('base64')
    default:
      return undefined
  }
}

function patterned(faker: Faker, pattern: unknown): string | undefined {
  if (typeof pattern !== 'string') return undefined
  try {
    const value = faker.helpers.fromRegExp(classesSpelled(pattern.replace(/^\^|\$$/g, '')))
    return new RegExp(pattern, 'u').test(value) ? value : undefined
  } catch {
    return undefined
  }
}

/** `\d`, `\w` and `\s` spelled as the classes they are, which faker's `fromRegExp` reads. */
function classesSpelled(pattern: string): string {
  const inside = { d: '0-9', w: 'a-zA-Z0-9_', s: ' ' }
  let out = ''
  let inClass = false
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? ''
    const next = pattern[i + 1] ?? ''
    if (ch === '\\' && next in inside) {
      const spelled = inside[next as keyof typeof inside]
      out += inClass ? spelled : `[${spelled}]`
      i++
    } else if (ch === '\\') {
      out += ch + next
      i++
    } else {
      if (ch === '[') inClass = true
      else if (ch === ']') inClass = false
      out += ch
    }
  }
  return out
}

function named(faker: Faker, name: string): string {
  const rule = BY_NAME.find(([test]) => test.test(name))
  return rule ? rule[1](faker) : faker.lorem.words({ min: 1, max: 3 })
}

function singular(name: string): string {
  return name.replace(/s$/, '')
}
