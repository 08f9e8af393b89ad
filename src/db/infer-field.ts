import { checkFormat } from '../resources/check-format.js'
import type { FieldFormat, FieldSpec, FieldType } from '../resources/resource-spec.js'

// The formats a db.json's strings are tested for, most specific first.
const INFERRED_FORMATS: readonly FieldFormat[] = ['uuid', 'email', 'date-time', 'url']

/**
 * One field's spec from the values the records hold (`undefined` where a record lacks it): its
 * type, required when every record has it, nullable when some hold `null`, a format when every
 * string fits one.
 */
export function inferField(values: readonly unknown[]): FieldSpec {
  const present = values.filter((v) => v !== undefined)
  const given = present.filter((v) => v !== null)
  const type = typeOf(given)
  const format = type === 'string' ? formatOf(given as string[]) : undefined
  return {
    type,
    ...(format === undefined ? {} : { format }),
    ...(present.length === values.length && values.length > 0 ? { required: true } : {}),
    ...(given.length < present.length || given.length === 0 ? { nullable: true } : {}),
  }
}

/** The type every value shares; integers among other numbers make a number; mixed, the first's. */
export function typeOf(values: readonly unknown[]): FieldType {
  const types = new Set(values.map(typeOfValue))
  if (types.size === 0) return 'string'
  if (types.size === 2 && types.has('integer') && types.has('number')) return 'number'
  return typeOfValue(values[0])
}

function typeOfValue(value: unknown): FieldType {
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  if (typeof value === 'boolean') return 'boolean'
  if (typeof value === 'string') return 'string'
  return 'object'
}

function formatOf(values: readonly string[]): FieldFormat | undefined {
  if (values.length === 0) return undefined
  return INFERRED_FORMATS.find((format) =>
    values.every((v) => typeof v === 'string' && checkFormat(format, v) === undefined),
  )
}
