import { createEventStreams } from './admin/event-stream.js'
import { createApp } from './app.js'
import { createVirtualClock } from './clock/create-virtual-clock.js'
import { readConfig } from './config/load-config.js'
import { createJournal } from './journal/create-journal.js'
import { createRateLimiter } from './limits/create-rate-limiter.js'
import { rateLimitStatus } from './limits/rate-limit-status.js'
import type { MockApi } from './mock-api.js'
import { summarizeModel } from './openapi/summarize-model.js'
import {
  DEFAULT_RATE_LIMIT,
  type MockApiOptions,
  resolveOptions,
  resolveScenarios,
  scenarioLookup,
} from './options.js'
import type { FieldSpec } from './resources/resource-spec.js'
import { failLikeTheNetwork, type Hanging } from './scenarios/act-fault.js'
import { activate } from './scenarios/activate-scenarios.js'
import { createSessions } from './sessions/create-sessions.js'
import { createStore } from './store/create-store.js'
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
  exposure: { readonly networked: boolean; readonly session?: string } = { networked: false },
): MockApi {
  // A config file is read once: sessions are made from what the instance started with.
  const own =
    typeof options.config === 'string'
      ? { ...options, config: readConfig(options.config) }
      : options
  const resolved = resolveOptions(own)
  const { rateLimit, auth, seed } = resolved
  // Virtual time: read by every window, period and stamp; `advanceClock` moves it.
  const clock = createVirtualClock(resolved.clock)
  const store = createStore({ ...resolved, clock })
  const limiter = createRateLimiter({ policy: rateLimit || DEFAULT_RATE_LIMIT, clock })
  const hanging: Hanging = new Set()
  const journal = createJournal(resolved.journalSize)
  // The control page's live logs: closing the instance ends them.
  const events = createEventStreams()
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
          (id) => createMockApi({ ...own, sessions: false }, { ...exposure, session: id }),
          resolved.sessions,
        )
  const lookup = scenarioLookup(resolved.scenariosDir)
  const openapi = resolved.model && summarizeModel(resolved.model)
  const app = createApp({
    store,
    session: sessions && ((id) => sessions.get(id).app),
    admin: { version: VERSION, token: adminToken, instance, lookup, journal, events },
    cors: resolved.cors,
    availability: {
      maintenance: inMaintenance,
      maxInflight: resolved.maxInflight,
    },
    rateLimit: { limiter, policy, auth, clock },
    scenarios: {
      engine: () => active.engine,
      prefer: resolved.prefer,
      rateLimit: () => policy() || DEFAULT_RATE_LIMIT,
      fieldsOf: (name) => fieldsOf(store.resource(name)?.fields),
      hanging,
    },
    auth,
    journal,
    sessionId: exposure.session,
    onRequest: resolved.onRequest,
    maxBodySize: resolved.maxBodySize,
    onUnexpectedError: resolved.onUnexpectedError,
    model: resolved.model && { api: resolved.model, seed },
  })
  self = {
    app,
    fetch: async (request) => failLikeTheNetwork(request, await app.fetch(request, {})),
    resources: () =>
      store.resources.map(({ name }) => ({
        name,
        count: store.count(name),
        workspaces: Object.fromEntries(
          resolved.workspaces.map((w) => [w, auth ? store.count(name, w) : store.count(name)]),
        ),
      })),
    settings: () => ({
      seed,
      cors: resolved.cors,
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
    requests: async (filter) => journal.find(filter),
    clearRequests: async () => {
      journal.clear()
    },
    reset: async () => {
      clock.reset()
      journal.clear()
      store.reset()
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
    useScenarios: async (scenarios) => {
      active = activate(resolveScenarios(scenarios, resolved.scenariosDir), { clock, seed })
    },
    session: (id) => {
      if (sessions === undefined) throw new Error('sessions are off (sessions: false)')
      return sessions.get(id)
    },
    close: async () => {
      events.close()
      for (const release of [...hanging]) release()
      await Promise.all((sessions?.all() ?? []).map((session) => session.close()))
    },
  }
  return self
}

/** Required fields first: an injected 400 names the field a client most surely sent. */
function fieldsOf(fields: Readonly<Record<string, FieldSpec>> | undefined): string[] {
  if (fields === undefined) return ['body']
  const names = Object.keys(fields)
  return [...names.filter((n) => fields[n]?.required), ...names.filter((n) => !fields[n]?.required)]
}
