import type { AuthOptions } from './auth/token-spec.js'
import { checkOptions } from './check-options.js'
import { type Clock, systemClock } from './clock/clock.js'
import { parseDuration } from './clock/parse-duration.js'
import { CONDUCT_RULES, type ConductRule, isConductRule } from './conduct/conduct-rules.js'
import type { ConductSettings } from './conduct/create-conduct.js'
import { readConfig, toConfig } from './config/load-config.js'
import type { MockApiConfig } from './config/parse-config.js'
import { type AuthInput, resolveAuthOption } from './config/resolve-auth-option.js'
import { inferResources } from './db/infer-resources.js'
import { readDbFile } from './db/read-db-file.js'
import type { AllowedHosts } from './http/check-host.js'
import type { CorsOption } from './http/cors.js'
import { parseByteSize } from './http/parse-byte-size.js'
import { DEFAULT_MAX_BODY_BYTES } from './http/read-json-body.js'
import { DEFAULT_JOURNAL_SIZE } from './journal/create-journal.js'
import type { RequestLogEntry } from './journal/log-requests.js'
import { parseRateLimit, type RateLimitPolicy } from './limits/parse-rate-limit.js'
import { DEFAULT_MAX_MEMORY_BYTES } from './memory/create-memory-budget.js'
import type { ApiModel } from './model/api-model.js'
import {
  isLoadedOpenApi,
  type LoadedOpenApi,
  loadOpenApi,
  type OpenApiDocument,
} from './openapi/load-openapi.js'
import { normalizeBasePath } from './openapi/read-base-path.js'
import { readOpenApi } from './openapi/read-openapi.js'
import { seedCollections } from './openapi/seed-collections.js'
import { BUILTIN_RESOURCES } from './resources/builtin-resources.js'
import type { ResourceSpec } from './resources/resource-spec.js'
import type { Handler } from './routes/custom-handlers.js'
import { parseScenarioDefinition, type ScenarioDefinition } from './scenarios/parse-scenario.js'
import { loadScenario, type ScenarioLookup } from './scenarios/resolve-scenario.js'
import type { Scenario } from './scenarios/scenario-spec.js'
import type { SessionOptions } from './sessions/create-sessions.js'

