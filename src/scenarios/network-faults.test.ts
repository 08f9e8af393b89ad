import { request as httpRequest } from 'node:http'
import { afterEach, expect, it } from 'vitest'
import { type RunningMockApi, startMockApi } from '../start-mock-api.js'
import { parseScenario } from './parse-scenario.js'

// Network faults as a real client meets them on a real socket.

const running = new Set<RunningMockApi>()

afterEach(async () => {
  await Promise.all([...running].map((api) => api.close()))
  running.clear()
})

async function start(fault: string, extra = ''): Promise<RunningMockApi> {
  const scenario = parseScenario(
    `rules:\n  - match: { path: /users/:id }\n    respond: { fault: ${fault}${extra} }\n`,
    'faults.yaml',
  )
  const api = await startMockApi({ seed: 1, count: 5, auth: false, scenarios: [scenario] })
  running.add(api)
  return api
}

interface Outcome {
  readonly status?: number
  readonly body?: string
  readonly error?: string
  readonly chunks: number
  readonly ms: number
}

/** One GET on its own connection with node:http, reporting what arrived and how it ended. */
function get(url: string, timeoutMs = 3000): Promise<Outcome> {
  const begin = performance.now()
  return new Promise((resolve) => {
    const req = httpRequest(url, { agent: false, timeout: timeoutMs }, (res) => {
      let body = ''
      let chunks = 0
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
        chunks += 1
      })
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, chunks, ms: performance.now() - begin }),
      )
    })
    req.on('timeout', () => req.destroy(new Error('client timeout')))
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.message, chunks: 0, ms: performance.now() - begin }),
    )
    req.end()
  })
}

it('reset: the connection is reset (ECONNRESET), and other routes still answer', async () => {
  const api = await start('reset')
  expect((await get(`${api.url}/users/1`)).error).toBe('ECONNRESET')
  expect((await get(`${api.url}/users`)).status).toBe(200)
})

it('reset: fetch rejects with a network error', async () => {
  const api = await start('reset')
  const error = (await fetch(`${api.url}/users/1`).catch((e: unknown) => e)) as TypeError
  expect(error).toBeInstanceOf(TypeError)
})

it('empty: the connection closes without a byte of response', async () => {
  const api = await start('empty')
  const outcome = await get(`${api.url}/users/1`)
  expect(outcome.status).toBeUndefined()
  expect(outcome.error).toMatch(/ECONNRESET|socket hang up/)
})

it('hang: no answer arrives; the client times out, then the server still serves', async () => {
  const api = await start('hang')
  const outcome = await get(`${api.url}/users/1`, 300)
  expect(outcome.error).toBe('client timeout')
  expect(outcome.ms).toBeGreaterThanOrEqual(290)
  expect((await get(`${api.url}/users`)).status).toBe(200)
})

it('hang: close() does not wait for hung requests', async () => {
  const api = await start('hang')
  const pending = get(`${api.url}/users/1`, 10_000)
  await new Promise((resolve) => setTimeout(resolve, 50))
  const begin = performance.now()
  await api.close()
  expect(performance.now() - begin).toBeLessThan(2000)
  expect((await pending).error).toMatch(/ECONNRESET|socket hang up/)
})

it('malformed: a 200 with a JSON content type and a body that does not parse', async () => {
  const api = await start('malformed')
  const outcome = await get(`${api.url}/users/1`)
  expect(outcome.status).toBe(200)
  expect(outcome.body?.startsWith('{"id":1')).toBe(true)
  expect(() => JSON.parse(outcome.body ?? '')).toThrow(SyntaxError)
  const res = await fetch(`${api.url}/users/1`)
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  await expect(res.json()).rejects.toThrow(SyntaxError)
})

it('drip: the whole answer arrives, in many pieces, over about two seconds', async () => {
  const api = await start('drip')
  const outcome = await get(`${api.url}/users/1`)
  expect(outcome.status).toBe(200)
  expect(JSON.parse(outcome.body ?? '')).toMatchObject({ id: 1 })
  expect(outcome.chunks).toBeGreaterThanOrEqual(10)
  expect(outcome.ms).toBeGreaterThanOrEqual(1500)
})

it('a fault after a delay waits first', async () => {
  const api = await start('reset', ', delay: 200ms')
  const outcome = await get(`${api.url}/users/1`)
  expect(outcome.error).toBe('ECONNRESET')
  expect(outcome.ms).toBeGreaterThanOrEqual(190)
})
