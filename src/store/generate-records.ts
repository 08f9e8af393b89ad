import type { Faker } from '@faker-js/faker'
import { createFaker } from '../resources/create-faker.js'
import type { ResourceRecord, ResourceSpec } from '../resources/resource-spec.js'
import { createValueMaker } from './generate-value.js'
import { hashName } from './hash-name.js'

export interface GenerateOptions {
  readonly seed: number
  /** Records per resource when the resource does not say (fixtures alone count as saying 0). */
  readonly count: number
  /** Each workspace gets its own records; fixtures go to the first. Default: one, named ''. */
  readonly workspaces?: readonly string[]
}

/** A resource's seed records and, position for position, the workspace each belongs to. */
export interface SeedData {
  readonly records: readonly ResourceRecord[]
  readonly owners: readonly string[]
}

// Seed data is timestamped relative to a fixed date, not "now", so a seed gives the same bytes on
// every run and every day.
const REF_DATE = Date.UTC(2026, 0, 1)
const YEAR_MS = 365 * 24 * 3600 * 1000

/**
 * Makes every resource's seed records: its fixtures first, then generated ones, workspace after
 * workspace. Each resource and workspace gets its own faker seeded from the instance seed, so
 * adding a resource or a workspace leaves the others' data unchanged; references point at ids the
 * target resource really has in the same workspace. Ids are unique across workspaces.
 */
export function generateRecords(
  resources: readonly ResourceSpec[],
  options: GenerateOptions,
): Map<string, SeedData> {
  const workspaces = options.workspaces ?? ['']
  const plan = planIds(resources, options.count, workspaces.length)
  const result = new Map<string, SeedData>()
  // One faker, re-seeded for each resource and workspace: the same output as a new one each time
  // (each costs about 1 ms to make), and none outlives this call.
  const faker = createFaker()
  for (const resource of resources) {
    if (resource.stamps === false) {
      // Records made by their reader (an OpenAPI document's), served exactly as made.
      const fixtures = (resource.records ?? []) as ResourceRecord[]
      result.set(resource.name, {
        records: fixtures,
        owners: fixtures.map(() => workspaces[0] ?? ''),
      })
      continue
    }
    const records: ResourceRecord[] = []
    const owners: string[] = []
    for (const [w, workspace] of workspaces.entries()) {
      const ids = plan.get(resource.name)?.[w] ?? []
      const fixtures = w === 0 ? (resource.records ?? []) : []
      for (const [i, record] of fixtures.entries()) records.push(asFixture(record, ids[i] ?? i + 1))
      const idsOf = (name: string) => plan.get(name)?.[w] ?? []
      records.push(
        ...generate(faker, resource, ids.slice(fixtures.length), idsOf, [
          options.seed,
          hashName(resource.name),
          w,
        ]),
      )
      owners.push(...ids.map(() => workspace))
    }
    result.set(resource.name, { records, owners })
  }
  return result
}

function generate(
  faker: Faker,
  resource: ResourceSpec,
  ids: readonly (number | string)[],
  idsOf: (resource: string) => readonly (number | string)[],
  seed: number[],
): ResourceRecord[] {
  // The first workspace keeps the two-number seed, so its data is the same with or without others.
  faker.seed(seed[2] === 0 ? seed.slice(0, 2) : seed)
  const makers = Object.entries(resource.fields).map(([name, field]) => {
    const refIds = field.ref === undefined ? [] : idsOf(field.ref)
    return [name, createValueMaker(faker, name, field, refIds)] as const
  })
  return ids.map((id) => {
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
}

/**
 * Workspaces after the first get the same number of records, up to this many: enough to test
 * isolation, without `--count 100000` doubling the memory for records no one pages through.
 */
export const OTHER_WORKSPACE_MAX_COUNT = 1000

/** Every resource's ids per workspace, known before any record is made so references can point. */
function planIds(
  resources: readonly ResourceSpec[],
  defaultCount: number,
  workspaceCount: number,
): Map<string, (number | string)[][]> {
  const plan = new Map<string, (number | string)[][]>()
  for (const resource of resources) {
    const fixtures = resource.records ?? []
    const generated = resource.count ?? (fixtures.length > 0 ? 0 : defaultCount)
    let next = 1
    const first: (number | string)[] = fixtures.map((record) => {
      const id = typeof record.id === 'number' || typeof record.id === 'string' ? record.id : next
      if (typeof id === 'number') next = Math.max(next, id + 1)
      return id
    })
    const perWorkspace = [first]
    for (let w = 1; w < workspaceCount; w++) perWorkspace.push([])
    for (const [w, ids] of perWorkspace.entries()) {
      const count = w === 0 ? generated : Math.min(generated, OTHER_WORKSPACE_MAX_COUNT)
      for (let i = 0; i < count; i++) ids.push(next++)
    }
    plan.set(resource.name, perWorkspace)
  }
  return plan
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
