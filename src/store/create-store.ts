import type { Clock } from '../clock/clock.js'
import type { ResourceRecord, ResourceSpec } from '../resources/resource-spec.js'
import { createSnapshot, type Snapshot } from './create-snapshot.js'
import { generateRecords, type SeedData } from './generate-records.js'
import type { ListQuery } from './list-query.js'
import { type QueryResult, querySnapshot } from './query-records.js'

export interface StoreOptions {
  readonly resources: readonly ResourceSpec[]
  readonly seed: number
  readonly count: number
  readonly clock: Clock
  /** Workspaces that get their own seed records; default one, and then every read sees all. */
  readonly workspaces?: readonly string[]
}

/**
 * The in-memory data of one instance. Knows nothing of HTTP: "missing" is `undefined` or `false`,
 * and input is assumed already validated. Records are immutable; a write stores a new object.
 * `scope` is a workspace: a record of another workspace is exactly as missing as one that never
 * existed. Without a scope every record is visible.
 */
export interface Store {
  readonly resources: readonly ResourceSpec[]
  resource(name: string): ResourceSpec | undefined
  /** Records of the resource visible in `scope` (every workspace without one). */
  count(name: string, scope?: string): number
  list(name: string, query: ListQuery, scope?: string): QueryResult<ResourceRecord>
  get(name: string, id: string, scope?: string): ResourceRecord | undefined
  create(name: string, data: Readonly<Record<string, unknown>>, scope?: string): ResourceRecord
  update(
    name: string,
    id: string,
    patch: Readonly<Record<string, unknown>>,
    scope?: string,
  ): ResourceRecord | undefined
  /**
   * Replaces a record's fields with `data`, keeping its key, its `createdAt` and the fields the
   * spec marks read-only (server-set).
   */
  replace(
    name: string,
    id: string,
    data: Readonly<Record<string, unknown>>,
    scope?: string,
  ): ResourceRecord | undefined
  remove(name: string, id: string, scope?: string): boolean
  /** Back to the seed data. */
  reset(): void
}

interface Collection {
  readonly spec: ResourceSpec
  /** Keyed by the id itself: numbers as numbers (no string per record), other ids as strings. */
  readonly records: Map<number | string, ResourceRecord>
  /** The workspace of each record, by the same key. */
  readonly owners: Map<number | string, string>
  /** The records laid out for list queries, per scope; made on first list, dropped on any write. */
  readonly snapshots: Map<string | undefined, Snapshot<ResourceRecord>>
  nextId: number
}

