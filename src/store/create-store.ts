import type { Clock } from '../clock/clock.js'
import type { ListQuery } from '../http/parse-list-query.js'
import type { ResourceRecord, ResourceSpec } from '../resources/resource-spec.js'
import { createSnapshot, type Snapshot } from './create-snapshot.js'
import { generateRecords } from './generate-records.js'
import { type QueryResult, querySnapshot } from './query-records.js'

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
  /** Keyed by the id itself: numbers as numbers (no string per record), other ids as strings. */
  readonly records: Map<number | string, ResourceRecord>
  /** The records laid out for list queries; made on first list, dropped on any write. */
  snapshot: Snapshot<ResourceRecord> | undefined
  nextId: number
}

/** The map key for an id as it arrives in a path: `"42"` is the integer id 42, `"042"` is not. */
function keyOf(id: string): number | string {
  const number = Number(id)
  return Number.isSafeInteger(number) && String(number) === id ? number : id
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
            records: new Map(records.map((r) => [r.id, r])),
            snapshot: undefined,
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
    list(name, query) {
      const target = collection(name)
      target.snapshot ??= createSnapshot(target.records.values())
      return querySnapshot(target.snapshot, query, target.spec)
    },
    get: (name, id) => collections.get(name)?.records.get(keyOf(id)),
    create(name, data) {
      const target = collection(name)
      const now = new Date(clock.now()).toISOString()
      const record = {
        id: target.nextId++,
        ...nullsForAbsent(target.spec, data),
        createdAt: now,
        updatedAt: now,
      }
      target.records.set(record.id, record)
      target.snapshot = undefined
      return record
    },
    update(name, id, patch) {
      const target = collection(name)
      const current = target.records.get(keyOf(id))
      if (!current) return undefined
      const record = { ...current, ...patch, id: current.id, updatedAt: nextStamp(current, clock) }
      target.records.set(current.id, record)
      target.snapshot = undefined
      return record
    },
    remove(name, id) {
      const target = collection(name)
      target.snapshot = undefined
      return target.records.delete(keyOf(id))
    },
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
