import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import axios from 'axios'
import axiosRetry from 'axios-retry'
import got from 'got'
import ky from 'ky'
import { afterAll, afterEach, expect, it } from 'vitest'
import { createCliHarness } from './cli-process.test-support.js'

// Real clients that honour Retry-After, against the built CLI with --retry-after 1: `recovering`
// fails each route twice with 503, so each client waits twice, about two seconds in all.

const cwd = await mkdtemp(join(tmpdir(), 'mockapi-retry-clients-'))
const { serve, stopAll } = createCliHarness(() => cwd)
const AUTH = { Authorization: 'Bearer dev-token' }

afterEach(stopAll)
afterAll(() => rm(cwd, { recursive: true, force: true }))

async function recovering(): Promise<string> {
  const { url } = await serve(['--retry-after', '1', '--scenario', 'recovering', '--quiet'])
  return url
}

/** Runs `call`, prints how long it took, and answers the status and the time in seconds. */
async function timed(name: string, call: () => Promise<number>): Promise<[number, number]> {
  const started = performance.now()
  const status = await call()
  const seconds = (performance.now() - started) / 1000
  console.log(`${name} finished recovering with --retry-after 1 in ${seconds.toFixed(2)} s`)
  return [status, seconds]
}

it('ky retries twice as Retry-After says and finishes recovering in seconds', async () => {
  const url = await recovering()
  const [status, seconds] = await timed('ky', async () => {
    const res = await ky.get(`${url}/users/1`, { headers: AUTH, retry: { limit: 2 } })
    return res.status
  })
  expect(status).toBe(200)
  expect(seconds).toBeLessThan(10)
})

it('axios with axios-retry finishes recovering in seconds', async () => {
  const url = await recovering()
  const client = axios.create({ headers: AUTH })
  axiosRetry(client, { retries: 2 })
  const [status, seconds] = await timed('axios-retry', async () => {
    return (await client.get(`${url}/users/1`)).status
  })
  expect(status).toBe(200)
  expect(seconds).toBeLessThan(10)
})

it('got finishes recovering in seconds', async () => {
  const url = await recovering()
  const [status, seconds] = await timed('got', async () => {
    const res = await got(`${url}/users/1`, { headers: AUTH, retry: { limit: 2 } })
    return res.statusCode
  })
  expect(status).toBe(200)
  expect(seconds).toBeLessThan(10)
})

it('without --retry-after the 503 of recovering says Retry-After: 60', async () => {
  const { url } = await serve(['--scenario', 'recovering', '--quiet'])
  const res = await fetch(`${url}/users/1`, { headers: AUTH })
  expect([res.status, res.headers.get('retry-after')]).toEqual([503, '60'])
})