/** Options of `createMockApi`. Every one is optional; defaults are resolved in `resolveOptions`. */
export interface MockApiOptions {
  /** Seed of the generated data: the same seed gives the same records, byte for byte. Default 1. */
  readonly seed?: number
  /** Records per resource. Default 50. */
  readonly count?: number
  /**
   * A config file's path (YAML, see the README), its content as an object (checked as the file
   * is), or what `loadConfig` returned: resources to add or replace, and the file's other keys.
   */
  readonly config?: string | MockApiConfig | Readonly<Record<string, unknown>>
  /** Which browser origins may call the mock; `true` (default) allows any, `false` sends no CORS headers. */
  readonly cors?: CorsOption
  /**
   * The `Host` names served besides loopback ones (`localhost`, `127.0.0.1`, `::1`) and the bound
   * address: `['api.test', '.example.test']` (a leading dot allows every name under it), or `'*'`
   * (or a list holding `'*'`) for any. Others get 403 `host_not_allowed`: the guard against DNS
   * rebinding. Default: none besides those.
   */
  readonly allowedHosts?: AllowedHosts
  /** Where time comes from. Default: the system clock. */
  readonly clock?: Clock
  /**
   * API tokens: `true` (default) for the default tokens — `dev-token`, `read-token`,
   * `revoked-token`, `other-token` — an object to configure the header, scheme and tokens, or
   * `false` for no authentication.
   */
  readonly auth?: boolean | AuthInput
  /** The rate limit per token (or client address): `'100/60s'`, a policy, or `false`. Default 600/60s. */
  readonly rateLimit?: string | RateLimitPolicy | false
  /** Start in maintenance mode: every route but `/__mockapi/*` answers 503. */
  readonly maintenance?: boolean
  /** At most this many requests in progress; beyond it, 503 at once. Default: no cap. */
  readonly maxInflight?: number
  /**
   * Scenarios to run, later ones layered over earlier ones: a name (looked up in `scenariosDir`,
   * then among the built-ins), a path to a YAML file, or an object written as the file would be.
   */
  readonly scenarios?: readonly ScenarioInput[]
  /** The folder scenario names are looked up in first. Default `./scenarios`. */
  readonly scenariosDir?: string
  /** Whether `Prefer: code=429` and `Prefer: delay=500` are honoured. Default `true`. */
  readonly prefer?: boolean
  /**
   * The largest request body accepted, in bytes or as `'512kb'`/`'1mb'`; larger ones get 413
   * `payload_too_large`. Default 1 MB.
   */
  readonly maxBodySize?: number | string
  /**
   * Writes to a record (PATCH, DELETE) without `If-Match` answer 428 `precondition_required`, for
   * testing optimistic-concurrency clients. Default `false`.
   */
  readonly requireIfMatch?: boolean
  /** How many requests the journal keeps, the newest; 0 keeps none. Default 1000. */
  readonly journalSize?: number
  /**
   * The memory budget, in bytes or as `'64mb'`, of every per-client table of the instance and its
   * sessions together — rate-limit keys, journal, sessions: when it is full, the oldest state is
   * dropped. Default `'256mb'`.
   */
  readonly maxMemory?: number | string
  /** At most this many live-log (`/__mockapi/events`) listeners; the next gets 503. Default 20. */
  readonly maxEventListeners?: number
  /**
   * The token the admin routes (`/__mockapi/*` but `health` and `version`) require, sent as
   * `Authorization: Bearer …`. Without one they are open — except on a server that listens
   * beyond loopback, where they stay locked until a token is set.
   */
  readonly adminToken?: string
  /**
   * `X-Mockapi-Session: <id>` gives each id its own instance — data, scenarios, counters, limiter,
   * clock, journal — made from these same options on first use: `{ max, idleMs }` (default 100
   * sessions, dropped after 10 minutes idle), or `false` to ignore the header.
   */
  readonly sessions?: SessionOptions | false
  /**
   * How the client's conduct is judged (always on): rules switched off by id (`ignore`), how long
   * a request held by a `hang` fault may wait before the client should have aborted it
   * (`hangLimit`, default `'30s'`), and how many attempts of one failed request make a storm
   * (`retryStorm`, default 10).
   *
   * @example
   * createMockApi({ conduct: { ignore: ['token-in-url'], hangLimit: '10s' } })
   */
  readonly conduct?: ConductOptions
  /**
   * The `Retry-After` of every 429 and 503 the mock answers, in seconds (0 to 86400); a refused
   * request's rate-limit window then ends that many seconds later. Default 60, the contract's.
   */
  readonly retryAfter?: number
  /**
   * Routes written in code, by `'METHOD /path'` (`:name` parameters): each gets the `Request`, the
   * path parameters and the instance's collections, and answers a `Response` or a JSON value.
   * They run after scenarios, maintenance, the rate limit and tokens, like any route.
   *
   * @example
   * handlers: { 'GET /projects/:id/summary': (req, { params, collections }) => ({ id: params.id }) }
   */
  readonly handlers?: Readonly<Record<string, Handler>>
  /**
   * An OpenAPI 3.0/3.1 document to mock: a path (YAML or JSON), a parsed document, or what
   * `loadOpenApi` returned. `createMockApi` takes only the last (reading a document is
   * asynchronous); `startMockApi` takes all three. With a document the built-in resources are off
   * unless the config says `builtins: true`.
   */
  readonly openapi?: string | OpenApiDocument | LoadedOpenApi
  /**
   * A json-server data file (`db.json`) to serve: every top-level array a resource at `/<key>` with
   * its records as written, every top-level object a singular resource. The built-in resources are
   * off unless the config says `builtins: true`.
   */
  readonly db?: string
  /**
   * Write every change back to the `db` file: atomically (a temporary file beside it, then a
   * rename), debounced, and on close. Default `false`: the file is never written.
   */
  readonly persist?: boolean
  /**
   * Called when the `db` file is edited, while served, into one that cannot be served (its
   * `FileError` says where); the last good data stays served. Default: `onUnexpectedError`.
   */
  readonly onFileError?: (error: unknown) => void
  /** Where the document's routes are served. Default: its first `servers[].url`'s path; `/` for the root. */
  readonly basePath?: string
  /** Called once per finished request, for logging. */
  readonly onRequest?: (entry: RequestLogEntry) => void
  /** Called with any error that is not one of the contract's answers (the request got a 500). */
  readonly onUnexpectedError?: (error: unknown) => void
}

