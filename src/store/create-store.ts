import type { Clock } from '../clock/clock.js'
import { stringBytes } from '../memory/create-memory-budget.js'
import type { ResourceRecord, ResourceSpec } from '../resources/resource-spec.js'
import {
  type Collection,
  createCollection,
  keyFieldOf,
  type SeedCollection,
  seedCollection,
} from './create-collection.js'
import { generateRecords } from './generate-records.js'
import { hashName } from './hash-name.js'
import type { ListQuery } from './list-query.js'
import { newKey } from './new-key.js'
import { type QueryResult, querySnapshot } from './query-records.js'

export interface StoreOptions {
  readonly resources: readonly ResourceSpec[]
  readonly seed: number
  readonly count: number
  readonly clock: Clock
  /** Workspaces that get their own seed records; default one, and then every read sees all. */
  readonly workspaces?: readonly string[]
  /**
   * Told how many bytes this store's own changes grew (or shrank, negative) by on each write and
   * on reset: a session's data counts against the memory budget.
   */
  readonly onWrite?: (bytes: number) => void
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
  /**
   * The record's version: `"<generation>.<n>"`, where n counts the writes to this record (1 as
   * seeded or created) and the generation counts `reset`s. A strong validator that costs no hash.
   */
  version(record: ResourceRecord): string
  /** How many times `reset` has run: versions of records restored by it start a new generation. */
  readonly generation: number
  /** The collection's version in `scope`: it changes with every write to the collection. */
  listVersion(name: string, scope?: string): string
  /**
   * When the record was last written, on the store's clock (ms): its create or latest write, or
   * when the store was filled for a seeded one. Kept beside the record, for records without stamps.
   */
  modifiedAt(record: ResourceRecord): number
  /** Back to the seed data. */
  reset(): void
  /**
   * Serves `seed`'s resources and records from now on, in place of the data the store was made
   * with (a data file edited while served); `reset` then goes back to them.
   */
  reseed(seed: StoreSeed): void
}

/** The seed data of a set of resources, made once and shared by every store made from it. */
export interface StoreSeed {
  readonly collections: ReadonlyMap<string, SeedCollection>
}

/**
 * Generates the seed records of `options.resources`. The same options give the same data, so an
 * instance's sessions share its seed instead of each generating a copy.
 */
export function createStoreSeed(options: Omit<StoreOptions, 'clock'>): StoreSeed {
  const seedData = generateRecords(options.resources, options)
  return {
    collections: new Map(
      options.resources.map((spec) => [spec.name, seedCollection(spec, seedData.get(spec.name))]),
    ),
  }
}

/**
 * Creates a store filled with the seed data of `options.resources`, or over `seed` when given: that
 * is O(1) in time and memory, as a store only keeps what it changes.
 */
