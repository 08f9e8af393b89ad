import type { FieldSpec, KeyKind, ResourceSpec } from '../resources/resource-spec.js'
import { inferField } from './infer-field.js'
import type { DbFile } from './read-db-file.js'

/** The field a singular resource's one record is stored under: no record ever has it. */
export const SINGULAR_KEY = '\u0000singular'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A db.json's keys as resources: each array a collection keyed by `id` with its records as written
 * (a record without an id gets the next one), each object a singular resource; fields inferred
 * from the records, references where `<resource>Id` or `<singular>Id` holds that resource's ids.
 */
export function inferResources(db: DbFile): ResourceSpec[] {
  const ids = new Map<string, ReadonlySet<unknown>>()
  const collections = [...db.collections].map(([name, given]) => {
    const keyKind = keyKindOf(given.map((r) => r.id))
    const records = withIds(given, keyKind)
    ids.set(name, new Set(records.map((r) => r.id)))
    return { name, records, keyKind }
  })
  const specs: ResourceSpec[] = collections.map(({ name, records, keyKind }) => ({
    name,
    fields: fieldsOf(name, records, ids),
    key: 'id',
    keyKind,
    unpaged: true,
    ...(records.length === 0 ? { openFields: true } : {}),
    stamps: false,
    count: 0,
    records,
  }))
  for (const [name, value] of db.singulars) {
    specs.push({
      name,
      fields: fieldsOf(name, [value], ids),
      key: SINGULAR_KEY,
      singular: true,
      stamps: false,
      count: 0,
      records: [value],
    })
  }
  return specs
}

/** Integer ids give integers; all-uuid ids give uuids; other strings short random strings. */
function keyKindOf(ids: readonly unknown[]): KeyKind {
  const given = ids.filter((id) => id !== undefined)
  if (given.length === 0 || given.every((id) => typeof id === 'number')) return 'integer'
  return given.every((id) => typeof id === 'string' && UUID.test(id)) ? 'uuid' : 'string'
}

function withIds(records: readonly Readonly<Record<string, unknown>>[], kind: KeyKind) {
  if (records.every((r) => r.id !== undefined)) return records
  let next =
    records.reduce((max, r) => (typeof r.id === 'number' ? Math.max(max, r.id) : max), 0) + 1
  return records.map((r) =>
    r.id !== undefined ? r : { id: kind === 'integer' ? next++ : String(next++), ...r },
  )
}

function fieldsOf(
  name: string,
  records: readonly Readonly<Record<string, unknown>>[],
  ids: ReadonlyMap<string, ReadonlySet<unknown>>,
): Record<string, FieldSpec> {
  const names = new Set(records.flatMap((r) => Object.keys(r)))
  const fields: Record<string, FieldSpec> = {}
  for (const field of names) {
    const values = records.map((r) => (Object.hasOwn(r, field) ? r[field] : undefined))
    if (field === 'id') {
      fields.id = { type: typeof values[0] === 'number' ? 'integer' : 'string', readOnly: true }
      continue
    }
    const ref = referenceOf(field, name, values, ids)
    fields[field] = { ...inferField(values), ...(ref === undefined ? {} : { ref }) }
  }
  return fields
}

/** `postId` → posts when every value it holds is one of the posts' ids. */
function referenceOf(
  field: string,
  own: string,
  values: readonly unknown[],
  ids: ReadonlyMap<string, ReadonlySet<unknown>>,
): string | undefined {
  const stem = /^(.+)Id$/.exec(field)?.[1]
  if (stem === undefined) return undefined
  const target = [...ids.keys()].find(
    (name) => name !== own && (name === stem || name === `${stem}s` || name === `${stem}es`),
  )
  if (target === undefined) return undefined
  const known = ids.get(target) ?? new Set()
  const given = values.filter((v) => v !== undefined && v !== null)
  return given.length > 0 && given.every((v) => known.has(v)) ? target : undefined
}
