import type { FieldSpec } from '../resources/resource-spec.js'
import type { FilterValue } from '../store/list-query.js'

const INTEGER = /^-?\d+$/
const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

export type Coerced = { readonly value: FilterValue } | { readonly error: string }

/**
 * The typed value of one raw filter value, typed by its field, or why it cannot be one.
 *
 * @example
 * coerceQueryValue('3', { type: 'integer' }, false) // { value: 3 }
 * coerceQueryValue('x', { type: 'integer' }, false) // { error: "must be an integer, got 'x'" }
 */
export function coerceQueryValue(raw: string, spec: FieldSpec, allowNull: boolean): Coerced {
  if (raw === 'null' && spec.nullable === true) {
    return allowNull ? { value: null } : { error: 'null can only be matched with =, _ne or _in' }
  }
  const orNull = spec.nullable === true && allowNull ? ' or null' : ''
  const number = Number(raw)
  switch (spec.type) {
    case 'integer':
      return INTEGER.test(raw) && Number.isSafeInteger(number)
        ? { value: number }
        : { error: `must be an integer${orNull}, got '${raw}'` }
    case 'number':
      return NUMBER.test(raw) && Number.isFinite(number)
        ? { value: number }
        : { error: `must be a number${orNull}, got '${raw}'` }
    case 'boolean':
      return raw === 'true' || raw === 'false'
        ? { value: raw === 'true' }
        : { error: `must be true or false${orNull}, got '${raw}'` }
    default:
      return { value: raw }
  }
}
