import type { Faker } from '@faker-js/faker'
import type { ApiModel, CollectionModel } from '../model/api-model.js'
import { createFaker } from '../resources/create-faker.js'
import type { FieldSpec, FieldType, ResourceSpec } from '../resources/resource-spec.js'
import { hashName } from '../store/hash-name.js'
import { generateFromSchema } from './generate-from-schema.js'
import { propertiesOf, requiredOf, typesOf } from './schema-tools.js'

export interface SeedOptions {
  readonly seed: number
  readonly count: number
}

/**
 * The model's collections as store resources, each with its seed records: the document's item
 * examples first, then records generated from the item schema with a faker seeded from the
 * instance seed and the collection's name — the same seed, the same bytes. A property that names
 * another collection's key (`authorId` → authors) holds one of that collection's keys.
 */
export function seedCollections(model: ApiModel, options: SeedOptions): ResourceSpec[] {
  const keys = new Map<string, (string | number)[]>()
  const plans = model.collections.map((c) => {
    const faker = createFaker([options.seed, hashName(c.name)])
    const records = c.examples.map((e) => ({ ...e }))
    const used = new Set(records.map((r) => r[c.key.field]))
    while (records.length < Math.max(options.count, c.examples.length)) {
      const key = newKey(faker, c, used, records.length + 1)
      used.add(key)
      records.push({ [c.key.field]: key })
    }
    keys.set(
      c.name,
      records.map((r) => r[c.key.field] as string | number),
    )
    return { c, faker, records }
  })
  return plans.map(({ c, faker, records }) => {
    const refs = referencesOf(c, model.collections)
    const filled = records.map((record, i) =>
      i < c.examples.length ? record : fill(faker, c, record, refs, keys),
    )
    return {
      name: c.name,
      fields: fieldsOf(c),
      key: c.key.field,
      stamps: false,
      count: 0,
      records: filled,
    }
  })
}

/** A key that fits the collection: the next integer, a uuid, or a string from the key's schema. */
export function newKey(
  faker: Faker,
  c: CollectionModel,
  used: ReadonlySet<unknown>,
  next: number,
): string | number {
  if (c.key.kind === 'integer') {
    let n = next
    while (used.has(n)) n++
    return n
  }
  for (let attempt = 0; attempt < 20; attempt++) {
    const key =
      c.key.kind === 'uuid'
        ? faker.string.uuid()
        : String(generateFromSchema(faker, propertiesOf(c.itemSchema)[c.key.field], c.key.field))
    if (!used.has(key) && key !== '') return key
  }
  return `${c.name}-${next}`
}

function fill(
  faker: Faker,
  c: CollectionModel,
  record: Record<string, unknown>,
  refs: ReadonlyMap<string, string>,
  keys: ReadonlyMap<string, readonly (string | number)[]>,
): Record<string, unknown> {
  const generated = generateFromSchema(faker, c.itemSchema) as Record<string, unknown>
  const result: Record<string, unknown> = { ...generated, ...record }
  for (const [field, target] of refs) {
    const pool = keys.get(target) ?? []
    if (pool.length > 0) result[field] = faker.helpers.arrayElement(pool)
  }
  return result
}

/** Properties that hold another collection's key: `authorId`, `author_id`, or a parent link. */
function referencesOf(c: CollectionModel, all: readonly CollectionModel[]): Map<string, string> {
  const refs = new Map<string, string>()
  if (c.parent) refs.set(c.parent.field, c.parent.collection)
  for (const name of Object.keys(propertiesOf(c.itemSchema))) {
    if (name === c.key.field) continue
    const stem = /^(.+?)_?(id|Id|ID|key|slug|uuid)$/.exec(name)?.[1]?.toLowerCase()
    if (stem === undefined) continue
    const target = all.find((o) => o !== c && [o.name, o.name.replace(/s$/, '')].includes(stem))
    if (target) refs.set(name, target.name)
  }
  return refs
}

/** Top-level properties as the store's field specs, for sorting and the injected 400's fields. */
function fieldsOf(c: CollectionModel): Record<string, FieldSpec> {
  const required = new Set(requiredOf(c.itemSchema))
  const fields: Record<string, FieldSpec> = {}
  for (const [name, schema] of Object.entries(propertiesOf(c.itemSchema))) {
    const type = (typesOf(schema).find((t) => t !== 'null') ?? 'object') as FieldType
    fields[name] = {
      type: ['string', 'integer', 'number', 'boolean', 'array', 'object'].includes(type)
        ? type
        : 'object',
      ...(required.has(name) ? { required: true } : {}),
      ...(name === c.key.field ? { readOnly: true } : {}),
    }
  }
  // A child's link to its parent (`vaultUuid`) may be no property of the item: the store keeps it
  // through a PUT all the same, or the record would leave its parent.
  if (c.parent !== undefined && fields[c.parent.field] === undefined)
    fields[c.parent.field] = { type: 'string', readOnly: true }
  return fields
}
