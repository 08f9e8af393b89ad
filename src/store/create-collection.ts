import type { ResourceRecord, ResourceSpec } from '../resources/resource-spec.js'
import { createSnapshot, type Snapshot } from './create-snapshot.js'
import type { SeedData } from './generate-records.js'

/** Records are keyed by the id itself: numbers as numbers (no string per record), others as strings. */
export type RecordKey = number | string

/**
 * A resource's seed records, made once and never changed: every store made from the same seed
 * (an instance and all its sessions) reads them, and shares the list snapshots made of them.
 */
export interface SeedCollection {
  readonly spec: ResourceSpec
  readonly records: ReadonlyMap<RecordKey, ResourceRecord>
  readonly owners: ReadonlyMap<RecordKey, string>
  /** Snapshots of the unchanged records per scope, made on first list. */
  readonly snapshots: Map<string | undefined, Snapshot<ResourceRecord>>
  /** Records per scope, counted on first ask. */
  readonly counts: Map<string, number>
  readonly nextId: number
}

/** One store's view of a resource: the seed records with this store's own changes over them. */
export interface Collection {
  readonly spec: ResourceSpec
  get(key: RecordKey): ResourceRecord | undefined
  ownerOf(key: RecordKey): string | undefined
  /** Stores a new or changed record; `owner` for a new one. */
  set(record: ResourceRecord, owner?: string): void
  delete(key: RecordKey): void
  count(scope: string | undefined): number
  snapshot(scope: string | undefined): Snapshot<ResourceRecord>
  takeId(): number
  /** How many records this store changed, added or removed. */
  readonly changes: number
}

/** A record's key as the maps hold it: `id` unless the spec names another field. */
export function keyFieldOf(
  spec: ResourceSpec,
  record: Readonly<Record<string, unknown>>,
): RecordKey {
  const value = record[spec.key ?? 'id']
  return typeof value === 'number' ? value : String(value)
}

export function seedCollection(spec: ResourceSpec, data: SeedData | undefined): SeedCollection {
  const { records = [], owners = [] } = data ?? {}
  const keys = records.map((r) => keyFieldOf(spec, r))
  const numericIds = keys.filter((id) => typeof id === 'number')
  return {
    spec,
    records: new Map(records.map((r, i) => [keys[i] ?? i, r])),
    owners: new Map(records.map((_, i) => [keys[i] ?? i, owners[i] ?? ''])),
    snapshots: new Map(),
    counts: new Map(),
    nextId: numericIds.reduce((max, id) => Math.max(max, id), 0) + 1,
  }
}

/**
 * A copy-on-write collection over `seed`: made in O(1), it costs what it changes. A changed record
 * keeps its place; a removed one is `null` here; new ones follow the seed records in order.
 */
export function createCollection(seed: SeedCollection, defaultOwner = ''): Collection {
  const changed = new Map<RecordKey, ResourceRecord | null>()
  const newOwners = new Map<RecordKey, string>()
  // Made from the merged records once this store has changed any; dropped on every write.
  const snapshots = new Map<string | undefined, Snapshot<ResourceRecord>>()
  let nextId = seed.nextId
  const { spec } = seed
  // New records of the default owner are not listed: most writes add no entry here.
  const ownerOf = (key: RecordKey) =>
    newOwners.get(key) ??
    seed.owners.get(key) ??
    (changed.get(key) !== undefined && changed.get(key) !== null ? defaultOwner : undefined)
  const get = (key: RecordKey) => {
    const own = changed.get(key)
    return own === undefined ? seed.records.get(key) : (own ?? undefined)
  }
  return {
    spec: seed.spec,
    get,
    ownerOf,
    set(record, owner) {
      const key = keyFieldOf(spec, record)
      // A key the client chose (an OpenAPI collection's) keeps later generated ones clear of it.
      if (typeof key === 'number') nextId = Math.max(nextId, key + 1)
      if (owner !== undefined && owner !== defaultOwner && !seed.records.has(key)) {
        newOwners.set(key, owner)
      }
      changed.set(key, record)
      snapshots.clear()
    },
    delete(key) {
      if (seed.records.has(key)) changed.set(key, null)
      else {
        changed.delete(key)
        newOwners.delete(key)
      }
      snapshots.clear()
    },
    count(scope) {
      let count = seedCount(seed, scope)
      for (const [key, own] of changed) {
        const inSeed = seed.records.has(key)
        if (inSeed === (own !== null) || (scope !== undefined && ownerOf(key) !== scope)) continue
        count += inSeed ? -1 : 1
      }
      return count
    },
    snapshot(scope) {
      const cache = changed.size === 0 ? seed.snapshots : snapshots
      let snapshot = cache.get(scope)
      if (!snapshot) {
        const rows = changed.size === 0 ? [...seed.records.values()] : merged()
        snapshot = createSnapshot(
          scope === undefined ? rows : rows.filter((r) => ownerOf(keyFieldOf(spec, r)) === scope),
        )
        cache.set(scope, snapshot)
      }
      return snapshot
    },
    takeId: () => nextId++,
    get changes() {
      return changed.size
    },
  }

  function merged(): ResourceRecord[] {
    const rows: ResourceRecord[] = []
    for (const [key, record] of seed.records) {
      const own = changed.get(key)
      if (own === undefined) rows.push(record)
      else if (own !== null) rows.push(own)
    }
    for (const [key, own] of changed) if (own !== null && !seed.records.has(key)) rows.push(own)
    return rows
  }
}

function seedCount(seed: SeedCollection, scope: string | undefined): number {
  if (scope === undefined) return seed.records.size
  let count = seed.counts.get(scope)
  if (count === undefined) {
    count = 0
    for (const owner of seed.owners.values()) if (owner === scope) count += 1
    seed.counts.set(scope, count)
  }
  return count
}
