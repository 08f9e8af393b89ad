import axios from 'axios'
import axiosRetry from 'axios-retry'
import got from 'got'
import ky from 'ky'
import { afterEach, describe, expect, it } from 'vitest'
import type { RunningMockApi, ScenarioDefinition } from '../src/index.js'
import { runClient, type Tracker } from './conduct-clients.test-support.js'

// Real clients, at their defaults unless a case says otherwise, against the built-in scenarios:
// a well-configured client leaves no finding; each misbehaviour leaves its own rule and no other.

const AUTH = { Authorization: 'Bearer dev-token' }
const TASK = { title: 'Write', status: 'todo', projectId: 1 }
const RESET_TWICE: ScenarioDefinition = {
  name: 'reset-twice',
  rules: [{ match: { path: '/users/1' }, when: { times: 2 }, respond: { fault: 'reset' } }],
}
const RESET_ALWAYS: ScenarioDefinition = {
  name: 'reset-always',
  rules: [{ match: { path: '/users/1' }, respond: { fault: 'reset' } }],
}

const open: RunningMockApi[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((api) => api.close()))
})

async function judged(...args: Parameters<typeof runClient>) {
  const result = await runClient(...args)
  open.push(result.api)
  return result
}

/** The work each client does: 12 reads of /users, then a read of /users/1. */
const WORK = [...Array.from({ length: 12 }, () => '/users'), '/users/1']
/**
 * Against `unavailable` a client does one read: it retries as the server asks, then gives up and
 * tells the user. Sending the next request to that route at once would be sent before its
 * Retry-After had passed — a finding, rightly.
 */
const ONE_READ = ['/users/1']
// flaky (seed 7, as every case here) fails about one request in seven: 26 reads meet several.

const clients = {
  ky: async (url: string, t: Tracker, work = WORK) => {
    const api = ky.create({ prefixUrl: url, headers: AUTH, fetch: t.fetch })
    for (const path of work) await api.get(path.slice(1)).catch(() => undefined)
  },
  'axios + axios-retry': async (url: string, t: Tracker, work = WORK) => {
    const api = axios.create({ baseURL: url, headers: AUTH, httpAgent: t.agent })
    axiosRetry(api)
    for (const path of work) await api.get(path).catch(() => undefined)
  },
  got: async (url: string, t: Tracker, work = WORK) => {
    const api = got.extend({ prefixUrl: url, headers: AUTH, agent: { http: t.agent } })
    for (const path of work) await api.get(path.slice(1)).catch(() => undefined)
  },
}

describe.each(Object.entries(clients))('%s at its defaults', (_name, client) => {
  it.each([
    ['ratelimit', WORK],
    ['recovering', WORK],
    ['unavailable', ONE_READ],
    ['flaky', [...WORK, ...WORK]],
  ])('against %s: no finding', async (scenario, work) => {
    const { rules, stuck, api } = await judged({ scenarios: [scenario] }, (url, t) =>
      client(url, t, work),
    )
    expect(stuck).toBe(false)
    // The scenario did fail requests, and the client retried them.
    const failed = (await api.requests()).filter((e) => e.status === 429 || e.status === 503)
    expect(failed.length).toBeGreaterThan(0)
    expect(rules).toEqual([])
  })
})

describe('the clients that put a timeout on requests, against timeouts and a reset fault', () => {
  it('ky (10 s timeout by default) against timeouts: no finding', async () => {
    const { rules, api } = await judged({ scenarios: ['timeouts'] }, async (url, t) => {
      const api = ky.create({ prefixUrl: url, headers: AUTH, fetch: t.fetch, retry: 0 })
      for (let i = 0; i < 40; i++) await api.get('users').catch(() => undefined)
    })
    expect((await api.requests()).some((e) => e.fault === 'hang')).toBe(true)
    expect(rules).toEqual([])
  })

  it('ky and got back off on a reset connection: no finding', async () => {
    for (const client of [clients.ky, clients.got]) {
      const { rules } = await judged({ scenarios: [RESET_TWICE] }, client)
      expect(rules).toEqual([])
    }
  })
})

