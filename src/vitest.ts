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
 *
 * The client's conduct: `expect(mockapi).toHaveCleanConduct()` fails listing every finding, and
 * `createMockApiTest({ conduct: { fail: true } })` fails any test whose client left findings.
 * @module
 */
import { test as base, expect } from 'vitest'
import type { ConductRule, Finding } from './conduct/conduct-rules.js'
import type { LabelledConductReport } from './conduct/create-conduct.js'
import { describeFindings } from './conduct/describe-findings.js'
import type { JournalFilter } from './journal/create-journal.js'
import type { ConductOptions } from './options.js'
import { type RunningMockApi, type StartMockApiOptions, startMockApi } from './start-mock-api.js'
import { mockApiMatchers } from './vitest-matchers.js'

export { mockApiMatchers } from './vitest-matchers.js'

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: the declaration merges with Vitest's own, which says any.
  interface Matchers<T = any> {
    /**
     * The mock received at least one request matching `filter` (method, path, status, query,
     * header, body); otherwise fails listing every request it did receive.
     *
     * @example
     * expect(mockapi).toHaveReceived({ method: 'POST', path: '/tasks', body: { status: 'todo' } })
     */
    toHaveReceived(filter?: JournalFilter): T
    /**
     * The mock received exactly `times` requests matching `filter`.
     *
     * @example
     * expect(mockapi).toHaveReceivedTimes({ path: '/tasks', status: 503 }, 2)
     */
    toHaveReceivedTimes(filter: JournalFilter, times: number): T
  }
}

/** Options of the fixture: the server's, and whether the client's findings fail the test. */
export interface MockApiTestOptions extends Omit<StartMockApiOptions, 'conduct'> {
  /**
   * The server's `conduct` option, and `fail: true` to fail each test whose client left findings
   * (those of ignored rules are never made).
   */
  readonly conduct?: ConductOptions & { readonly fail?: boolean }
}

/** What `toHaveCleanConduct` reads: an instance, or anything with its conduct. */
interface HasConduct {
  conduct(): { readonly findings: readonly Finding[] }
  conductReports?(): readonly LabelledConductReport[]
}

function findingsOf(api: HasConduct, ignore: readonly ConductRule[] = []): Finding[] {
  const reports = api.conductReports?.() ?? [api.conduct()]
  return reports.flatMap((r) => r.findings).filter((f) => !ignore.includes(f.rule))
}

function hasConduct(value: unknown): value is HasConduct {
  return typeof (value as HasConduct | null)?.conduct === 'function'
}

/** `expect(mockapi).toHaveCleanConduct()`, registered with the others below. */
const conductMatchers = {
  toHaveCleanConduct(
    received: unknown,
    options: { readonly ignore?: readonly ConductRule[] } = {},
  ) {
    if (!hasConduct(received)) {
      return {
        pass: false,
        message: () =>
          'toHaveCleanConduct: expected a mockapi instance (the fixture, startMockApi or createMockApi).',
      }
    }
    const findings = findingsOf(received, options.ignore)
    return {
      pass: findings.length === 0,
      message: () =>
        findings.length === 0
          ? 'expected the client to leave conduct findings, but it left none'
          : `expected the client's conduct to be clean, but mockapi found ${findings.length}:\n${describeFindings(findings)}`,
    }
  },
}

// The matchers are there as soon as this entry is imported (in a global setup file too, where
// Vitest's expect may not be ready: the test files that import it register them again).
try {
  expect.extend({ ...mockApiMatchers, ...conductMatchers })
} catch {}

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: the declaration merged into must match Vitest's own.
  interface Matchers<T = any> {
    /**
     * Passes when the client left no conduct finding on the instance (and its sessions); fails
     * listing each. `ignore` leaves rules out.
     *
     * @example
     * expect(mockapi).toHaveCleanConduct()
     */
    toHaveCleanConduct(options?: { readonly ignore?: readonly ConductRule[] }): T
  }
}

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
export function createMockApiTest(options: MockApiTestOptions = {}) {
  const { conduct, ...rest } = options
  const { fail = false, ...server } = conduct ?? {}
  return base.extend<MockApiFixtures>({
    // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern.
    mockapi: async ({}, use) => {
      const api = await startMockApi({ port: 0, ...rest, conduct: server })
      try {
        await use(api)
      } finally {
        await api.close()
      }
      // After close: a request a hang held is judged once it is let go.
      await new Promise((resolve) => setImmediate(resolve))
      const findings = fail ? findingsOf(api) : []
      if (findings.length > 0) {
        throw new Error(
          `mockapi: the client left ${findings.length} conduct finding(s) (conduct: { fail: true }):\n${describeFindings(findings)}`,
        )
      }
    },
  })
}

type MockApiTest = ReturnType<typeof createMockApiTest>

/**
 * `test` with a `mockapi` fixture on the defaults: seed 1, tokens, 600/60s. Made on first use, so
 * importing this entry where no suite runs (a global setup file) does not touch Vitest's runner.
 */
export const test: MockApiTest = lazily(() => createMockApiTest())

function lazily(make: () => MockApiTest): MockApiTest {
  let made: MockApiTest | undefined
  const real = () => {
    made ??= make()
    return made
  }
  const stub = (() => undefined) as unknown as MockApiTest
  return new Proxy(stub, {
    apply: (_stub, self, args) => Reflect.apply(real(), self, args),
    get: (_stub, key) => Reflect.get(real(), key),
    has: (_stub, key) => Reflect.has(real(), key),
  })
}

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