/** The `conduct` option. */
export interface ConductOptions {
  /** Rule ids switched off, e.g. `['token-in-url']`. */
  readonly ignore?: readonly (ConductRule | string)[]
  /** `'30s'` (default), `'2m'` or ms. */
  readonly hangLimit?: string | number
  /** More attempts than this of one failed request is a `retry-storm`. Default 10. */
  readonly retryStorm?: number
}

export const DEFAULT_HANG_LIMIT_MS = 30_000
export const DEFAULT_RETRY_STORM = 10

export const DEFAULT_SEED = 1
/** Live-log listeners at most, by default. */
export const DEFAULT_MAX_EVENT_LISTENERS = 20
export const DEFAULT_COUNT = 50

/** The default limit: generous enough for any honest client. */
export const DEFAULT_RATE_LIMIT: RateLimitPolicy = { limit: 600, windowMs: 60_000 }

export interface ResolvedOptions {
  readonly seed: number
  readonly count: number
  readonly resources: readonly ResourceSpec[]
  /** The json-server data file served, when one is. */
  readonly db: string | undefined
  readonly persist: boolean
  /** The OpenAPI document's model, when one is mocked. */
  readonly model: ApiModel | undefined
  /** The mocked OpenAPI document as written, when one is mocked. */
  readonly openapiDocument: OpenApiDocument | undefined
  readonly auth: AuthOptions | false
  /** Workspaces that get seed records: the tokens' workspaces, or one when auth is off. */
  readonly workspaces: readonly string[]
  readonly rateLimit: RateLimitPolicy | false
  readonly maintenance: boolean
  readonly maxInflight: number | undefined
  readonly cors: CorsOption
  readonly allowedHosts: AllowedHosts
  readonly clock: Clock
  readonly scenarios: readonly Scenario[]
  readonly scenariosDir: string | undefined
  readonly prefer: boolean
  readonly journalSize: number
  readonly maxBodySize: number
  readonly requireIfMatch: boolean
  readonly maxMemory: number
  readonly maxEventListeners: number
  readonly adminToken: string | undefined
  readonly sessions: SessionOptions | false
  readonly conduct: ConductSettings
  /** Set by `retryAfter`; undefined: the contract's 60 s, windows left as they are. */
  readonly retryAfter: number | undefined
  readonly handlers: Readonly<Record<string, Handler>>
  readonly onRequest: ((entry: RequestLogEntry) => void) | undefined
  readonly onUnexpectedError: ((error: unknown) => void) | undefined
}

