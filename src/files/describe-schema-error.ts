import type { ErrorObject } from 'ajv'

/** A path into a parsed YAML value: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[]

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'null',
}

/**
 * Turns one ajv error into a message that says where, what was expected and, when the validator
 * was compiled with `verbose: true`, what was found and the closest allowed name
 * (`resources.users.fields.name: unknown key "requird"; did you mean "required"?`). A schema may
 * carry the editors' `patternErrorMessage` to explain a pattern in words.
 */
export function describeSchemaError(error: ErrorObject): string {
  const path = pointerToPath(error.instancePath)
  const where = path.length === 0 ? '' : `${formatYamlPath(path)}: `
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty)
      const allowed = Object.keys(propertyOf(error.parentSchema, 'properties') ?? {})
      return `${where}unknown key "${key}"${suggest(key, allowed)}`
    }
    case 'propertyNames': {
      const explained = propertyOf(error.schema, 'patternErrorMessage')
      const why = typeof explained === 'string' ? `: ${explained}` : ''
      return `${where}invalid name "${String(params.propertyName)}"${why}`
    }
    case 'required':
      return `${where}missing the required key "${String(params.missingProperty)}"`
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String)
      const hint = typeof error.data === 'string' ? suggest(error.data, allowed, false) : ''
      return `${where}must be one of: ${allowed.join(', ')}${found(error, hint)}`
    }
    case 'type': {
      const names = String(params.type)
        .split(',')
        .map((type) => TYPE_NAMES[type] ?? type)
      return `${where}must be ${names.join(' or ')}${found(error)}`
    }
    case 'pattern': {
      const explained = propertyOf(error.parentSchema, 'patternErrorMessage')
      const why = typeof explained === 'string' ? explained : `must match ${String(params.pattern)}`
      return `${where}${why}${found(error)}`
    }
    default:
      return `${where}${error.message ?? 'is invalid'}${found(error)}`
  }
}

/** Splits a JSON pointer (`/resources/users/records/0`) into its segments; digits become indexes. */
export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return []
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((segment) => (/^(?:0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment))
}

/**
 * Writes a path the way users read it: `resources.users.records[0].email`.
 *
 * @example
 * formatYamlPath(['resources', 'users', 'records', 0]) // 'resources.users.records[0]'
 */
export function formatYamlPath(path: YamlPath): string {
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`
      if (!/^[A-Za-z_$][\w$-]*$/.test(segment)) return `[${JSON.stringify(segment)}]`
      return index === 0 ? segment : `.${segment}`
    })
    .join('')
}

// Only available when the validator was compiled with `verbose: true`.
function found(error: ErrorObject, hint = ''): string {
  if (!('data' in error)) return ''
  const { data } = error
  const shown = Array.isArray(data)
    ? 'a list'
    : typeof data === 'object' && data !== null
      ? 'a mapping'
      : null
  const text = shown ?? truncate(JSON.stringify(data) ?? String(data))
  return ` (got ${text}${hint === '' ? '' : `; ${hint}`})`
}

function suggest(key: string, allowed: readonly string[], withList = true): string {
  const close = closest(key, allowed)
  if (close !== undefined)
    return withList ? `; did you mean "${close}"?` : `did you mean "${close}"?`
  if (!withList || allowed.length === 0) return ''
  return `; expected one of: ${allowed.join(', ')}`
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(1, Math.min(2, Math.floor(word.length / 3)))
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase())
    if (distance <= bestDistance) {
      best = candidate
      bestDistance = distance - 1
    }
  }
  return best
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution)
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

function propertyOf(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined
  return (value as Record<string, unknown>)[key]
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text
}
