import type { Hono } from 'hono'
import { createApp } from './app.js'
import type { AuthOptions } from './auth/token-spec.js'
import type { Clock } from './clock/clock.js'
import type { AppEnv } from './http/app-env.js'
import type { CorsOption } from './http/cors.js'
import { createJournal, type JournalEntry, type JournalFilter } from './journal/create-journal.js'
import { createRateLimiter } from './limits/create-rate-limiter.js'
import type { RateLimitPolicy } from './limits/parse-rate-limit.js'
import {
  DEFAULT_RATE_LIMIT,
  type MockApiOptions,
  resolveOptions,
  resolveScenarios,
  type ScenarioInput,
} from './options.js'
import type { FieldSpec } from './resources/resource-spec.js'
import { failLikeTheNetwork, type Hanging } from './scenarios/act-fault.js'
import { activate } from './scenarios/activate-scenarios.js'
import { parseDuration } from './scenarios/parse-duration.js'
import { listScenarios } from './scenarios/resolve-scenario.js'
import type { Scenario } from './scenarios/scenario-spec.js'
import { createSessions } from './sessions/create-sessions.js'
import { createStore } from './store/create-store.js'
import { VERSION } from './version.js'

/** A resource as the instance serves it now. */
export interface ResourceSummary {
  readonly name: string
  /** Records in every workspace together. */
  readonly count: number
  /** Records per workspace, by workspace name; one entry, `''`, when auth is off. */
  readonly workspaces: Readonly<Record<string, number>>
}

/** What an instance is set to now, for the banner and status pages. */
export interface MockApiSettings {
  readonly seed: number
  readonly cors: CorsOption
  readonly auth: AuthOptions | false
  /** The limit in force: a scenario's while it sets one. */
  readonly rateLimit: RateLimitPolicy | false
  /** Whether maintenance is on: switched on, or by a scenario. */
  readonly maintenance: boolean
  readonly maxInflight: number | undefined
  /** The scenarios in force, in the order they were layered. */
  readonly scenarios: readonly Scenario[]
  /** Whether `Prefer: code=` and `Prefer: delay=` are honoured. */
  readonly prefer: boolean
  /** The admin routes: open, behind a token, or locked (networked with no token). */
  readonly admin: 'open' | 'token' | 'locked'
}

