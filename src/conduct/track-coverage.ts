import type { ConductEvent } from './conduct-event.js'
import { ERROR_PATHS, type ErrorPath, HOW_TO_MEET } from './conduct-rules.js'

/** One route the client used, what it met there, and which error paths it never met. */
export interface CoverageRow {
  readonly method: string
  /** The path template: `/users`, `/users/:id`. */
  readonly route: string
  readonly requests: number
  /** Each status (or fault, or `latency`) met, and how often naturally and injected. */
  readonly met: readonly { outcome: string; natural: number; injected: number }[]
  /** The error paths never met, each with the scenario or `Prefer` that makes it happen. */
  readonly missing: readonly { outcome: ErrorPath; how: string }[]
}

export interface Coverage {
  add(event: ConductEvent): void
  /** `add` for a success, neither injected nor faulted: what the event would have said. */
  count(method: string, path: string, status: number, late: boolean): void
  rows(): CoverageRow[]
  clear(): void
}

/** Routes tracked per instance: more are not counted, so memory stays bounded. */
const MAX_ROUTES = 200
/** Paths remembered per method on the way to their route; the cache starts afresh when full. */
const MAX_PATHS = 2000

interface Row {
  readonly key: string
  requests: number
  readonly met: Map<string, [number, number]>
}

/**
 * Error-path coverage: per route (method and path template) the outcomes met. Only routes whose
 * first segment is a resource (or `/`) are counted, so made-up paths cannot grow the table. A
 * request costs two map lookups once its path has been seen.
 */
export function createCoverage(isResource: (name: string) => boolean): Coverage {
  const routes = new Map<string, Row>()
  // method → path → its route's row (null: not a resource route).
  const paths = new Map<string, Map<string, Row | null>>()
  const rowFor = (method: string, path: string): Row | null => {
    let byPath = paths.get(method)
    if (byPath === undefined) {
      byPath = new Map()
      paths.set(method, byPath)
    }
    let row = byPath.get(path)
    if (row !== undefined) return row
    const route = templateOf(path, isResource)
    const key = `${method} ${route}`
    row = route === undefined ? null : (routes.get(key) ?? null)
    if (route !== undefined && row === null && routes.size < MAX_ROUTES) {
      row = { key, requests: 0, met: new Map() }
      routes.set(key, row)
    }
    if (byPath.size >= MAX_PATHS) byPath.clear()
    byPath.set(path, row)
    return row
  }
  return {
    add(event) {
      const row = rowFor(event.method, event.path)
      if (row === null) return
      row.requests += 1
      count(row.met, outcomeOf(event), event.injected || event.fault !== undefined)
      if (event.late) count(row.met, 'latency', event.injected)
    },
    count(method, path, status, late) {
      const row = rowFor(method, path)
      if (row === null) return
      row.requests += 1
      count(row.met, STATUS_NAMES[status] ?? String(status), false)
      if (late) count(row.met, 'latency', false)
    },
    rows: () => [...routes.values()].map(rowOf),
    clear: () => {
      routes.clear()
      paths.clear()
    },
  }
}

function count(met: Map<string, [number, number]>, outcome: string, injected: boolean): void {
  let counts = met.get(outcome)
  if (counts === undefined) {
    counts = [0, 0]
    met.set(outcome, counts)
  }
  counts[injected ? 1 : 0] += 1
}

// Status names made once: `String(200)` on every request costs a string each time.
const STATUS_NAMES: string[] = Array.from({ length: 600 }, (_, status) => String(status))

function outcomeOf(event: ConductEvent): string {
  if (event.fault !== undefined && event.fault !== 'malformed' && event.fault !== 'drip') {
    return event.fault
  }
  return event.fault ?? STATUS_NAMES[event.status] ?? String(event.status)
}

function rowOf(row: Row): CoverageRow {
  const { key } = row
  const space = key.indexOf(' ')
  const met = [...row.met]
    .map(([outcome, [natural, injected]]) => ({ outcome, natural, injected }))
    .sort((a, b) => a.outcome.localeCompare(b.outcome))
  const missing = ERROR_PATHS.filter((path) => !row.met.has(path)).map((outcome) => ({
    outcome,
    how: HOW_TO_MEET[outcome],
  }))
  return {
    method: key.slice(0, space),
    route: key.slice(space + 1),
    requests: row.requests,
    met,
    missing,
  }
}

/** `/users/7` → `/users/:id`; undefined for a path whose first segment is no resource. */
export function templateOf(
  path: string,
  isResource: (name: string) => boolean,
): string | undefined {
  if (path === '/' || path === '') return '/'
  const second = path.indexOf('/', 1)
  const name = second === -1 ? path.slice(1) : path.slice(1, second)
  if (!isResource(name)) return undefined
  if (second === -1 || second === path.length - 1) return `/${name}`
  return path.indexOf('/', second + 1) === -1 ? `/${name}/:id` : `/${name}/:id/*`
}
