import type { JsonSchema } from '../model/api-model.js'
import { rewriteSchema } from './schema-tools.js'

/**
 * A request body's schema as clients write it: a property marked `readOnly` is not required,
 * since OpenAPI says `required` on a read-only property applies to responses only (one `Pet`
 * schema with a required read-only `id` takes a POST without `id`).
 */
export function requestSchema(schema: JsonSchema): JsonSchema {
  return rewriteSchema(schema, (node) => {
    const properties = node.properties
    if (Array.isArray(node.required) && typeof properties === 'object' && properties !== null) {
      const readOnly = (name: unknown) =>
        (properties as Record<string, { readOnly?: unknown } | undefined>)[String(name)]
          ?.readOnly === true
      node.required = node.required.filter((name) => !readOnly(name))
    }
    return node
  })
}
