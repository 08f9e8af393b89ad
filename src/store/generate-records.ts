import { createFaker } from '../resources/create-faker.js'
import type { ResourceRecord, ResourceSpec } from '../resources/resource-spec.js'
import { createValueMaker } from './generate-value.js'

export interface GenerateOptions {
  readonly seed: number
  /** Records per resource when the resource does not say (fixtures alone count as saying 0). */
  readonly count: number
}

// Seed data is timestamped relative to a fixed date, not "now", so a seed gives the same bytes on
// every run and every day.
const REF_DATE = Date.UTC(2026, 0, 1)
const YEAR_MS = 365 * 24 * 3600 * 1000

/**
 * Makes every resource's seed records: its fixtures first, then generated ones. Each resource gets
 * its own faker seeded from the instance seed and its name, so adding a resource leaves the others'
 * data unchanged; references point at ids the target resource really has.
 */
export function generateRecords(
  resources: readonly ResourceSpec[],
  options: GenerateOptions,
): Map<string, ResourceRecord[]> {
  const idsByResource = new Map(resources.map((r) => [r.name, plannedIds(r, options.count)]))
  const result = new Map<string, ResourceRecord[]>()
  for (const resource of resources) {
    const ids = idsByResource.get(resource.name) ?? []
    const fixtures = (resource.records ?? []).map((record, i) => asFixture(record, ids[i] ?? i + 1))
    const faker = createFaker([options.seed, hashName(resource.name)])
    const makers = Object.entries(resource.fields).map(([name, field]) => {
      const refIds = field.ref === undefined ? [] : (idsByResource.get(field.ref) ?? [])
      return [name, createValueMaker(faker, name, field, refIds)] as const
    })
    const generated = ids.slice(fixtures.length).map((id) => {
      const record: Record<string, unknown> = { id }
      for (const [name, make] of makers) record[name] = make()
      const created = REF_DATE - faker.number.int({ min: 1000, max: YEAR_MS })
      record.createdAt = new Date(created).toISOString()
      // Like real data, many records were never edited after they were created.
      record.updatedAt = faker.datatype.boolean()
        ? record.createdAt
        : new Date(created + faker.number.int({ min: 0, max: REF_DATE - created })).toISOString()
      return record as ResourceRecord
    })
    result.set(resource.name, [...fixtures, ...generated])
  }
  return result
}

function plannedIds(resource: ResourceSpec, defaultCount: number): (number | string)[] {
  const fixtures = resource.records ?? []
  const generated = resource.count ?? (fixtures.length > 0 ? 0 : defaultCount)
  const ids: (number | string)[] = []
  let next = 1
  for (const record of fixtures) {
    const id = record.id
    if (typeof id === 'number' || typeof id === 'string') ids.push(id)
    else ids.push(next)
    if (typeof ids.at(-1) === 'number') next = Math.max(next, Number(ids.at(-1)) + 1)
  }
  for (let i = 0; i < generated; i++) ids.push(next++)
  return ids
}

/** A fixture as served: its id first and its timestamps last, like every other record. */
function asFixture(record: Readonly<Record<string, unknown>>, id: number | string): ResourceRecord {
  const stamp = new Date(REF_DATE).toISOString()
  return {
    id,
    ...record,
    createdAt: record.createdAt ?? stamp,
    updatedAt: record.updatedAt ?? stamp,
  }
}

/** A small stable string hash (FNV-1a), so each resource's seed depends on its name. */
function hashName(name: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}
