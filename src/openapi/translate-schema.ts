import type { JsonSchema } from '../model/api-model.js'

/**
 * An OpenAPI 3.0 schema as JSON Schema: `nullable: true` adds `null` to the type (and the enum),
 * boolean `exclusiveMinimum`/`exclusiveMaximum` become numbers; `$id`s are dropped. Objects the
 * document shares are translated once.
 */
export function translateSchema(schema: JsonSchema, openapi30 = true): JsonSchema {
  const seen = new Map<unknown, unknown>()
  return translate(schema, openapi30, seen) as JsonSchema
}

function translate(value: unknown, openapi30: boolean, seen: Map<unknown, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value
  const done = seen.get(value)
  if (done !== undefined) return done
  if (Array.isArray(value)) {
    const list: unknown[] = []
    seen.set(value, list)
    for (const item of value) list.push(translate(item, openapi30, seen))
    return list
  }
  const out: Record<string, unknown> = {}
  seen.set(value, out)
  for (const [key, item] of Object.entries(value)) {
    if (key === '$id') continue
    // `example`, `properties` and friends hold data or names, not keywords, one level down.
    out[key] =
      key === 'example' || key === 'examples' || key === 'enum' || key === 'const'
        ? item
        : translate(item, openapi30, seen)
  }
  if (!openapi30) return out
  if (out.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null']
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null]
    for (const key of ['allOf', 'oneOf', 'anyOf', '$ref'] as const) {
      if (out[key] !== undefined && out.type === undefined) {
        const { nullable: _, ...rest } = out
        return { anyOf: [rest, { type: 'null' }] }
      }
    }
  }
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound]
      delete out[bound]
    } else if (typeof out[flag] === 'boolean') delete out[flag]
  }
  return out
}
