import type { Clock } from '../clock/clock.js'
import type { ListQuery } from '../http/parse-list-query.js'
import type { ResourceRecord, ResourceSpec } from '../resources/resource-spec.js'
import { generateRecords } from './generate-records.js'
import { type QueryResult, queryRecords } from './query-records.js'

export interface StoreOptions {
  readonly resources: readonly ResourceSpec[]
  readonly seed: number
  readonly count: number
  readonly clock: Clock
}

/**
 * The in-memory data of one instance. Knows nothing of HTTP: "missing" is `undefined` or `false`,
 * and input is assumed already validated. Records are immutable; a write stores a new object.
 */
export interface Store {
  readonly resources: readonly ResourceSpec[]
  resource(name: string): ResourceSpec | undefined
  count(name: string): number
  list(name: string, query: ListQuery): QueryResult<ResourceRecord>
  get(name: string, id: string): ResourceRecord | undefined
  create(name: string, data: Readonly<Record<string, unknown>>): ResourceRecord
  update(
    name: string,
    id: string,
    patch: Readonly<Record<string, unknown>>,
  ): ResourceRecord | undefined
  remove(name: string, id: string): boolean
  /** Back to the seed data. */
  reset(): void
}

interface Collection {
  readonly spec: ResourceSpec
  readonly records: Map<string, ResourceRecord>
  nextId: number
}

/** Creates a store filled with the seed data of `options.resources`. */
export function createStore(options: StoreOptions): Store {
  const { resources, clock } = options
  const seedData = generateRecords(resources, options)
  const specs = new Map(resources.map((spec) => [spec.name, spec]))
  let collections = fill()

  function fill(): Map<string, Collection> {
    return new Map(
      resources.map((spec) => {
        const records = seedData.get(spec.name) ?? []
        const numericIds = records.map((r) => r.id).filter((id) => typeof id === 'number')
        return [
          spec.name,
          {
            spec,
            records: new Map(records.map((r) => [String(r.id), r])),
            nextId: numericIds.reduce((max, id) => Math.max(max, id), 0) + 1,
          },
        ]
      }),
    )
  }

  function collection(name: string): Collection {
    const found = collections.get(name)
    if (!found) throw new Error(`Failed to use resource "${name}": it does not exist.`)
    return found
  }

  return {
    resources,
    resource: (name) => specs.get(name),
    count: (name) => collections.get(name)?.records.size ?? 0,
    list: (name, query) =>
      queryRecords(collection(name).records.values(), query, collection(name).spec),
    get: (name, id) => collections.get(name)?.records.get(id),
    create(name, data) {
      const target = collection(name)
      const now = new Date(clock.now()).toISOString()
      const record = {
        id: target.nextId++,
        ...nullsForAbsent(target.spec, data),
        createdAt: now,
        updatedAt: now,
      }
      target.records.set(String(record.id), record)
      return record
    },
    update(name, id, patch) {
      const target = collection(name)
      const current = target.records.get(id)
      if (!current) return undefined
      const record = { ...current, ...patch, id: current.id, updatedAt: nextStamp(current, clock) }
      target.records.set(id, record)
      return record
    },
    remove: (name, id) => collection(name).records.delete(id),
    reset() {
      collections = fill()
    },
  }
}

// Clients expect every declared nullable field in the answer; absent means null, as a real API says.
function nullsForAbsent(
  spec: ResourceSpec,
  data: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const record: Record<string, unknown> = {}
  for (const [name, field] of Object.entries(spec.fields)) {
    if (Object.hasOwn(data, name)) record[name] = data[name]
    else if (field.nullable) record[name] = null
  }
  return record
}

// `updatedAt` must move on every write, even two writes within one millisecond.
function nextStamp(current: ResourceRecord, clock: Clock): string {
  const previous = Date.parse(String(current.updatedAt))
  const now = clock.now()
  return new Date(Number.isNaN(previous) ? now : Math.max(now, previous + 1)).toISOString()
}
