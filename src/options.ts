import { type AuthOptions, DEFAULT_AUTH } from './auth/token-spec.js'
import { type Clock, systemClock } from './clock/clock.js'
import { readConfig } from './config/load-config.js'
import type { MockApiConfig } from './config/parse-config.js'
import type { CorsOption } from './http/cors.js'
import { parseByteSize } from './http/parse-byte-size.js'
import { DEFAULT_MAX_BODY_BYTES } from './http/read-json-body.js'
import { DEFAULT_JOURNAL_SIZE } from './journal/create-journal.js'
import type { RequestLogEntry } from './journal/log-requests.js'
import { parseRateLimit, type RateLimitPolicy } from './limits/parse-rate-limit.js'
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
  /** A config file's path (YAML, see the README) or a parsed config, adding or replacing resources. */
  readonly config?: string | MockApiConfig
  /** Which browser origins may call the mock; `true` (default) allows any, `false` sends no CORS headers. */
  readonly cors?: CorsOption
  /** Where time comes from. Default: the system clock. */
  readonly clock?: Clock
  /**
   * API tokens: `true` (default) for the default tokens — `dev-token`, `read-token`,
   * `revoked-token`, `other-token` — an object to configure the header, scheme and tokens, or
   * `false` for no authentication.
   */
  readonly auth?: boolean | Partial<AuthOptions>
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
  /** How many requests the journal keeps, the newest; 0 keeps none. Default 1000. */
  readonly journalSize?: number
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
   * An OpenAPI 3.0/3.1 document to mock: a path (YAML or JSON), a parsed document, or what
   * `loadOpenApi` returned. `createMockApi` takes only the last (reading a document is
   * asynchronous); `startMockApi` takes all three. With a document the built-in resources are off
   * unless the config says `builtins: true`.
   */
  readonly openapi?: string | OpenApiDocument | LoadedOpenApi
  /** Where the document's routes are served. Default: its first `servers[].url`'s path; `/` for the root. */
  readonly basePath?: string
  /** Called once per finished request, for logging. */
  readonly onRequest?: (entry: RequestLogEntry) => void
  /** Called with any error that is not one of the contract's answers (the request got a 500). */
  readonly onUnexpectedError?: (error: unknown) => void
}

export const DEFAULT_SEED = 1
export const DEFAULT_COUNT = 50

/** The default limit: generous enough for any honest client. */
export const DEFAULT_RATE_LIMIT: RateLimitPolicy = { limit: 600, windowMs: 60_000 }

export interface ResolvedOptions {
  readonly seed: number
  readonly count: number
  readonly resources: readonly ResourceSpec[]
  /** The OpenAPI document's model, when one is mocked. */
  readonly model: ApiModel | undefined
  readonly auth: AuthOptions | false
  /** Workspaces that get seed records: the tokens' workspaces, or one when auth is off. */
  readonly workspaces: readonly string[]
  readonly rateLimit: RateLimitPolicy | false
  readonly maintenance: boolean
  readonly maxInflight: number | undefined
  readonly cors: CorsOption
  readonly clock: Clock
  readonly scenarios: readonly Scenario[]
  readonly scenariosDir: string | undefined
  readonly prefer: boolean
  readonly journalSize: number
  readonly maxBodySize: number
  readonly adminToken: string | undefined
  readonly sessions: SessionOptions | false
  readonly onRequest: ((entry: RequestLogEntry) => void) | undefined
  readonly onUnexpectedError: ((error: unknown) => void) | undefined
}

/** Every default in one place: explicit options beat the config file, which beats the defaults. */
export function resolveOptions(options: MockApiOptions = {}): ResolvedOptions {
  const config = typeof options.config === 'string' ? readConfig(options.config) : options.config
  const auth = resolveAuth(options.auth ?? config?.auth ?? true)
  const seed = options.seed ?? config?.seed ?? DEFAULT_SEED
  const count = options.count ?? config?.count ?? DEFAULT_COUNT
  const model = modelOf(options, config)
  const builtins = model === undefined || config?.builtinsGiven === true
  return {
    seed,
    count,
    resources: [
      ...(model === undefined ? [] : seedCollections(model, { seed, count })),
      ...mergeResources(config, builtins),
    ],
    model,
    auth,
    workspaces: auth ? [...new Set(auth.tokens.map((t) => t.workspace))] : [''],
    rateLimit: resolveRateLimit(options.rateLimit ?? config?.rateLimit ?? DEFAULT_RATE_LIMIT),
    maintenance: options.maintenance ?? config?.maintenance ?? false,
    maxInflight: options.maxInflight ?? config?.maxInflight,
    cors: options.cors ?? true,
    clock: options.clock ?? systemClock,
    scenarios: resolveScenarios(options.scenarios ?? [], options.scenariosDir),
    scenariosDir: options.scenariosDir,
    prefer: options.prefer ?? config?.prefer ?? true,
    journalSize: options.journalSize ?? DEFAULT_JOURNAL_SIZE,
    maxBodySize: parseByteSize(
      options.maxBodySize ?? config?.maxBodySize ?? DEFAULT_MAX_BODY_BYTES,
    ),
    adminToken: options.adminToken,
    sessions: options.sessions ?? {},
    onRequest: options.onRequest,
    onUnexpectedError: options.onUnexpectedError,
  }
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

/**
 * Reads the OpenAPI document the options or their config name, so that `createMockApi` gets it
 * loaded; a broken document rejects with its `FileError`.
 */
export async function prepareOpenApi<T extends MockApiOptions>(options: T): Promise<T> {
  const config = typeof options.config === 'string' ? readConfig(options.config) : options.config
  const openapi = options.openapi ?? config?.openapiFile
  if (openapi === undefined || isLoadedOpenApi(openapi)) return options
  return { ...options, config, openapi: await loadOpenApi(openapi) }
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

function resolveAuth(auth: boolean | Partial<AuthOptions>): AuthOptions | false {
  if (auth === false) return false
  if (auth === true) return DEFAULT_AUTH
  return {
    header: (auth.header ?? DEFAULT_AUTH.header).toLowerCase(),
    scheme: 'scheme' in auth ? auth.scheme : DEFAULT_AUTH.scheme,
    tokens: auth.tokens ?? DEFAULT_AUTH.tokens,
  }
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
