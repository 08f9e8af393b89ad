import type { JsonSchema } from '../model/api-model.js'

/**
 * A request body's schema as clients write it: a property marked `readOnly` is not required,
 * since OpenAPI says `required` on a read-only property applies to responses only (one `Pet`
 * schema with a required read-only `id` takes a POST without `id`). Objects the document shares
 * are copied once; data (`example`, `enum`, `const`, `default`) is kept as it is.
 */
export function requestSchema(schema: JsonSchema): JsonSchema {
  return copy(schema, new Map()) as JsonSchema
}

const DATA = new Set(['example', 'examples', 'enum', 'const', 'default'])

function copy(value: unknown, seen: Map<unknown, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value
  const done = seen.get(value)
  if (done !== undefined) return done
  if (Array.isArray(value)) {
    const list: unknown[] = []
    seen.set(value, list)
    for (const item of value) list.push(copy(item, seen))
    return list
  }
  const out: Record<string, unknown> = {}
  seen.set(value, out)
  for (const [key, item] of Object.entries(value))
    out[key] = DATA.has(key) ? item : copy(item, seen)
  const properties = out.properties
  if (Array.isArray(out.required) && typeof properties === 'object' && properties !== null) {
    const readOnly = (name: unknown) =>
      (properties as Record<string, { readOnly?: unknown } | undefined>)[String(name)]?.readOnly ===
      true
    out.required = out.required.filter((name) => !readOnly(name))
  }
  return out
}
