import type { JsonSchema } from '../model/api-model.js'

/** Narrows an unknown to a schema-like object. */
export function asSchema(value: unknown): JsonSchema | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonSchema)
    : undefined
}

/** The schema's properties, `allOf` branches merged (the first branch that names one wins). */
export function propertiesOf(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  const properties: Record<string, JsonSchema> = {}
  if (schema === undefined) return properties
  for (const part of asArray(schema.allOf)) {
    for (const [name, value] of Object.entries(propertiesOf(asSchema(part)))) {
      properties[name] ??= value
    }
  }
  for (const [name, value] of Object.entries(asSchema(schema.properties) ?? {})) {
    const property = asSchema(value)
    if (property) properties[name] ??= property
  }
  return properties
}

/** The names a schema (and its `allOf` branches) requires. */
export function requiredOf(schema: JsonSchema | undefined): string[] {
  if (schema === undefined) return []
  const names = asArray(schema.required).filter((n): n is string => typeof n === 'string')
  for (const part of asArray(schema.allOf)) names.push(...requiredOf(asSchema(part)))
  return [...new Set(names)]
}

/** The schema's type(s): `['string', 'null']` for 3.1 arrays and 3.0 `nullable`. */
export function typesOf(schema: JsonSchema | undefined): string[] {
  if (schema === undefined) return []
  const types = Array.isArray(schema.type)
    ? schema.type.filter((t): t is string => typeof t === 'string')
    : typeof schema.type === 'string'
      ? [schema.type]
      : []
  if (types.length === 0) {
    if (schema.properties !== undefined || asArray(schema.allOf).length > 0) types.push('object')
    else if (schema.items !== undefined) types.push('array')
  }
  return types
}

/** Whether the schema describes an array, and of what. */
export function itemsOf(schema: JsonSchema | undefined): JsonSchema | undefined {
  return schema !== undefined && typesOf(schema).includes('array')
    ? asSchema(schema.items)
    : undefined
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : []
}

/** Whether a media type carries JSON (`application/json`, `application/problem+json`, …). */
export function isJsonType(type: string): boolean {
  return /^application\/([\w.-]+\+)?json\b/i.test(type) || type === '*/*'
}

/** Keywords whose value is data (or names), not schemas: copied as they are. */
const DATA_KEYWORDS = new Set(['example', 'examples', 'enum', 'const', 'default'])

/**
 * A schema copied node by node — objects the document shares copied once (cycles included), data
 * keywords (`example`, `enum`, …) kept as they are, keywords in `drop` left out — each object node
 * then handed to `rewrite`, whose answer takes its place.
 */
export function rewriteSchema(
  schema: JsonSchema,
  rewrite: (node: Record<string, unknown>) => unknown,
  drop: ReadonlySet<string> = new Set(),
): JsonSchema {
  const seen = new Map<unknown, unknown>()
  const copy = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value
    const done = seen.get(value)
    if (done !== undefined) return done
    if (Array.isArray(value)) {
      const list: unknown[] = []
      seen.set(value, list)
      for (const item of value) list.push(copy(item))
      return list
    }
    const out: Record<string, unknown> = {}
    seen.set(value, out)
    for (const [key, item] of Object.entries(value)) {
      if (!drop.has(key)) out[key] = DATA_KEYWORDS.has(key) ? item : copy(item)
    }
    return rewrite(out)
  }
  return copy(schema) as JsonSchema
}
