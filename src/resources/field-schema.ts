import type { FieldSpec, ResourceSpec } from './resource-spec.js'

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it) as plain data. */
export type JsonSchema = { [keyword: string]: unknown }

const FORMATS: Readonly<Record<string, string>> = { url: 'uri' }

/** Implicit on every record; a resource that declares one of them keeps its own. */
const SYSTEM_FIELDS: Readonly<Record<string, FieldSpec>> = {
  id: { type: 'integer', readOnly: true },
  createdAt: { type: 'string', format: 'date-time', readOnly: true },
  updatedAt: { type: 'string', format: 'date-time', readOnly: true },
}

/** One field: its type (with `null` when nullable), format, enum, bounds and `readOnly`. */
export function fieldSchema(field: FieldSpec): JsonSchema {
  const schema: JsonSchema = { type: field.nullable ? [field.type, 'null'] : field.type }
  if (field.format !== undefined) schema.format = FORMATS[field.format] ?? field.format
  if (field.enum !== undefined) {
    schema.enum = field.nullable ? [...field.enum, null] : [...field.enum]
  }
  const [low, high] = boundNames(field)
  if (low !== undefined && field.min !== undefined) schema[low] = field.min
  if (high !== undefined && field.max !== undefined) schema[high] = field.max
  if (field.readOnly) schema.readOnly = true
  if (field.ref !== undefined) schema.description = `The id of a ${field.ref} record.`
  return schema
}

function boundNames(field: FieldSpec): readonly [string?, string?] {
  switch (field.type) {
    case 'integer':
    case 'number':
      return ['minimum', 'maximum']
    case 'string':
      return ['minLength', 'maxLength']
    case 'array':
      return ['minItems', 'maxItems']
    default:
      return []
  }
}

/**
 * Every field of a record as the mock answers it, the system fields the store sets included:
 * `id`, `createdAt` and `updatedAt` — only the key for a data file's records (`stamps: false`),
 * none for a singular object.
 */
export function recordFields(spec: ResourceSpec): Record<string, FieldSpec> {
  if (spec.singular === true) return { ...spec.fields }
  if (spec.stamps === false) {
    const key = spec.key ?? 'id'
    return key === 'id' ? { id: SYSTEM_FIELDS.id as FieldSpec, ...spec.fields } : { ...spec.fields }
  }
  return { ...SYSTEM_FIELDS, ...spec.fields }
}

/**
 * The four schemas of a resource: the record as answered (every field present, read-only ones
 * marked), the body of a POST (required fields required, read-only ones absent), of a PUT (the
 * same, but the record as read may be sent back: its read-only fields are allowed and kept) and
 * of a PATCH (any subset). Unknown fields are refused, as the mock does.
 */
export function resourceSchemas(spec: ResourceSpec): {
  record: JsonSchema
  create: JsonSchema
  replace: JsonSchema
  update: JsonSchema
} {
  const all = recordFields(spec)
  const writable = Object.entries(spec.fields).filter(([name, field]) => {
    return !field.readOnly && !Object.hasOwn(SYSTEM_FIELDS, name)
  })
  const properties = Object.fromEntries(writable.map(([name, field]) => [name, fieldSchema(field)]))
  const required = writable.filter(([, field]) => field.required).map(([name]) => name)
  // Absent nullable fields are answered as null, so a record always has them.
  const answered = Object.entries(all)
    .filter(([, field]) => field.required || field.nullable || field.readOnly)
    .map(([name]) => name)
  // A data file's empty collection takes any fields.
  const closed = spec.openFields === true ? {} : { additionalProperties: false }
  const recordProperties = Object.fromEntries(
    Object.entries(all).map(([name, field]) => [name, fieldSchema(field)]),
  )
  return {
    record: {
      type: 'object',
      properties: recordProperties,
      required: [...new Set([...(Object.hasOwn(all, 'id') ? ['id'] : []), ...answered])],
    },
    create: {
      type: 'object',
      properties,
      ...(required.length > 0 ? { required } : {}),
      ...closed,
    },
    replace: {
      type: 'object',
      properties: recordProperties,
      ...(required.length > 0 ? { required } : {}),
      ...closed,
    },
    update: { type: 'object', properties, ...closed },
  }
}

/** `users` → `Users`, `line-items` → `LineItems`: a component name. */
export function schemaName(resource: string): string {
  return resource
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('')
}
