import { createEventStreams, type ListenerPool } from './admin/event-stream.js'
import { createApp } from './app.js'
import { createVirtualClock } from './clock/create-virtual-clock.js'
import { createConductJudge } from './conduct/create-conduct.js'
import { observeConduct } from './conduct/observe-conduct.js'
import { readConfig, toConfig } from './config/load-config.js'
import { inferResources } from './db/infer-resources.js'
import { createDbPersister } from './db/persist-db.js'
import { readDbFile } from './db/read-db-file.js'
import { watchDbFile } from './db/watch-db-file.js'
import { createJournal, FIND_REQUESTS_NOW, type JournalFilter } from './journal/create-journal.js'
import { waitForEntries } from './journal/wait-for-entries.js'
import { createRateLimiter } from './limits/create-rate-limiter.js'
import { rateLimitStatus } from './limits/rate-limit-status.js'
import { createMemoryBudget, type MemoryBudget } from './memory/create-memory-budget.js'
import type { LabelledConductReport, MockApi } from './mock-api.js'
import { modelsOf, whereServed } from './model/model-of-resources.js'
import { summarizeModel } from './openapi/summarize-model.js'
import { buildOpenApiDocument } from './openapi-export/build-openapi-document.js'
import { pointServersAt } from './openapi-export/point-servers-at.js'
import {
  DEFAULT_RATE_LIMIT,
  type MockApiOptions,
  resolveOptions,
  resolveScenarios,
  scenarioLookup,
} from './options.js'
import type { FieldSpec } from './resources/resource-spec.js'
import { createIdempotencyKeys } from './routes/create-idempotency-keys.js'
import { createJsonCache, DEFAULT_JSON_CACHE_ENTRIES } from './routes/create-json-cache.js'
import { createHandlerTable } from './routes/custom-handlers.js'
import { failLikeTheNetwork, type Hanging } from './scenarios/act-fault.js'
import { activate } from './scenarios/activate-scenarios.js'
import { createScenarioCatalog } from './scenarios/create-scenario-catalog.js'
import { createDataAccount } from './sessions/create-data-account.js'
import { createSessions } from './sessions/create-sessions.js'
import { createStore, createStoreSeed, type StoreSeed } from './store/create-store.js'
import { VERSION } from './version.js'

export type { MockApi, MockApiSettings, ResourceSummary } from './mock-api.js'

/**
 * Creates a mock API in-process: no socket, no port, ready at once.
 *
 * @example
 * ```ts
 * import { createMockApi } from '@mockapi-dev/mockapi'
 *
 * const api = createMockApi({ seed: 1 })
 * const res = await api.fetch(new Request('http://mock/users/1'))
 * console.log(res.status, await res.json()) // 200 { id: 1, name: …, email: … }
 * ```
 */
