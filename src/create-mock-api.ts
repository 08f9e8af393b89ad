import type { Hono } from 'hono'
import { createApp } from './app.js'
import type { AppEnv } from './http/app-env.js'
import { type MockApiOptions, resolveOptions } from './options.js'
import { createStore } from './store/create-store.js'
import { VERSION } from './version.js'

/** A resource as the instance serves it now. */
export interface ResourceSummary {
  readonly name: string
  readonly count: number
}

/** One mock API instance: its own data, seed and clock, shared with no other instance. */
export interface MockApi {
  /** Answers a request without a socket, as the server would. */
  fetch(request: Request): Promise<Response>
  /** The served resources and how many records each holds now. */
  resources(): ResourceSummary[]
  /** Puts the data back to what the seed made. */
  reset(): Promise<void>
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
  const store = createStore(resolved)
  const app = createApp({
    store,
    version: VERSION,
    cors: resolved.cors,
    onRequest: resolved.onRequest,
    onUnexpectedError: resolved.onUnexpectedError,
  })
  return {
    app,
    fetch: async (request) => app.fetch(request, {}),
    resources: () => store.resources.map(({ name }) => ({ name, count: store.count(name) })),
    reset: async () => store.reset(),
    close: async () => {},
  }
}