/** Creates a store filled with the seed data of `options.resources`. */
export function createStore(options: StoreOptions): Store {
  const { resources, clock } = options
  const seedData = generateRecords(resources, options)
  const specs = new Map(resources.map((spec) => [spec.name, spec]))
  const defaultScope = options.workspaces?.[0] ?? ''
  let collections = fill(resources, seedData)

  function collection(name: string): Collection {
    const found = collections.get(name)
    if (!found) throw new Error(`Failed to use resource "${name}": it does not exist.`)
    return found
  }

  function visible(target: Collection, id: string, scope: string | undefined) {
    const key = keyOf(id)
    const record = target.records.get(key)
    if (!record || (scope !== undefined && target.owners.get(key) !== scope)) return undefined
    return record
  }

  function stamped(target: Collection, data: Readonly<Record<string, unknown>>) {
    const now = new Date(clock.now()).toISOString()
    return {
      id: target.nextId++,
      ...nullsForAbsent(target.spec, data),
      createdAt: now,
      updatedAt: now,
    }
  }

  /** Writes `next` in place of `current`: the key never changes, `updatedAt` always moves. */
  function store(target: Collection, current: ResourceRecord, next: Record<string, unknown>) {
    const key = keyFieldOf(target.spec, current)
    const keyField = target.spec.key ?? 'id'
    const record = { ...next, [keyField]: current[keyField] } as ResourceRecord
    if (target.spec.stamps !== false) {
      Object.assign(record, { id: current.id, updatedAt: nextStamp(current, clock) })
    }
    target.records.set(key, record)
    target.snapshots.clear()
    return record
  }

  return {
    resources,
    resource: (name) => specs.get(name),
    count(name, scope) {
      const target = collections.get(name)
      if (!target || scope === undefined) return target?.records.size ?? 0
      let count = 0
      for (const owner of target.owners.values()) if (owner === scope) count += 1
      return count
    },
    list(name, query, scope) {
      const target = collection(name)
      let snapshot = target.snapshots.get(scope)
      if (!snapshot) {
        const rows = [...target.records.values()]
        snapshot = createSnapshot(
          scope === undefined
            ? rows
            : rows.filter((r) => target.owners.get(keyFieldOf(target.spec, r)) === scope),
        )
        target.snapshots.set(scope, snapshot)
      }
      return querySnapshot(snapshot, query, target.spec)
    },
    get: (name, id, scope) => {
      const target = collections.get(name)
      return target && visible(target, id, scope)
    },
    create(name, data, scope) {
      const target = collection(name)
      const record = target.spec.stamps === false ? { ...data } : stamped(target, data)
      const key = keyFieldOf(target.spec, record as ResourceRecord)
      if (typeof key === 'number') target.nextId = Math.max(target.nextId, key + 1)
      target.records.set(key, record as ResourceRecord)
      target.owners.set(key, scope ?? defaultScope)
      target.snapshots.clear()
      return record as ResourceRecord
    },
    update(name, id, patch, scope) {
      const target = collection(name)
      const current = visible(target, id, scope)
      if (!current) return undefined
      return store(target, current, { ...current, ...patch })
    },
    replace(name, id, data, scope) {
      const target = collection(name)
      const current = visible(target, id, scope)
      if (!current) return undefined
      const kept: Record<string, unknown> = {}
      for (const [field, spec] of Object.entries(target.spec.fields)) {
        if (spec.readOnly && Object.hasOwn(current, field)) kept[field] = current[field]
      }
      if (Object.hasOwn(current, 'createdAt')) kept.createdAt = current.createdAt
      return store(target, current, { ...nullsForAbsent(target.spec, data), ...kept })
    },
    remove(name, id, scope) {
      const target = collection(name)
      const current = visible(target, id, scope)
      if (!current) return false
      const key = keyFieldOf(target.spec, current)
      target.records.delete(key)
      target.owners.delete(key)
      target.snapshots.clear()
      return true
    },
    reset() {
      collections = fill(resources, seedData)
    },
  }
}

function fill(
  resources: readonly ResourceSpec[],
  seedData: Map<string, SeedData>,
): Map<string, Collection> {
  return new Map(
    resources.map((spec) => {
      const { records = [], owners = [] } = seedData.get(spec.name) ?? {}
      const keys = records.map((r) => keyFieldOf(spec, r))
      const numericIds = keys.filter((id) => typeof id === 'number')
      const collection: Collection = {
        spec,
        records: new Map(records.map((r, i) => [keys[i] ?? i, r])),
        owners: new Map(records.map((_, i) => [keys[i] ?? i, owners[i] ?? ''])),
        snapshots: new Map(),
        nextId: numericIds.reduce((max, id) => Math.max(max, id), 0) + 1,
      }
      return [spec.name, collection]
    }),
  )
}

/** A record's key as the map holds it: `id` unless the spec names another field. */
function keyFieldOf(
  spec: ResourceSpec,
  record: Readonly<Record<string, unknown>>,
): number | string {
  const value = record[spec.key ?? 'id']
  return typeof value === 'number' ? value : String(value)
}

/** The map key for an id as it arrives in a path: `"42"` is the integer id 42, `"042"` is not. */
function keyOf(id: string): number | string {
  const number = Number(id)
  return Number.isSafeInteger(number) && String(number) === id ? number : id
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
