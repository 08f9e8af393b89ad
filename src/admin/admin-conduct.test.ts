import { expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'

const AUTH = { Authorization: 'Bearer dev-token' }

async function misbehave(api: ReturnType<typeof createMockApi>, session?: string) {
  const headers = { ...AUTH, ...(session ? { 'X-Mockapi-Session': session } : {}) }
  for (let i = 0; i < 2; i++) await api.fetch(new Request('http://mock/users/999', { headers }))
}

it('GET /__mockapi/conduct answers what api.conduct() does; DELETE clears it', async () => {
  const api = createMockApi({ seed: 1, count: 3 })
  await misbehave(api)
  const res = await api.fetch(new Request('http://mock/__mockapi/conduct'))
  expect(res.status).toBe(200)
  const body = await res.json()
  expect(body).toEqual(JSON.parse(JSON.stringify(api.conduct())))
  expect(body.findings.map((f: { rule: string }) => f.rule)).toEqual(['retried-unretryable'])
  const cleared = await api.fetch(
    new Request('http://mock/__mockapi/conduct', { method: 'DELETE' }),
  )
  expect(cleared.status).toBe(204)
  expect(api.conduct()).toEqual({ findings: [], coverage: [] })
})

it("with X-Mockapi-Session, that session's conduct, labelled, and DELETE clears only it", async () => {
  const api = createMockApi({ seed: 1, count: 3 })
  await misbehave(api, 'w1')
  await misbehave(api)
  const session = { 'X-Mockapi-Session': 'w1' }
  const res = await api.fetch(new Request('http://mock/__mockapi/conduct', { headers: session }))
  const body = await res.json()
  expect(body.findings).toMatchObject([{ rule: 'retried-unretryable', session: 'w1' }])
  await api.fetch(
    new Request('http://mock/__mockapi/conduct', { method: 'DELETE', headers: session }),
  )
  expect(api.session('w1').conduct().findings).toEqual([])
  expect(api.conduct().findings).toMatchObject([{ session: null }])
  expect(api.conductReports().map((r) => [r.session, r.findings.length])).toEqual([
    [null, 1],
    ['w1', 0],
  ])
})

it('a session dropped for idleness keeps its findings in conductReports()', async () => {
  const api = createMockApi({ seed: 1, count: 3, sessions: { max: 1 } })
  await misbehave(api, 'w1')
  await misbehave(api, 'w2')
  expect(api.conductReports().map((r) => [r.session, r.findings.length])).toEqual([
    [null, 0],
    ['w2', 1],
    ['w1', 1],
  ])
})

it('coverage: per route template, statuses met (natural and injected) and error paths never met', async () => {
  const api = createMockApi({ seed: 1, count: 3 })
  const get = (path: string, headers: Record<string, string> = {}) =>
    api.fetch(new Request(`http://mock${path}`, { headers: { ...AUTH, ...headers } }))
  await get('/users/1')
  await get('/users/2', { Prefer: 'code=429' })
  await get('/users/999')
  await get('/nowhere/1')
  const { coverage } = api.conduct()
  expect(coverage).toHaveLength(1)
  const [row] = coverage
  expect(row).toMatchObject({ method: 'GET', route: '/users/:id', requests: 3 })
  expect(row?.met).toEqual([
    { outcome: '200', natural: 1, injected: 0 },
    { outcome: '404', natural: 1, injected: 0 },
    { outcome: '429', natural: 0, injected: 1 },
  ])
  expect(row?.missing.map((m) => m.outcome)).toEqual([
    '400',
    '401',
    '403',
    '503',
    'reset',
    'empty',
    'hang',
    'malformed',
    'drip',
    'latency',
  ])
  expect(row?.missing[0]).toEqual({
    outcome: '400',
    how: 'scenario badrequest, or Prefer: code=400',
  })
})
