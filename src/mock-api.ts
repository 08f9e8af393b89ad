import type { Hono } from 'hono'
import type { AuthOptions } from './auth/token-spec.js'
import type { AppEnv } from './http/app-env.js'
import type { CorsOption } from './http/cors.js'
import type { JournalEntry, JournalFilter } from './journal/create-journal.js'
import type { RateLimitPolicy } from './limits/parse-rate-limit.js'
import type { RateLimitStatus } from './limits/rate-limit-status.js'
import type { ScenarioInput } from './options.js'
import type { Scenario } from './scenarios/scenario-spec.js'

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
