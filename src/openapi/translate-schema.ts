import type { JsonSchema } from '../model/api-model.js'
import { rewriteSchema } from './schema-tools.js'

/**
 * An OpenAPI 3.0 schema as JSON Schema: `nullable: true` adds `null` to the type (and the enum),
 * boolean `exclusiveMinimum`/`exclusiveMaximum` become numbers; `$id`s are dropped. Objects the
 * document shares are translated once.
 */
export function translateSchema(schema: JsonSchema, openapi30 = true): JsonSchema {
  return rewriteSchema(schema, (node) => (openapi30 ? translate(node) : node), ID)
}

const ID = new Set(['$id'])

function translate(out: Record<string, unknown>): unknown {
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
