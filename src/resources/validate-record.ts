import type { FieldError } from '../errors/http-error.js'
import { checkFormat } from './check-format.js'
import { type FieldSpec, READ_ONLY_FIELDS, type ResourceSpec } from './resource-spec.js'

/** `create` is a POST (required fields must be present); `update` is a PATCH (nothing is required). */
export type WriteMode = 'create' | 'update'

/** Checks one field's non-null value; returns the message, or `undefined` when it is valid. */
type CheckValue = (value: unknown) => string | undefined

interface PreparedField {
  readonly spec: FieldSpec
  readonly check: CheckValue
}

interface PreparedResource {
  readonly fields: ReadonlyMap<string, PreparedField>
  readonly required: readonly string[]
  readonly unknownMessage: string
  /** Fields the server sets, which no client may write. */
  readonly system: ReadonlySet<string>
  readonly open: boolean
}

// Keys that name object machinery; never treated as fields, whatever the resource declares.
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])
const SYSTEM_FIELDS: ReadonlySet<string> = new Set(READ_ONLY_FIELDS)
const HIGH_SURROGATE = /[\ud800-\udbff]/

// Preparing is per resource, once: a request only runs the closures built here.
const prepared = new WeakMap<ResourceSpec, PreparedResource>()

/**
 * Checks a request body against a resource's fields and returns every problem, one per field
 * (an empty array means valid). Nothing in the body is read through the prototype chain.
 *
 * @example
 * validateRecord(users, { email: 'nope', nickname: 'x' }, 'create')
 * // [{ field: 'email', message: 'must be a valid email address' },
 * //  { field: 'nickname', message: 'is not a field of users' },
 * //  { field: 'name', message: 'is required' }, …]
 */
export function validateRecord(
  resource: ResourceSpec,
  body: unknown,
  mode: WriteMode,
): FieldError[] {
  if (!isPlainObject(body)) return [{ field: '(body)', message: 'must be a JSON object' }]
  const prep = prepare(resource)
  const errors: FieldError[] = []
  for (const key of Object.keys(body)) {
    const message = checkEntry(prep, key, body[key])
    if (message !== undefined) errors.push({ field: key, message })
  }
  if (mode === 'create') {
    for (const field of prep.required) {
      if (!Object.hasOwn(body, field)) errors.push({ field, message: 'is required' })
    }
  }
  return errors
}

function checkEntry(prep: PreparedResource, key: string, value: unknown): string | undefined {
  if (prep.system.has(key)) return 'is read-only'
  const field = prep.fields.get(key)
  if (field === undefined) return prep.open ? undefined : prep.unknownMessage
  if (field.spec.readOnly === true) return 'is read-only'
  if (value === null) return field.spec.nullable === true ? undefined : 'must not be null'
  return field.check(value)
}

function prepare(resource: ResourceSpec): PreparedResource {
  const cached = prepared.get(resource)
  if (cached !== undefined) return cached
  const fields = new Map<string, PreparedField>()
  const required: string[] = []
  // Records its reader made (a data file's) have no stamps: only their key is the server's.
  const system = resource.stamps === false ? new Set([resource.key ?? 'id']) : SYSTEM_FIELDS
  for (const [name, spec] of Object.entries(resource.fields)) {
    if (UNSAFE_KEYS.has(name) || system.has(name)) continue
    fields.set(name, { spec, check: compileField(spec) })
    if (spec.required === true && spec.readOnly !== true) required.push(name)
  }
  const result = {
    fields,
    required,
    unknownMessage: `is not a field of ${resource.name}`,
    system,
    open: resource.openFields === true,
  }
  prepared.set(resource, result)
  return result
}

/** Builds the checks for one field: type first, then enum, range, format — the first failure wins. */
function compileField(spec: FieldSpec): CheckValue {
  const checks: CheckValue[] = [compileType(spec)]
  if (spec.enum !== undefined) checks.push(compileEnum(spec.enum))
  const range = compileRange(spec)
  if (range !== undefined) checks.push(range)
  if (spec.format !== undefined && spec.type === 'string') {
    const format = spec.format
    checks.push((value) => checkFormat(format, value as string))
  }
  return (value) => {
    for (const check of checks) {
      const message = check(value)
      if (message !== undefined) return message
    }
    return undefined
  }
}

function compileType(spec: FieldSpec): CheckValue {
  switch (spec.type) {
    case 'string':
      return (value) => (typeof value === 'string' ? undefined : 'must be a string')
    case 'integer':
      return (value) => (Number.isInteger(value) ? undefined : 'must be an integer')
    case 'number':
      return (value) => (isFiniteNumber(value) ? undefined : 'must be a number')
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? undefined : 'must be a boolean')
    case 'array':
      return (value) => (Array.isArray(value) ? undefined : 'must be an array')
    case 'object':
      return (value) => (isPlainObject(value) ? undefined : 'must be an object')
  }
}

function compileEnum(values: readonly (string | number)[]): CheckValue {
  const allowed: ReadonlySet<unknown> = new Set(values)
  const message = `must be one of: ${values.join(', ')}`
  return (value) => (allowed.has(value) ? undefined : message)
}

function compileRange(spec: FieldSpec): CheckValue | undefined {
  const { min, max } = spec
  if (min === undefined && max === undefined) return undefined
  const low = min ?? Number.NEGATIVE_INFINITY
  const high = max ?? Number.POSITIVE_INFINITY
  switch (spec.type) {
    case 'integer':
    case 'number': {
      const message = describeRange(min, max, spec.type === 'integer' ? 'an integer' : 'a number')
      return (value) =>
        (value as number) >= low && (value as number) <= high ? undefined : message
    }
    case 'string': {
      const message = describeLength(min, max, 'character', 'be', 'long')
      return (value) => {
        const length = codePointLength(value as string)
        return length >= low && length <= high ? undefined : message
      }
    }
    case 'array': {
      const message = describeLength(min, max, 'item', 'have', '')
      return (value) => {
        const { length } = value as unknown[]
        return length >= low && length <= high ? undefined : message
      }
    }
    default:
      return undefined
  }
}

function describeRange(min: number | undefined, max: number | undefined, kind: string): string {
  if (min !== undefined && max !== undefined) return `must be ${kind} between ${min} and ${max}`
  return min !== undefined ? `must be at least ${min}` : `must be at most ${max}`
}

function describeLength(
  min: number | undefined,
  max: number | undefined,
  unit: string,
  verb: string,
  suffix: string,
): string {
  const units = (n: number | undefined): string => `${n} ${unit}${n === 1 ? '' : 's'}`
  const amount =
    min !== undefined && max !== undefined
      ? min === max
        ? `exactly ${units(min)}`
        : `between ${min} and ${units(max)}`
      : min !== undefined
        ? `at least ${units(min)}`
        : `at most ${units(max)}`
  return `must ${verb} ${amount}${suffix === '' ? '' : ` ${suffix}`}`
}

// Lengths count characters as users see them (code points), like JSON Schema does.
function codePointLength(value: string): number {
  return HIGH_SURROGATE.test(value) ? [...value].length : value.length
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