export function createStore(options: StoreOptions, initial = createStoreSeed(options)): Store {
  const { clock } = options
  let seed = initial
  let resources = options.resources
  let specs = new Map(resources.map((spec) => [spec.name, spec]))
  const defaultScope = options.workspaces?.[0] ?? ''
  let collections = fill(seed, defaultScope)
  // Records are immutable, so a record object's version never changes: kept beside it, not in it.
  const versions = new WeakMap<ResourceRecord, number>()
  const modified = new WeakMap<ResourceRecord, number>()
  let filledAt = clock.now()
  let generation = 0
  // Writes to each collection since it was filled: the version of its lists.
  let writes = new Map<string, number>()
  const written = (name: string) => writes.set(name, (writes.get(name) ?? 0) + 1)
  // What each changed record costs, by resource and id; only kept when someone counts.
  const costs = options.onWrite && new Map<string, number>()
  const count = (name: string, id: unknown, record: ResourceRecord | undefined) => {
    if (!costs || !options.onWrite) return
    const key = `${name}\u0000${String(id)}`
    const cost =
      record === undefined ? TOMBSTONE_BYTES : RECORD_BYTES + stringBytes(JSON.stringify(record))
    options.onWrite(cost - (costs.get(key) ?? 0))
    costs.set(key, cost)
  }

  function collection(name: string): Collection {
    const found = collections.get(name)
    if (!found) throw new Error(`Failed to use resource "${name}": it does not exist.`)
    return found
  }

  function visible(target: Collection, id: string, scope: string | undefined) {
    // `"1"` is the integer 1, or the string id "1" of a collection whose ids are strings.
    const number = keyOf(id)
    const key = typeof number === 'number' && target.get(number) === undefined ? id : number
    const record = target.get(key)
    if (!record || (scope !== undefined && target.ownerOf(key) !== scope)) return undefined
    return record
  }

  function stamped(target: Collection, data: Readonly<Record<string, unknown>>) {
    const now = isoTime(clock.now())
    const record: Record<string, unknown> = { id: target.takeId() }
    copyFields(target.spec, data, record)
    record.createdAt = now
    record.updatedAt = now
    return record
  }

  // A record made by its reader keeps its key; one a client posts (a db.json's) gets a new one.
  function keyed(target: Collection, data: Readonly<Record<string, unknown>>) {
    const field = target.spec.key ?? 'id'
    if (Object.hasOwn(data, field)) return { ...data }
    return { [field]: newKey(target, options.seed), ...data }
  }

  /** Writes `next` in place of `current`: the key never changes, `updatedAt` always moves. */
  function store(
    name: string,
    target: Collection,
    current: ResourceRecord,
    next: Record<string, unknown>,
  ) {
    const keyField = target.spec.key ?? 'id'
    const record = { ...next, [keyField]: current[keyField] } as ResourceRecord
    if (target.spec.stamps !== false) {
      Object.assign(record, { id: current.id, updatedAt: nextStamp(current, clock) })
    }
    target.set(record)
    versions.set(record, (versions.get(current) ?? 1) + 1)
    // Stamped records say when they changed (`updatedAt`); the others' time is kept beside them.
    if (target.spec.stamps === false) modified.set(record, clock.now())
    count(name, keyFieldOf(target.spec, record), record)
    written(name)
    return record
  }

  return {
    get resources() {
      return resources
    },
    resource: (name) => specs.get(name),
    count: (name, scope) => collections.get(name)?.count(scope) ?? 0,
    list(name, query, scope) {
      const target = collection(name)
      return querySnapshot(target.snapshot(scope), query, target.spec)
    },
    get: (name, id, scope) => {
      const target = collections.get(name)
      return target && visible(target, id, scope)
    },
    create(name, data, scope) {
      const target = collection(name)
      const record = target.spec.stamps === false ? keyed(target, data) : stamped(target, data)
      const key = keyFieldOf(target.spec, record as ResourceRecord)
      target.set(record as ResourceRecord, scope ?? defaultScope)
      if (target.spec.stamps === false) modified.set(record as ResourceRecord, clock.now())
      count(name, key, record as ResourceRecord)
      written(name)
      return record as ResourceRecord
    },
    update(name, id, patch, scope) {
      const target = collection(name)
      const current = visible(target, id, scope)
      if (!current) return undefined
      return store(name, target, current, { ...current, ...patch })
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
      const fields: Record<string, unknown> = {}
      copyFields(target.spec, data, fields)
      return store(name, target, current, { ...fields, ...kept })
    },
    remove(name, id, scope) {
      const target = collection(name)
      const current = visible(target, id, scope)
      if (!current) return false
      const key = keyFieldOf(target.spec, current)
      target.delete(key)
      count(name, key, undefined)
      written(name)
      return true
    },
    get generation() {
      return generation
    },
    version: (record) => `${generation}.${versions.get(record) ?? 1}`,
    listVersion(name, scope) {
      const count = writes.get(name) ?? 0
      return `${generation}.${count}${scope === undefined ? '' : `.${scopeTag(scope)}`}`
    },
    modifiedAt: (record) => modified.get(record) ?? filledAt,
    reseed(next) {
      seed = next
      resources = [...next.collections.values()].map((c) => c.spec)
      specs = new Map(resources.map((spec) => [spec.name, spec]))
      this.reset()
    },
    reset() {
      generation += 1
      writes = new Map()
      filledAt = clock.now()
      collections = fill(seed, defaultScope)
      if (!costs) return
      let total = 0
      for (const cost of costs.values()) total += cost
      costs.clear()
      options.onWrite?.(-total)
    },
  }
}

/** A workspace name as a short tag safe inside a quoted ETag (base 36). */
function scopeTag(scope: string): string {
  return hashName(scope).toString(36)
}

// A stored record beside its JSON text: the Map entries and objects that hold it.
const RECORD_BYTES = 200
// A removed seed record is remembered as removed.
const TOMBSTONE_BYTES = 100

function fill(seed: StoreSeed, defaultOwner: string): Map<string, Collection> {
  return new Map(
    [...seed.collections].map(([name, base]) => [name, createCollection(base, defaultOwner)]),
  )
}

/** The map key for an id as it arrives in a path: `"42"` is the integer id 42, `"042"` is not. */
function keyOf(id: string): number | string {
  const number = Number(id)
  return Number.isSafeInteger(number) && String(number) === id ? number : id
}

// Clients expect every declared nullable field in the answer; absent means null, as a real API says.
function copyFields(
  spec: ResourceSpec,
  data: Readonly<Record<string, unknown>>,
  record: Record<string, unknown>,
): void {
  for (const name in spec.fields) {
    if (Object.hasOwn(data, name)) record[name] = data[name]
    else if (spec.fields[name]?.nullable) record[name] = null
  }
}

// The last time written: records created in the same millisecond share the string.
let lastIso = { ms: Number.NaN, text: '' }

function isoTime(ms: number): string {
  if (ms !== lastIso.ms) lastIso = { ms, text: new Date(ms).toISOString() }
  return lastIso.text
}

// `updatedAt` must move on every write, even two writes within one millisecond.
function nextStamp(current: ResourceRecord, clock: Clock): string {
  const previous = Date.parse(String(current.updatedAt))
  const now = clock.now()
  return new Date(Number.isNaN(previous) ? now : Math.max(now, previous + 1)).toISOString()
}
