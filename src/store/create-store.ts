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
  remove(name: string, id: string, scope?: string): boolean
  /**
   * The record's version: `"<generation>.<n>"`, where n counts the writes to this record (1 as
   * seeded or created) and the generation counts `reset`s. A strong validator that costs no hash.
   */
  version(record: ResourceRecord): string
  /** How many times `reset` has run: versions of records restored by it start a new generation. */
  readonly generation: number
  /** The collection's version in `scope`: it changes with every write to the collection. */
  listVersion(name: string, scope?: string): string
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
  /** Writes to the collection since it was filled. */
  writes: number
}

/** Creates a store filled with the seed data of `options.resources`. */
export function createStore(options: StoreOptions): Store {
  const { resources, clock } = options
  const seedData = generateRecords(resources, options)
  const specs = new Map(resources.map((spec) => [spec.name, spec]))
  const defaultScope = options.workspaces?.[0] ?? ''
  let collections = fill(resources, seedData)
  // Records are immutable, so a record object's version never changes: kept beside it, not in it.
  const versions = new WeakMap<ResourceRecord, number>()
  let generation = 0

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
          scope === undefined ? rows : rows.filter((r) => target.owners.get(r.id) === scope),
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
      const now = new Date(clock.now()).toISOString()
      const record = {
        id: target.nextId++,
        ...nullsForAbsent(target.spec, data),
        createdAt: now,
        updatedAt: now,
      }
      target.records.set(record.id, record)
      target.owners.set(record.id, scope ?? defaultScope)
      written(target)
      return record
    },
    update(name, id, patch, scope) {
      const target = collection(name)
      const current = visible(target, id, scope)
      if (!current) return undefined
      const record = { ...current, ...patch, id: current.id, updatedAt: nextStamp(current, clock) }
      target.records.set(current.id, record)
      versions.set(record, (versions.get(current) ?? 1) + 1)
      written(target)
      return record
    },
    remove(name, id, scope) {
      const target = collection(name)
      const current = visible(target, id, scope)
      if (!current) return false
      target.records.delete(current.id)
      target.owners.delete(current.id)
      written(target)
      return true
    },
    get generation() {
      return generation
    },
    version: (record) => `${generation}.${versions.get(record) ?? 1}`,
    listVersion(name, scope) {
      const writes = collections.get(name)?.writes ?? 0
      return `${generation}.${writes}${scope === undefined ? '' : `.${scopeTag(scope)}`}`
    },
    reset() {
      generation += 1
      collections = fill(resources, seedData)
    },
  }
}

function written(target: Collection): void {
  target.writes += 1
  target.snapshots.clear()
}

/** A workspace name as a short tag safe inside a quoted ETag (FNV-1a, base 36). */
function scopeTag(scope: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < scope.length; i++) hash = Math.imul(hash ^ scope.charCodeAt(i), 0x01000193)
  return (hash >>> 0).toString(36)
}

function fill(
  resources: readonly ResourceSpec[],
  seedData: Map<string, SeedData>,
): Map<string, Collection> {
  return new Map(
    resources.map((spec) => {
      const { records = [], owners = [] } = seedData.get(spec.name) ?? {}
      const numericIds = records.map((r) => r.id).filter((id) => typeof id === 'number')
      const collection: Collection = {
        spec,
        records: new Map(records.map((r) => [r.id, r])),
        owners: new Map(records.map((r, i) => [r.id, owners[i] ?? ''])),
        snapshots: new Map(),
        writes: 0,
        nextId: numericIds.reduce((max, id) => Math.max(max, id), 0) + 1,
      }
      return [spec.name, collection]
    }),
  )
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
