import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../http/app-env.js'
import { DEFAULT_MAX_BODY_BYTES, readLimited } from '../http/read-json-body.js'
import { mergeHeaders, pendingHeaders, respond } from '../http/respond.js'
import type { ResourceRecord } from '../resources/resource-spec.js'
import { compilePathPattern, type PathPattern, splitPath } from '../scenarios/match-path.js'
import type { Store } from '../store/create-store.js'

/** One resource's records, as a handler reads and writes them: the store the CRUD routes use. */
export interface Collection {
  /** The records visible to the request's token, oldest first; with `where`, those whose fields equal it. */
  list(where?: Readonly<Record<string, unknown>>): ResourceRecord[]
  get(id: string | number): ResourceRecord | undefined
  /** Stores a new record (id and timestamps filled in, fields not validated) and returns it. */
  create(data: Readonly<Record<string, unknown>>): ResourceRecord
  update(id: string | number, patch: Readonly<Record<string, unknown>>): ResourceRecord | undefined
  remove(id: string | number): boolean
}

/** What a handler is given besides the `Request`. */
export interface HandlerContext {
  readonly request: Request
  /** The path's `:name` parameters, decoded. */
  readonly params: Readonly<Record<string, string>>
  /** The instance's resources by name: `collections.tasks.list({ projectId: 1 })`. */
  readonly collections: Readonly<Record<string, Collection>>
}

/**
 * A route written in code: answers a `Response`, or a JSON value (200; `undefined` is 204).
 * The request also carries `params` and `collections`, so `({ request, params }) => …` works too.
 */
export type Handler = (
  request: Request & HandlerContext,
  context: HandlerContext,
) => unknown | Promise<unknown>

/** `handle(…, { auth: false })`: the route takes requests without a token (a login endpoint). */
export interface HandlerOptions {
  readonly auth?: boolean
}

interface Entry {
  readonly method: string
  readonly pattern: PathPattern
  readonly handler: Handler
  readonly open: boolean
}

export interface HandlerTable {
  /** Adds a route, or replaces the one of the same method and path. */
  add(method: string, path: string, handler: Handler, options?: HandlerOptions): void
  /** Whether the request goes to a route opened with `auth: false`. */
  isOpen(c: Context<AppEnv>): boolean
  /** The pipeline stage: a matching handler answers, anything else goes on to the resources. */
  readonly middleware: MiddlewareHandler<AppEnv>
}

/**
 * Routes written in code (`api.handle`, the `handlers` option), matched before the resource
 * routes, after every check: scenarios, maintenance, limits and tokens apply to them as to any
 * route, and the journal records them. Paths are patterns such as `/projects/:id/summary`.
 *
 * @example
 * const table = createHandlerTable(store)
 * table.add('POST', '/auth/login', () => ({ token: 'dev-token' }), { auth: false })
 */
export function createHandlerTable(
  store: Store,
  maxBodySize: number = DEFAULT_MAX_BODY_BYTES,
): HandlerTable {
  const entries: Entry[] = []
  const find = (c: Context<AppEnv>) => {
    const segments = splitPath(c.req.path.replace(/(.)\/+$/, '$1'))
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method
    for (const entry of entries) {
      if (entry.method !== method && entry.method !== '*') continue
      const params = entry.pattern.exec(segments)
      if (params !== undefined) return { entry, params: decode(params) }
    }
    return undefined
  }
  return {
    add(method, path, handler, options = {}) {
      const upper = method.toUpperCase()
      const pattern = compilePathPattern(path)
      const index = entries.findIndex((e) => e.method === upper && e.pattern.pattern === path)
      const entry = { method: upper, pattern, handler, open: options.auth === false }
      if (index === -1) entries.push(entry)
      else entries[index] = entry
    },
    isOpen: (c) => entries.length > 0 && find(c)?.entry.open === true,
    middleware: function customHandlers(c, next) {
      const found = entries.length === 0 ? undefined : find(c)
      if (found === undefined) return next()
      return answerWith(c, found)
    },
  }

  async function answerWith(c: Context<AppEnv>, found: NonNullable<ReturnType<typeof find>>) {
    const context: HandlerContext = {
      request: await requestOf(c, maxBodySize),
      params: found.params,
      collections: collectionsOf(store, c.get('token')?.workspace),
    }
    const request = Object.assign(context.request, context)
    return answer(c, await found.entry.handler(request, context))
  }
}

/**
 * The handler's own copy of the request, its body read up to the limit (413 past it): the
 * journal and the handler both see the body, and a handler may read it as it likes.
 */
async function requestOf(c: Context<AppEnv>, maxBodySize: number): Promise<Request> {
  const { method, url } = c.req
  const raw = c.req.raw
  if (method === 'GET' || method === 'HEAD') return new Request(url, raw)
  const bytes = await readLimited(c, maxBodySize)
  return new Request(url, {
    method,
    headers: raw.headers,
    body: bytes.byteLength === 0 ? null : new Blob([bytes as Uint8Array<ArrayBuffer>]),
    signal: raw.signal,
  })
}

function answer(c: Context<AppEnv>, result: unknown): Response {
  if (result === undefined) return respond(c, null, 204)
  if (!(result instanceof Response)) return respond(c, result, 200)
  // The pipeline's headers (CORS, rate limit) go onto the handler's own response too.
  const headers = mergeHeaders(pendingHeaders(c), Object.fromEntries(result.headers))
  return new Response(result.body, { status: result.status, headers })
}

function collectionsOf(store: Store, scope: string | undefined): Record<string, Collection> {
  const collections: Record<string, Collection> = {}
  for (const { name } of store.resources) {
    collections[name] = {
      list: (where = {}) =>
        store
          .list(
            name,
            { page: 1, perPage: Number.MAX_SAFE_INTEGER, filters: [], q: undefined, sort: [] },
            scope,
          )
          .items.filter((record) => Object.entries(where).every(([k, v]) => record[k] === v)),
      get: (id) => store.get(name, String(id), scope),
      create: (data) => store.create(name, data, scope),
      update: (id, patch) => store.update(name, String(id), patch, scope),
      remove: (id) => store.remove(name, String(id), scope),
    }
  }
  return collections
}

function decode(params: Record<string, string>): Record<string, string> {
  const decoded: Record<string, string> = {}
  for (const [name, value] of Object.entries(params)) {
    try {
      decoded[name] = decodeURIComponent(value)
    } catch {
      decoded[name] = value
    }
  }
  return decoded
}
