import type { Hono } from 'hono'
import { createApp } from './app.js'
import type { AuthOptions } from './auth/token-spec.js'
import type { AppEnv } from './http/app-env.js'
import type { CorsOption } from './http/cors.js'
import { createRateLimiter } from './limits/create-rate-limiter.js'
import type { RateLimitPolicy } from './limits/parse-rate-limit.js'
import { DEFAULT_RATE_LIMIT, type MockApiOptions, resolveOptions } from './options.js'
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
  readonly rateLimit: RateLimitPolicy | false
  readonly maintenance: boolean
  readonly maxInflight: number | undefined
}

/** One mock API instance: its own data, seed and clock, shared with no other instance. */
export interface MockApi {
  /** Answers a request without a socket, as the server would. */
  fetch(request: Request): Promise<Response>
  /** The served resources and how many records each holds now. */
  resources(): ResourceSummary[]
  /** The settings in force: seed, CORS, tokens, rate limit, maintenance, in-flight cap. */
  settings(): MockApiSettings
  /** Puts the data back to what the seed made and forgets every rate-limit count. */
  reset(): Promise<void>
  /** Switches maintenance mode: every route but `/__mockapi/*` answers 503 while it is on. */
  setMaintenance(enabled: boolean): Promise<void>
  /** Releases the instance. In-process instances hold no resources; this is for symmetry. */
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
export function createMockApi(options: MockApiOptions = {}): MockApi {
  const resolved = resolveOptions(options)
  const { clock, rateLimit, auth } = resolved
  const store = createStore(resolved)
  const limiter = createRateLimiter({ policy: rateLimit || DEFAULT_RATE_LIMIT, clock })
  let maintenance = resolved.maintenance
  const ownLimits = auth === false ? [] : auth.tokens.filter((t) => t.rateLimit !== undefined)
  const limitsAnything = rateLimit !== false || ownLimits.length > 0
  const app = createApp({
    store,
    version: VERSION,
    cors: resolved.cors,
    availability: { maintenance: () => maintenance, maxInflight: resolved.maxInflight },
    rateLimit: limitsAnything ? { limiter, policy: rateLimit, auth, clock } : undefined,
    auth,
    onRequest: resolved.onRequest,
    onUnexpectedError: resolved.onUnexpectedError,
  })
  return {
    app,
    fetch: async (request) => app.fetch(request, {}),
    resources: () =>
      store.resources.map(({ name }) => ({
        name,
        count: store.count(name),
        workspaces: Object.fromEntries(
          resolved.workspaces.map((w) => [w, auth ? store.count(name, w) : store.count(name)]),
        ),
      })),
    settings: () => ({
      seed: resolved.seed,
      cors: resolved.cors,
      auth,
      rateLimit,
      maintenance,
      maxInflight: resolved.maxInflight,
    }),
    reset: async () => {
      store.reset()
      limiter.clear()
    },
    setMaintenance: async (enabled) => {
      maintenance = enabled
    },
    close: async () => {},
  }
}