export function createMockApi(
  options: MockApiOptions = {},
  /** @internal How `startMockApi` says the server is reachable from the network. */
  exposure: {
    readonly networked: boolean
    readonly session?: string
    /** The addresses the socket is bound to: always allowed as `Host`. */
    readonly bound?: readonly string[]
    /** The seed data of the instance a session is made from, shared rather than copied. */
    readonly seed?: StoreSeed
    /** The memory budget of the instance a session is made from. */
    readonly budget?: MemoryBudget
    /** Live-log listeners open across the instance and its sessions, which one cap bounds. */
    readonly listeners?: ListenerPool
  } = { networked: false },
): MockApi {
  // A config file is read once: sessions are made from what the instance started with.
  const own =
    options.config === undefined
      ? options
      : {
          ...options,
          config:
            typeof options.config === 'string'
              ? readConfig(options.config)
              : toConfig(options.config),
        }
  const resolved = resolveOptions(own)
  const { rateLimit, auth, seed } = resolved
  // Virtual time: read by every window, period and stamp; `advanceClock` moves it.
  const clock = createVirtualClock(resolved.clock)
  // One budget for the per-client state of the instance and all its sessions.
  const budget = exposure.budget ?? createMemoryBudget(resolved.maxMemory)
  // A session's writes count against it; the instance's own data is the user's, never dropped.
  const data = exposure.session === undefined ? undefined : createDataAccount(budget)
  const storeOptions = { ...resolved, clock, ...(data ? { onWrite: data.onWrite } : {}) }
  const seedData = exposure.seed ?? createStoreSeed(storeOptions)
  const store = createStore(storeOptions, seedData)
  data?.dropWith(() => store.reset())
  // The data file kept in step (`persist`): by the instance only, never by its sessions.
  const persister =
    resolved.persist && resolved.db !== undefined && exposure.session === undefined
      ? createDbPersister({ file: resolved.db, store, onError: reportPersistError(resolved) })
      : undefined
  const unwatchDb =
    resolved.db !== undefined && exposure.session === undefined
      ? watchDbFile({
          file: resolved.db,
          isOwnWrite: () => persister?.isOwnWrite() ?? false,
          reload: () => {
            const fresh = inferResources(readDbFile(resolved.db ?? ''))
            store.reseed(createStoreSeed({ ...storeOptions, resources: fresh }))
            persister?.adopt()
          },
          onError: (error) => (options.onFileError ?? resolved.onUnexpectedError)?.(error),
        })
      : undefined
  const { retryAfter } = resolved
  const limiter = createRateLimiter({
    policy: rateLimit || DEFAULT_RATE_LIMIT,
    clock,
    retryAfterSeconds: retryAfter,
    budget,
  })
  const hanging: Hanging = { held: new Map(), closed: false }
  const idempotencyKeys = createIdempotencyKeys({ clock, budget })
  const jsonCache = createJsonCache(DEFAULT_JSON_CACHE_ENTRIES, budget)
  const journal = createJournal(resolved.journalSize, budget)
  // The client's conduct: judged from what the journal records, bounded like it.
  const judge = createConductJudge(
    resolved.conduct,
    exposure.session,
    (name) => store.resource(name) !== undefined,
  )
  const observer = observeConduct(judge, auth, clock, hanging)
  const conduct = () => judge.report(clock.now(), observer.openHangs())
  // Sessions dropped for idleness keep their findings in the report, the latest few.
  const dropped: LabelledConductReport[] = []
  // The control page's live logs: closing the instance ends them.
  const listeners = exposure.listeners ?? { open: 0 }
  const events = createEventStreams({ maxListeners: resolved.maxEventListeners, pool: listeners })
  let maintenance = resolved.maintenance
  let active = activate(resolved.scenarios, { clock, seed })
  const policy = () => (active.rateLimit === undefined ? rateLimit : active.rateLimit)
  const inMaintenance = () => maintenance || active.maintenance
  const adminToken = resolved.adminToken ?? (exposure.networked ? 'locked' : undefined)
  // The instance itself, for the admin routes, which are made before it.
  let self: MockApi | undefined
  const instance = (): MockApi => {
    if (self === undefined) throw new Error('the admin routes ran before the instance was made')
    return self
  }
  // Each session is an instance of its own, made from the same options; sessions have none.
  const sessions =
    resolved.sessions === false
      ? undefined
      : createSessions(
          // Scenarios as loaded: a session reads no file.
          (id) =>
            createMockApi(
              { ...own, scenarios: resolved.scenarios, sessions: false },
              { ...exposure, session: id, seed: seedData, budget, listeners },
            ),
          resolved.sessions,
          {
            budget,
            onDrop: (id, session) => {
              dropped.push({ ...session.conduct(), session: id })
              if (dropped.length > MAX_DROPPED_REPORTS) dropped.shift()
              void session.close()
            },
          },
        )
  const lookup = scenarioLookup(resolved.scenariosDir)
  const handlers = createHandlerTable(store, resolved.maxBodySize)
  for (const [route, handler] of Object.entries(resolved.handlers)) {
    const [method = '', path = ''] = splitRoute(route)
    handlers.add(method, path, handler)
  }
  const openapi = resolved.model && summarizeModel(resolved.model)
  const models = modelsOf(store, resolved.model)
  const app = createApp({
    store,
    session: sessions && ((id) => sessions.get(id).app),
    admin: {
      version: VERSION,
      token: adminToken,
      instance,
      lookup,
      catalog: createScenarioCatalog(lookup),
      journal,
      events,
    },
    cors: resolved.cors,
    hosts: { allowed: resolved.allowedHosts, bound: exposure.bound ?? [] },
    availability: {
      maintenance: inMaintenance,
      maxInflight: resolved.maxInflight,
      retryAfterSeconds: retryAfter,
    },
    rateLimit: { limiter, policy, auth, clock },
    scenarios: {
      engine: () => active.engine,
      prefer: resolved.prefer,
      rateLimit: () => policy() || DEFAULT_RATE_LIMIT,
      fieldsOf: (name) => fieldsOf(store.resource(name)?.fields),
      hanging,
      retryAfterSeconds: retryAfter,
    },
    auth,
    journal,
    handlers,
    sessionId: exposure.session,
    observer,
    onRequest: resolved.onRequest,
    maxBodySize: resolved.maxBodySize,
    routes: {
      requireIfMatch: resolved.requireIfMatch,
      idempotencyKeys,
      clock,
      jsonCache,
    },
    onUnexpectedError: resolved.onUnexpectedError,
    model: { all: models, document: resolved.model, seed },
  })
  self = {
    app,
    fetch: async (request) => failLikeTheNetwork(request, await app.fetch(request, {})),
    resources: () =>
      store.resources.map(({ name }) => ({
        name,
        ...whereServed(models(), name),
        count: store.count(name),
        workspaces: Object.fromEntries(
          resolved.workspaces.map((w) => [w, auth ? store.count(name, w) : store.count(name)]),
        ),
      })),
    settings: () => ({
      seed,
      cors: resolved.cors,
      allowedHosts: resolved.allowedHosts,
      auth,
      rateLimit: policy(),
      maintenance: inMaintenance(),
      maxInflight: resolved.maxInflight,
      scenarios: active.scenarios,
      prefer: resolved.prefer,
      admin: adminToken === undefined ? 'open' : adminToken === 'locked' ? 'locked' : 'token',
      ...(openapi === undefined ? {} : { openapi }),
    }),
    rateLimits: () => rateLimitStatus(limiter, auth ? auth.tokens : [], policy()),
    handle: (method, path, handler, handlerOptions) => {
      handlers.add(method, path, handler, handlerOptions)
    },
    requests: async (filter) => journal.find(filter),
    waitForRequests: async (filter = {}, wait = {}) => waitForEntries(journal, filter, wait),
    clearRequests: async () => {
      journal.clear()
    },
    conduct,
    resetConduct: async () => {
      judge.clear()
    },
    conductReports: () => [
      { ...conduct(), session: exposure.session ?? null },
      ...(sessions?.entries() ?? []).map(([id, api]) => ({ ...api.conduct(), session: id })),
      ...dropped,
    ],
    reset: async () => {
      clock.reset()
      journal.clear()
      judge.clear()
      store.reset()
      idempotencyKeys.clear()
      limiter.clear()
      active.engine?.reset()
    },
    setMaintenance: async (enabled) => {
      maintenance = enabled
    },
    advanceClock: async (by) => {
      clock.advance(by)
    },
    clock: () => ({ now: new Date(clock.now()).toISOString(), offsetMs: clock.offsetMs }),
    memory: () => ({ usedBytes: budget.usedBytes, maxBytes: budget.maxBytes }),
    useScenarios: async (scenarios) => {
      active = activate(resolveScenarios(scenarios, resolved.scenariosDir), { clock, seed })
    },
    openapi: (serverUrl = 'http://127.0.0.1:4000') =>
      resolved.openapiDocument !== undefined
        ? pointServersAt(resolved.openapiDocument, `${serverUrl}${resolved.model?.basePath ?? ''}`)
        : buildOpenApiDocument({
            resources: store.resources,
            auth,
            rateLimit: policy() !== false,
            requireIfMatch: resolved.requireIfMatch,
            serverUrl,
            version: VERSION,
          }),
    session: (id) => {
      if (sessions === undefined) throw new Error('sessions are off (sessions: false)')
      return sessions.get(id)
    },
    close: async () => {
      unwatchDb?.()
      persister?.close()
      events.close()
      limiter.close()
      data?.close()
      journal.close()
      idempotencyKeys.close()
      jsonCache.close()
      hanging.closed = true
      for (const release of [...hanging.held.keys()]) release()
      await Promise.all((sessions?.all() ?? []).map((session) => session.close()))
    },
  }
  Object.defineProperty(self, FIND_REQUESTS_NOW, {
    value: (filter: JournalFilter) => journal.find(filter),
    enumerable: true,
  })
  return self
}

/** Reports of sessions dropped for idleness kept for the final report. */
const MAX_DROPPED_REPORTS = 100
/** `'POST /auth/login'` → `['POST', '/auth/login']`. */
function splitRoute(route: string): [string, string] {
  const match = /^([A-Za-z]+|\*)\s+(\/\S*)$/.exec(route.trim())
  if (match === null) {
    throw new RangeError(
      `Failed to add the handler ${JSON.stringify(route)}: a handler's key is a method and a path, such as 'POST /auth/login'.`,
    )
  }
  return [match[1] ?? '', match[2] ?? '']
}

/** Required fields first: an injected 400 names the field a client most surely sent. */
function fieldsOf(fields: Readonly<Record<string, FieldSpec>> | undefined): string[] {
  if (fields === undefined) return ['body']
  const names = Object.keys(fields)
  return [...names.filter((n) => fields[n]?.required), ...names.filter((n) => !fields[n]?.required)]
}

/** A failed write of the data file is reported as an unexpected error (the CLI prints it once). */
function reportPersistError(resolved: {
  readonly onUnexpectedError: ((error: unknown) => void) | undefined
}) {
  return (error: unknown) => resolved.onUnexpectedError?.(error)
}
