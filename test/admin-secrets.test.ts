import { randomUUID } from 'node:crypto'
import { afterEach, expect, it } from 'vitest'
import { fingerprintKey } from '../src/auth/fingerprint-key.js'
import { type RunningMockApi, startMockApi } from '../src/index.js'

let api: RunningMockApi | undefined

afterEach(async () => {
  await api?.close()
  api = undefined
})

// Every admin route a reader can GET; the event stream is read for its recent requests below.
const ADMIN_READS = [
  '/__mockapi/',
  '/__mockapi/health',
  '/__mockapi/version',
  '/__mockapi/scenarios',
  '/__mockapi/requests',
  '/__mockapi/clock',
  '/__mockapi/resources',
  '/__mockapi/rate-limits',
  '/__mockapi/state',
]

/** The first `recent` events of the live log, as text. */
async function recentEvents(url: string): Promise<string> {
  const res = await fetch(`${url}/__mockapi/events?recent=50`)
  const reader = res.body?.getReader()
  let text = ''
  const decoder = new TextDecoder()
  while (reader && !text.includes('event: recent') && text.length < 100_000) {
    const { value, done } = await reader.read()
    if (done) break
    text += decoder.decode(value)
  }
  await reader?.cancel()
  return text
}

async function everyAdminAnswer(url: string): Promise<string> {
  const texts = await Promise.all(
    ADMIN_READS.map(async (path) => `${path}\n${await (await fetch(url + path)).text()}`),
  )
  return [...texts, await recentEvents(url)].join('\n')
}

it.each([
  ['an unknown token', false],
  ['a configured token', true],
])(
  '%s sent by a client appears in no admin answer, only as its fingerprint',
  async (_, configured) => {
    const secret = `ghp_${randomUUID().replaceAll('-', '')}`
    const tokens = [{ token: secret, workspace: 'A', access: { '*': 'write' as const } }]
    api = await startMockApi({ seed: 1, count: 3, ...(configured ? { auth: { tokens } } : {}) })
    const bearer = { authorization: `Bearer ${secret}` }
    await fetch(`${api.url}/users/1`, { headers: bearer })
    await fetch(`${api.url}/users?access_token=${secret}`, { headers: bearer })
    await fetch(`${api.url}/users`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', email: 'x@example.com', token: secret }),
    })
    const seen = await everyAdminAnswer(api.url)
    expect(seen).toContain('/__mockapi/rate-limits')
    expect(seen).not.toContain(secret)
    expect(seen).toContain(fingerprintKey(`token ${secret}`))
    expect(fingerprintKey(`token ${secret}`)).toMatch(/^token#[0-9a-f]{8}$/)
  },
)

it('the default tokens and client addresses stay readable in the rate-limit view', async () => {
  api = await startMockApi({ seed: 1, count: 3 })
  await fetch(`${api.url}/users/1`, { headers: { authorization: 'Bearer read-token' } })
  await fetch(`${api.url}/users/1`)
  const view = (await (await fetch(`${api.url}/__mockapi/rate-limits`)).json()) as {
    keys: { key: string; token: string | null; used: number }[]
  }
  expect(view.keys.find((k) => k.key === 'token read-token')).toMatchObject({
    token: 'read-token',
    used: 1,
  })
  expect(view.keys.find((k) => k.key.startsWith('address '))?.key).toBe('address 127.0.0.1')
})

it.each([
  ['token dev-token', 'token dev-token'],
  ['address ::1', 'address ::1'],
  ['token s3cret', fingerprintKey('token s3cret')],
])('fingerprintKey(%j) is %j, the same every time', (key, shown) => {
  expect(fingerprintKey(key)).toBe(shown)
  expect(fingerprintKey('token s3cret')).not.toContain('s3cret')
})
