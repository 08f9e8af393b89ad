import { closeSync, fsyncSync, openSync, renameSync, statSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { ResourceRecord } from '../resources/resource-spec.js'
import type { Store } from '../store/create-store.js'

export interface DbPersister {
  /** Writes now if anything changed since the last write. */
  flush(): void
  /** Whether the file on disk is the one this instance last wrote (so a watcher ignores it). */
  isOwnWrite(): boolean
  /** Takes the store's data as written (it was just read from the file). */
  adopt(): void
  /** The last write, then no more. */
  close(): void
}

export interface PersistOptions {
  readonly file: string
  readonly store: Store
  /** How often changes are looked for and written, at most; default 100 ms. */
  readonly debounceMs?: number
  /** Told when a write fails: the data stays served, and the next change tries again. */
  readonly onError?: (error: unknown) => void
}

const ALL = { page: 1, perPage: Number.MAX_SAFE_INTEGER, filters: [], q: undefined, sort: [] }

/**
 * Keeps a db.json in step with the store: at most one write per `debounceMs`, and one on close,
 * each atomic — the JSON goes to a temporary file beside the data file, is flushed to disk, then
 * renamed over it — so a kill at any moment leaves either the old file or the new one.
 */
export function createDbPersister(options: PersistOptions): DbPersister {
  const { file, store } = options
  let written = versionOf(store)
  let ownStamp: string | undefined
  const timer = setInterval(() => flush(), options.debounceMs ?? 100)
  timer.unref()

  function flush() {
    const version = versionOf(store)
    if (version === written) return
    try {
      writeAtomically(file, `${JSON.stringify(dumpStore(store), null, 2)}\n`)
      written = version
      ownStamp = stampOf(file)
    } catch (error) {
      options.onError?.(error)
    }
  }

  return {
    flush,
    adopt: () => {
      written = versionOf(store)
    },
    isOwnWrite: () => ownStamp !== undefined && stampOf(file) === ownStamp,
    close() {
      clearInterval(timer)
      flush()
    },
  }
}

/** The store's data as a db.json: collections as arrays in order, singular resources as objects. */
export function dumpStore(store: Store): Record<string, unknown> {
  const data: Record<string, unknown> = {}
  for (const spec of store.resources) {
    if (spec.singular === true) {
      const record: Readonly<Record<string, unknown>> = store.get(spec.name, 'undefined') ?? {}
      const { [spec.key ?? 'id']: _key, ...object } = record
      data[spec.name] = object
    } else data[spec.name] = store.list(spec.name, ALL).items satisfies readonly ResourceRecord[]
  }
  return data
}

function versionOf(store: Store): string {
  return `${store.generation}:${store.resources.map((r) => store.listVersion(r.name)).join(',')}`
}

function writeAtomically(file: string, text: string): void {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`)
  const fd = openSync(temporary, 'w')
  try {
    writeSync(fd, text)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temporary, file)
}

function stampOf(file: string): string | undefined {
  try {
    const { mtimeMs, size, ino } = statSync(file)
    return `${mtimeMs}:${size}:${ino}`
  } catch {
    return undefined
  }
}
