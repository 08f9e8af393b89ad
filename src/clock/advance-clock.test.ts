import { expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'
import { parseScenario } from '../scenarios/parse-scenario.js'
import { startMockApi } from '../start-mock-api.js'

const NOW = Date.UTC(2030, 0, 1)
const AUTH = { Authorization: 'Bearer dev-token' }

function get(api: { fetch(request: Request): Promise<Response> }, path: string) {
  return api.fetch(new Request(`http://mock${path}`, { headers: AUTH }))
}

it('advanceClock ends a rate-limit window without sleeping', async () => {
  const api = createMockApi({ seed: 1, count: 3, rateLimit: '2/60s', clock: { now: () => NOW } })
  const codes = [await get(api, '/users'), await get(api, '/users'), await get(api, '/users')]
  expect(codes.map((r) => r.status)).toEqual([200, 200, 429])
  await api.advanceClock('59s')
  expect((await get(api, '/users')).status).toBe(429)
  await api.advanceClock(1000)
  expect((await get(api, '/users')).status).toBe(200)
  expect(api.clock()).toEqual({ now: new Date(NOW + 60_000).toISOString(), offsetMs: 60_000 })
})

it('advanceClock opens and closes a scenario window, and stamps new records', async () => {
  const outage = parseScenario(
    'rules:\n  - when: { window: { from: 10s, until: 40s } }\n    respond: { status: 503 }\n',
    'outage.yaml',
  )
  const api = createMockApi({ seed: 1, count: 3, scenarios: [outage], clock: { now: () => NOW } })
  expect((await get(api, '/users')).status).toBe(200)
  await api.advanceClock('10s')
  expect((await get(api, '/users')).status).toBe(503)
  await api.advanceClock('30s')
  expect((await get(api, '/users')).status).toBe(200)
  const created = await api.fetch(
    new Request('http://mock/users', {
      method: 'POST',
      headers: { ...AUTH, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Ada', email: 'ada@example.test', role: 'admin' }),
    }),
  )
  expect(((await created.json()) as { createdAt: string }).createdAt).toBe(
    new Date(NOW + 40_000).toISOString(),
  )
})

it('reset() moves the clock back to real time', async () => {
  const api = createMockApi({ seed: 1, count: 3, clock: { now: () => NOW } })
  await api.advanceClock('1h')
  expect(api.clock().offsetMs).toBe(3_600_000)
  await api.reset()
  expect(api.clock()).toEqual({ now: new Date(NOW).toISOString(), offsetMs: 0 })
})

it.each(['soon', '-5s', '25h'])('advanceClock(%j) is refused with a RangeError', async (by) => {
  const api = createMockApi()
  await expect(api.advanceClock(by)).rejects.toThrow(/^advanceClock: duration/)
  expect(api.clock().offsetMs).toBe(0)
})

it('advanceClock works on a running server too', async () => {
  const api = await startMockApi({ seed: 1, count: 3, rateLimit: '1/60s' })
  try {
    const call = () => fetch(`${api.url}/users`, { headers: AUTH })
    expect([(await call()).status, (await call()).status]).toEqual([200, 429])
    await api.advanceClock('60s')
    expect((await call()).status).toBe(200)
  } finally {
    await api.close()
  }
})
