import { createMockApi } from '../create-mock-api.js'
import type { MockApiOptions } from '../options.js'

export const T0 = Date.UTC(2030, 0, 1)

/** An in-process instance on a clock the test moves, and helpers to send as one client would. */
export function conductHarness(options: MockApiOptions = {}) {
  let now = T0
  const api = createMockApi({ seed: 1, count: 3, ...options, clock: { now: () => now } })
  const send = async (
    path: string,
    init: RequestInit & { token?: string | null; body?: string } = {},
  ): Promise<number> => {
    const headers = new Headers(init.headers)
    const token = init.token === undefined ? 'dev-token' : init.token
    if (token !== null) headers.set('Authorization', `Bearer ${token}`)
    if (init.body !== undefined) headers.set('Content-Type', 'application/json')
    try {
      const res = await api.fetch(new Request(`http://mock${path}`, { ...init, headers }))
      await res.arrayBuffer()
      return res.status
    } catch {
      return 0
    }
  }
  return {
    api,
    send,
    /** Moves the instance's clock (and the test's) forward. */
    wait: (ms: number) => {
      now += ms
    },
    rules: () => api.conduct().findings.map((f) => f.rule),
    findings: () => api.conduct().findings,
  }
}