/** Every default in one place: explicit options beat the config file, which beats the defaults. */
export function resolveOptions(options: MockApiOptions = {}): ResolvedOptions {
  checkOptions(options as Readonly<Record<string, unknown>>)
  const config = configOf(options.config)
  const auth = resolveAuthOption(options.auth ?? config?.auth ?? true)
  const seed = options.seed ?? config?.seed ?? DEFAULT_SEED
  const count = options.count ?? config?.count ?? DEFAULT_COUNT
  const model = modelOf(options, config)
  const db = options.db
  if (options.persist === true && db === undefined) {
    throw new RangeError('persist needs a data file to write: give the db option (db.json) too')
  }
  const builtins = (model === undefined && db === undefined) || config?.builtinsGiven === true
  return {
    seed,
    count,
    resources: firstOfEachName([
      // A document's collection is served where the document says: it shadows a resource of the
      // same name, as its paths come first in the model.
      ...(model === undefined ? [] : seedCollections(model, { seed, count })),
      ...(db === undefined ? [] : inferResources(readDbFile(db))),
      ...mergeResources(config, builtins),
    ]),
    db,
    persist: options.persist ?? false,
    model,
    openapiDocument: writtenOf(options.openapi ?? config?.openapiFile),
    auth,
    workspaces: auth ? [...new Set(auth.tokens.map((t) => t.workspace))] : [''],
    rateLimit: resolveRateLimit(options.rateLimit ?? config?.rateLimit ?? DEFAULT_RATE_LIMIT),
    maintenance: options.maintenance ?? config?.maintenance ?? false,
    maxInflight: options.maxInflight ?? config?.maxInflight,
    cors: options.cors ?? true,
    allowedHosts: resolveAllowedHosts(options.allowedHosts ?? []),
    clock: options.clock ?? systemClock,
    scenarios: resolveScenarios(options.scenarios ?? [], options.scenariosDir),
    scenariosDir: options.scenariosDir,
    prefer: options.prefer ?? config?.prefer ?? true,
    journalSize: options.journalSize ?? DEFAULT_JOURNAL_SIZE,
    maxBodySize: parseByteSize(
      options.maxBodySize ?? config?.maxBodySize ?? DEFAULT_MAX_BODY_BYTES,
    ),
    requireIfMatch: options.requireIfMatch ?? config?.requireIfMatch ?? false,
    maxMemory: parseByteSize(options.maxMemory ?? config?.maxMemory ?? DEFAULT_MAX_MEMORY_BYTES),
    maxEventListeners: checkListeners(options.maxEventListeners ?? DEFAULT_MAX_EVENT_LISTENERS),
    adminToken: options.adminToken,
    sessions: options.sessions ?? {},
    // The option's keys over the config file's, one by one.
    conduct: resolveConduct({ ...config?.conduct, ...options.conduct }),
    retryAfter: options.retryAfter ?? config?.retryAfter,
    handlers: options.handlers ?? {},
    onRequest: options.onRequest,
    onUnexpectedError: options.onUnexpectedError,
  }
}

/** @throws RangeError for an unknown rule id, a bad `hangLimit` or `retryStorm`. */
export function resolveConduct(options: ConductOptions): ConductSettings {
  const ignore = options.ignore ?? []
  const unknown = ignore.filter((rule) => !isConductRule(rule))
  if (unknown.length > 0) {
    throw new RangeError(
      `conduct.ignore: unknown rule "${unknown[0]}"; the rules are ${CONDUCT_RULES.join(', ')}`,
    )
  }
  let hangLimitMs = DEFAULT_HANG_LIMIT_MS
  if (options.hangLimit !== undefined) {
    try {
      hangLimitMs = parseDuration(options.hangLimit)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new RangeError(`conduct.hangLimit: ${reason}`)
    }
  }
  const storm = options.retryStorm ?? DEFAULT_RETRY_STORM
  if (!Number.isInteger(storm) || storm < 1) {
    throw new RangeError(`conduct.retryStorm must be a whole number ≥ 1, got ${storm}`)
  }
  return { ignore: new Set(ignore.filter(isConductRule)), hangLimitMs, stormAttempts: storm }
}

function checkListeners(max: number): number {
  if (!Number.isSafeInteger(max) || max < 1) {
    throw new RangeError(`maxEventListeners must be a whole number ≥ 1, got ${max}`)
  }
  return max
}