describe('misbehaviours: each its own rule, and no other', () => {
  it('axios-retry at its defaults retries a reset at once: retry-without-backoff', async () => {
    const { rules } = await judged({ scenarios: [RESET_ALWAYS] }, clients['axios + axios-retry'])
    expect(rules).toEqual(['retry-without-backoff'])
  })

  it.each([
    ['axios (no timeout by default)', clients['axios + axios-retry']],
    ['got (no timeout by default)', clients.got],
  ])('%s waits forever on a hang of timeouts: no-client-timeout', async (_name, client) => {
    const reads = Array.from({ length: 60 }, (_, i) => `/users/${(i % 5) + 1}`)
    // A minute of virtual time: the hang limit (30 s) passes while the client still waits.
    const { rules, stuck, api } = await judged(
      { scenarios: ['timeouts'] },
      (url, t) => client(url, t, reads),
      60_000,
    )
    expect(stuck).toBe(true)
    expect(rules).toEqual(['no-client-timeout'])
    expect(api.conduct().findings[0]?.requests).toEqual([])
    await api.close()
    await new Promise((resolve) => setImmediate(resolve))
    const hung = (await api.requests()).filter((e) => e.fault === 'hang').map((e) => e.id)
    expect(hung).toHaveLength(1)
    expect(api.conduct().findings).toMatchObject([{ rule: 'no-client-timeout', requests: hung }])
  })

  const naive: [
    string,
    Parameters<typeof runClient>[0],
    (url: string, t: Tracker) => Promise<void>,
    string,
  ][] = [
    [
      'retries a 429 at once',
      { scenarios: ['ratelimit'] },
      async (url, t) => {
        for (let i = 0; i < 12; i++) await t.fetch(`${url}/users`, { headers: AUTH })
      },
      'retry-before-retry-after',
    ],
    [
      'retries a reset every 200 ms',
      { scenarios: [RESET_ALWAYS] },
      async (url, t) => {
        for (let i = 0; i < 5; i++) {
          await t.fetch(`${url}/users/1`, { headers: AUTH }).catch(() => undefined)
          await new Promise((resolve) => setTimeout(resolve, 200))
        }
      },
      'retry-without-backoff',
    ],
    [
      'backs off but never gives up',
      { scenarios: [RESET_ALWAYS] },
      async (url, t) => {
        for (let i = 0; i < 12; i++) {
          await t.fetch(`${url}/users/1`, { headers: AUTH }).catch(() => undefined)
          await new Promise((resolve) => setTimeout(resolve, 300 * 1.5 ** i))
        }
      },
      'retry-storm',
    ],
    [
      'sends the same invalid POST again',
      {},
      async (url, t) => {
        const init = {
          method: 'POST',
          headers: { ...AUTH, 'Content-Type': 'application/json' },
          body: '{"title":5}',
        }
        await t.fetch(`${url}/tasks`, init)
        await new Promise((resolve) => setTimeout(resolve, 1000))
        await t.fetch(`${url}/tasks`, init)
      },
      'retried-unretryable',
    ],
    [
      're-POSTs after a 503 without an Idempotency-Key',
      { scenarios: ['recovering'] },
      async (url, t) => {
        const init = {
          method: 'POST',
          headers: { ...AUTH, 'Content-Type': 'application/json' },
          body: JSON.stringify(TASK),
        }
        for (let i = 0; i < 3; i++) {
          const res = await t.fetch(`${url}/tasks`, init)
          if (res.ok) return
          await new Promise((resolve) =>
            setTimeout(resolve, Number(res.headers.get('retry-after')) * 1000),
          )
        }
      },
      'duplicate-write',
    ],
    [
      'keeps sending a revoked token',
      {},
      async (url, t) => {
        for (const path of ['/users', '/tasks', '/projects']) {
          await t.fetch(`${url}${path}`, { headers: { Authorization: 'Bearer revoked-token' } })
        }
      },
      'revoked-token-reused',
    ],
    [
      'puts the token in the URL',
      {},
      async (url, t) => {
        await t.fetch(`${url}/users?api_token=dev-token`)
      },
      'token-in-url',
    ],
  ]

  it.each(naive)('a fetch loop that %s', async (_what, options, client, rule) => {
    const { rules } = await judged(options, client)
    expect(rules).toEqual([rule])
  })
})