/** One mock API instance: its own data, seed and clock, shared with no other instance. */
export interface MockApi {
  /** Answers a request without a socket, as the server would. */
  fetch(request: Request): Promise<Response>
  /** The served resources and how many records each holds now. */
  resources(): ResourceSummary[]
  /** The settings in force: seed, CORS, tokens, rate limit, maintenance, in-flight cap. */
  settings(): MockApiSettings
  /**
   * Puts the data back to what the seed made, forgets rate-limit counts, scenario counters and the
   * journal, and moves the clock back to real time.
   */
  reset(): Promise<void>
  /** Switches maintenance mode: every route but `/__mockapi/*` answers 503 while it is on. */
  setMaintenance(enabled: boolean): Promise<void>
  /**
   * Moves this instance's time forward — `'61s'`, `'5m'`, or milliseconds — instead of sleeping:
   * rate-limit windows, scenario windows and `reset` periods, and record timestamps all see it.
   * `reset()` moves it back. Delays (`delay`, `drip`) still take real time.
   *
   * @throws RangeError for a duration that is malformed, negative or over 24 h.
   * @example
   * await api.advanceClock('61s') // the rate-limit window has passed
   */
  advanceClock(by: string | number): Promise<void>
  /** This instance's time now, and how far `advanceClock` has moved it. */
  clock(): { readonly now: string; readonly offsetMs: number }
  /**
   * Replaces the scenarios in force (names, file paths or parsed scenarios, later ones layered
   * over earlier ones; `[]` for none). Their counters start afresh. A bad one rejects with its
   * `FileError` and leaves the scenarios in force as they were.
   */
  useScenarios(scenarios: readonly ScenarioInput[]): Promise<void>
  /**
   * The journal: requests as the mock received and answered them, oldest first, the newest
   * `journalSize` (default 1,000) kept. Credentials are redacted; bodies are cut at 2 KB.
   * `/__mockapi/*` is never recorded.
   *
   * @example
   * const [post] = await api.requests({ method: 'POST', path: '/tasks' })
   * post.status // 201
   */
  requests(filter?: JournalFilter): Promise<JournalEntry[]>
  /** Empties the journal. */
  clearRequests(): Promise<void>
  /**
   * The instance behind `X-Mockapi-Session: <id>`, made on first use: its own data, scenarios,
   * counters, limiter, clock and journal, with every control above.
   *
   * @throws for an id that is not 1 to 100 letters, digits, `.`, `_` or `-`, or with sessions off.
   * @example
   * await api.session('worker-1').useScenarios(['unavailable'])
   */
  session(id: string): MockApi
  /** Releases the instance: requests held by a `hang` fault end (in-process, as aborted). */
  close(): Promise<void>
  /** The Hono app behind `fetch`, for mounting inside another Hono app. */
  readonly app: Hono<AppEnv>
}

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
  exposure: { readonly networked: boolean } = { networked: false },
): MockApi {
  const resolved = resolveOptions(options)
  const { rateLimit, auth, seed } = resolved
  // Virtual time: the given clock plus what `advanceClock` added, read by every window and stamp.
  let offsetMs = 0
  const clock: Clock = { now: () => resolved.clock.now() + offsetMs }
  const store = createStore({ ...resolved, clock })
  const limiter = createRateLimiter({ policy: rateLimit || DEFAULT_RATE_LIMIT, clock })
  const hanging: Hanging = new Set()
  const journal = createJournal(resolved.journalSize)
  let maintenance = resolved.maintenance
  let active = activate(resolved.scenarios, { clock, seed })
  const policy = () => (active.rateLimit === undefined ? rateLimit : active.rateLimit)
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
          () => createMockApi({ ...options, sessions: false }, exposure),
          resolved.sessions,
        )
  const lookup = {
    cwd: process.cwd(),
    ...(resolved.scenariosDir === undefined ? {} : { userDir: resolved.scenariosDir }),
  }
  const app = createApp({
    store,
    session: sessions && ((id) => sessions.get(id).app),
    admin: {
      version: VERSION,
      token: adminToken,
      control: {
        scenarios: () => ({
          all: listScenarios(lookup),
          active: active.scenarios.map((scenario) => scenario.name),
        }),
        useScenarios: (names) => instance().useScenarios(names),
        reset: () => instance().reset(),
        requests: (filter) => instance().requests(filter),
        clearRequests: () => instance().clearRequests(),
        clock: () => instance().clock(),
        advanceClock: (by) => instance().advanceClock(by),
        setMaintenance: (enabled) => instance().setMaintenance(enabled),
        maintenance: () => maintenance || active.maintenance,
      },
    },
    cors: resolved.cors,
    availability: {
      maintenance: () => maintenance || active.maintenance,
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
    onRequest: resolved.onRequest,
    onUnexpectedError: resolved.onUnexpectedError,
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
      maintenance: maintenance || active.maintenance,
      maxInflight: resolved.maxInflight,
      scenarios: active.scenarios,
      prefer: resolved.prefer,
      admin: adminToken === undefined ? 'open' : adminToken === 'locked' ? 'locked' : 'token',
    }),
    requests: async (filter) => journal.find(filter),
    clearRequests: async () => {
      journal.clear()
    },
    reset: async () => {
      offsetMs = 0
      journal.clear()
      store.reset()
      limiter.clear()
      active.engine?.reset()
    },
    setMaintenance: async (enabled) => {
      maintenance = enabled
    },
    advanceClock: async (by) => {
      offsetMs += parseAdvance(by)
    },
    clock: () => ({ now: new Date(clock.now()).toISOString(), offsetMs }),
    useScenarios: async (scenarios) => {
      active = activate(resolveScenarios(scenarios, resolved.scenariosDir), { clock, seed })
    },
    session: (id) => {
      if (sessions === undefined) throw new Error('sessions are off (sessions: false)')
      return sessions.get(id)
    },
    close: async () => {
      for (const release of [...hanging]) release()
      await Promise.all((sessions?.ids() ?? []).map((id) => sessions?.get(id).close()))
    },
  }
  return self
}

/** `advanceClock`'s argument in milliseconds: a duration such as `'61s'`, or a number of ms. */
function parseAdvance(by: string | number): number {
  try {
    return parseDuration(by)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new RangeError(`advanceClock: ${reason}`)
  }
}

/** Required fields first: an injected 400 names the field a client most surely sent. */
function fieldsOf(fields: Readonly<Record<string, FieldSpec>> | undefined): string[] {
  if (fields === undefined) return ['body']
  const names = Object.keys(fields)
  return [...names.filter((n) => fields[n]?.required), ...names.filter((n) => !fields[n]?.required)]
}