/** The model of the OpenAPI document the options or the config name; it must be loaded already. */
function modelOf(options: MockApiOptions, config: MockApiConfig | undefined): ApiModel | undefined {
  const openapi = options.openapi ?? config?.openapiFile
  if (openapi === undefined) return undefined
  if (!isLoadedOpenApi(openapi)) {
    throw new Error(
      'Failed to mock the OpenAPI document: createMockApi is synchronous and reading a document is not. Use startMockApi({ openapi }), or createMockApi({ openapi: await loadOpenApi(path) }).',
    )
  }
  const basePath = options.basePath ?? config?.basePath
  return readOpenApi(openapi, basePath === undefined ? undefined : normalizeBasePath(basePath))
}

function writtenOf(openapi: MockApiOptions['openapi']): OpenApiDocument | undefined {
  return isLoadedOpenApi(openapi) ? openapi.written : undefined
}

/**
 * Reads the OpenAPI document the options or their config name, so that `createMockApi` gets it
 * loaded; a broken document rejects with its `FileError`.
 */
export async function prepareOpenApi<T extends MockApiOptions>(options: T): Promise<T> {
  const config = configOf(options.config)
  const openapi = options.openapi ?? config?.openapiFile
  if (openapi === undefined || isLoadedOpenApi(openapi)) return options
  return { ...options, config, openapi: await loadOpenApi(openapi) }
}

/** The config option as the file it names, or as the object given (checked as the file is). */
function configOf(given: MockApiOptions['config']): MockApiConfig | undefined {
  if (given === undefined) return undefined
  return typeof given === 'string' ? readConfig(given) : toConfig(given)
}

/** Config resources replace built-ins of the same name in place and are appended otherwise. */
function mergeResources(
  config: MockApiConfig | undefined,
  builtins: boolean,
): readonly ResourceSpec[] {
  if (!config) return builtins ? BUILTIN_RESOURCES : []
  const own = new Map(config.resources.map((r) => [r.name, r]))
  const base = config.builtins && builtins ? BUILTIN_RESOURCES.map((r) => own.get(r.name) ?? r) : []
  const added = config.resources.filter((r) => !base.includes(r))
  return [...base, ...added]
}

function resolveAllowedHosts(hosts: AllowedHosts): AllowedHosts {
  if (hosts === '*' || hosts.includes('*')) return '*'
  return hosts.map((host) => host.trim()).filter(Boolean)
}

function resolveRateLimit(limit: string | RateLimitPolicy | false): RateLimitPolicy | false {
  return typeof limit === 'string' ? parseRateLimit(limit) : limit
}

/** A scenario as `scenarios` and `useScenarios` take it: a name, a `.yaml` path, or an object. */
export type ScenarioInput = string | ScenarioDefinition | Scenario

/** Where scenario names are looked up: `scenariosDir` (default `./scenarios`), then the built-ins. */
export function scenarioLookup(scenariosDir: string | undefined): ScenarioLookup {
  return { cwd: process.cwd(), ...(scenariosDir === undefined ? {} : { userDir: scenariosDir }) }
}

/** Loads the scenarios named or given; a bad one throws its `FileError`. */
export function resolveScenarios(
  scenarios: readonly ScenarioInput[],
  scenariosDir: string | undefined,
): Scenario[] {
  const lookup = scenarioLookup(scenariosDir)
  return scenarios.map((s) => {
    if (typeof s === 'string') return loadScenario(s, lookup)
    // A scenario already parsed (it knows its source) is taken as it is.
    return s.source === undefined ? parseScenarioDefinition(s) : s
  })
}

/** The first resource of each name. */
function firstOfEachName(resources: readonly ResourceSpec[]): ResourceSpec[] {
  const seen = new Set<string>()
  return resources.filter((r) => !seen.has(r.name) && seen.add(r.name))
}
