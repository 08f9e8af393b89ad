import type { Hono } from 'hono'
import type { AuthOptions } from './auth/token-spec.js'
import type { ConductReport, LabelledConductReport } from './conduct/create-conduct.js'
import type { AppEnv } from './http/app-env.js'
import type { AllowedHosts } from './http/check-host.js'
import type { CorsOption } from './http/cors.js'
import type { JournalEntry, JournalFilter } from './journal/create-journal.js'
import type { WaitOptions } from './journal/wait-for-entries.js'
import type { RateLimitPolicy } from './limits/parse-rate-limit.js'
import type { RateLimitStatus } from './limits/rate-limit-status.js'
import type { OpenApiDocument } from './openapi-export/build-openapi-document.js'
import type { ScenarioInput } from './options.js'
import type { Handler, HandlerOptions } from './routes/custom-handlers.js'
import type { Scenario } from './scenarios/scenario-spec.js'

export type { ConductReport, LabelledConductReport } from './conduct/create-conduct.js'

/** A resource as the instance serves it now. */
export interface ResourceSummary {
  readonly name: string
  /** Where the collection is served: `/users`, or under a document's base path. */
  readonly path: string
  /** The field that holds a record's key: `id`, or the one the document's paths name. */
  readonly key: string
  /** Records in every workspace together. */
  readonly count: number
  /** Records per workspace, by workspace name; one entry, `''`, when auth is off. */
  readonly workspaces: Readonly<Record<string, number>>
}

/** What an instance is set to now, for the banner and status pages. */
export interface MockApiSettings {
  readonly seed: number
  readonly cors: CorsOption
  /** The `Host` names served besides loopback and the bound address; `'*'` for any. */
  readonly allowedHosts: AllowedHosts
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
  /** The OpenAPI document mocked, when there is one. */
  readonly openapi?: OpenApiSummary
}

/** What the mock serves of an OpenAPI document, for the banner, the admin API and the control page. */
export interface OpenApiSummary {
  readonly title: string
  /** Where its routes are served, `''` for the root. */
  readonly basePath: string
  /** Stored collections: name, path, key field and kind. */
  readonly collections: readonly {
    readonly name: string
    readonly path: string
    readonly key: string
    readonly keyKind: string
    /** Operations that list the collection with their own filters (`GET /pet/findByStatus`). */
    readonly finders: readonly string[]
  }[]
  /** Operations answered from the document (examples or generated bodies), `GET /museum-hours`. */
  readonly operations: readonly string[]
  /** How to send a token, for the operations that need one; `undefined` when all are public. */
  readonly security: string | undefined
  /** What the mock does not serve as the document describes, one line each. */
  readonly warnings: readonly string[]
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
   * Where each configured token stands against its rate limit now, then the latest other keys
   * (client addresses, unknown tokens) with a window open. Counts nothing.
   *
   * @example
   * api.rateLimits().find((s) => s.token === 'dev-token')?.remaining // 599 after one request
   */
  rateLimits(): RateLimitStatus[]
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
   * The memory budget of per-client state (`maxMemory`) — rate-limit keys, journals, sessions —
   * shared by the instance and its sessions: bytes held now (an estimate) and the cap.
   */
  memory(): { readonly usedBytes: number; readonly maxBytes: number }
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
  /**
   * Waits until `count` (default 1) requests matching `filter` are in the journal — those already
   * there count — and resolves with them; rejects after `timeout` ms (default 5000) with a
   * `WaitTimeoutError` naming the filter and the latest requests. For the fake-timer pattern: wait
   * until the client has been refused, then move the clock.
   *
   * @example
   * await api.waitForRequests({ path: '/tasks', status: 429 })
   * await api.advanceClock('60s')
   */
  waitForRequests(filter?: JournalFilter, options?: WaitOptions): Promise<JournalEntry[]>
  /**
   * Adds a route written in code, or replaces the one of the same method and path. The handler
   * gets the `Request`, the path parameters and the instance's collections (the store the CRUD
   * routes use) and answers a `Response` or a JSON value (200). It runs after scenarios,
   * maintenance, the rate limit and tokens; `{ auth: false }` lets requests without a token in.
   *
   * @example
   * api.handle('POST', '/auth/login', () => ({ token: 'dev-token' }), { auth: false })
   * api.handle('GET', '/projects/:id/open', (req, { params, collections }) =>
   *   collections.tasks.list({ projectId: Number(params.id), status: 'todo' }))
   */
  handle(method: string, path: string, handler: Handler, options?: HandlerOptions): void
  /** Empties the journal. */
  clearRequests(): Promise<void>
  /**
   * How the client handled the errors it met: `findings` (each rule it broke, with the journal ids
   * of the requests involved) and `coverage` (per route, the statuses met and the error paths never
   * met). This instance's only; a session has its own. `reset()` and `resetConduct()` clear it.
   *
   * @example
   * const { findings } = api.conduct()
   * findings.map((f) => f.rule) // ['retry-before-retry-after']
   */
  conduct(): ConductReport
  /** Forgets the findings and the coverage (and what each client was waiting for). */
  resetConduct(): Promise<void>
  /**
   * The conduct of this instance, then of each session — live ones, then the latest dropped for
   * idleness (kept, at most 100) — each labelled with its session (`null` for this instance).
   */
  conductReports(): LabelledConductReport[]
  /**
   * The instance behind `X-Mockapi-Session: <id>`, made on first use: its own data, scenarios,
   * counters, limiter, clock and journal, with every control above.
   *
   * @throws for an id that is not 1 to 100 letters, digits, `.`, `_` or `-`, or with sessions off.
   * @example
   * await api.session('worker-1').useScenarios(['unavailable'])
   */
  session(id: string): MockApi
  /**
   * The OpenAPI 3.1 document of what this instance serves — what `GET /__mockapi/openapi.json`
   * answers — with `servers` set to `serverUrl` (default `http://127.0.0.1:4000`). An instance
   * mocking an OpenAPI document answers that document as written, `servers` set to `serverUrl`
   * followed by its base path.
   *
   * @example
   * const doc = api.openapi(api.url)
   * Object.keys(doc.paths) // ['/', '/users', '/users/{id}', …]
   */
  openapi(serverUrl?: string): OpenApiDocument
  /** Releases the instance: requests held by a `hang` fault end (in-process, as aborted). */
  close(): Promise<void>
  /** The Hono app behind `fetch`, for mounting inside another Hono app. */
  readonly app: Hono<AppEnv>
}
