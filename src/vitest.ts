/**
 * mockapi for Vitest: a `test` whose `mockapi` fixture is a fresh server per test, and a
 * `globalSetup` helper for one server shared by every file.
 *
 * @example
 * ```ts
 * import { test } from '@mockapi-dev/mockapi/vitest'
 *
 * test('shows a retry notice on 503', async ({ mockapi, expect }) => {
 *   await mockapi.useScenarios(['unavailable'])
 *   const res = await fetch(`${mockapi.url}/tasks`, { headers: { Authorization: 'Bearer dev-token' } })
 *   expect(res.status).toBe(503)
 * })
 * ```
 * @module
 */
import { test as base } from 'vitest'
import { type RunningMockApi, type StartMockApiOptions, startMockApi } from './start-mock-api.js'

export interface MockApiFixtures {
  /** A mock API on a free port, started for the test and closed after it. */
  readonly mockapi: RunningMockApi
}

/**
 * A Vitest `test` with a `mockapi` fixture started with `options` (port 0 unless given).
 *
 * @example
 * const test = createMockApiTest({ seed: 7, scenarios: ['flaky'] })
 */
export function createMockApiTest(options: StartMockApiOptions = {}) {
  return base.extend<MockApiFixtures>({
    // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern.
    mockapi: async ({}, use) => {
      const api = await startMockApi({ port: 0, ...options })
      try {
        await use(api)
      } finally {
        await api.close()
      }
    },
  })
}

/** `test` with a `mockapi` fixture on the defaults: seed 1, tokens, 600/60s. */
export const test = createMockApiTest()

declare module 'vitest' {
  export interface ProvidedContext {
    /** The URL of the server `mockApiGlobalSetup` started; read it with `inject('mockapiUrl')`. */
    mockapiUrl: string
  }
}

/**
 * A `globalSetup` for one server shared by every test file: it starts the mock, provides its URL
 * as `inject('mockapiUrl')` and closes it after the run. Give each worker its own data with
 * `X-Mockapi-Session` (for example the worker id).
 *
 * @example
 * // vitest.global-setup.ts
 * export default mockApiGlobalSetup({ seed: 1 })
 */
export function mockApiGlobalSetup(options: StartMockApiOptions = {}) {
  return async (project: {
    provide(key: 'mockapiUrl', value: string): void
  }): Promise<() => Promise<void>> => {
    const api = await startMockApi({ port: 0, ...options })
    project.provide('mockapiUrl', api.url)
    return () => api.close()
  }
}
