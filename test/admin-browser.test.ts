import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it as vitestIt } from 'vitest'
import { fingerprintKey } from '../src/auth/fingerprint-key.js'
import { type RunningMockApi, startMockApi } from '../src/index.js'
import { CHROMIUM, launchChromium } from './control-page.test-support.js'
import { missingSystemPackage } from './system-package.test-support.js'

// A malicious page open in the developer's browser, on another loopback port, against a running
// mock: it may use the resource routes as it could any public API, and nothing more.
const skip = missingSystemPackage(CHROMIUM, 'chromium')
const it = vitestIt.skipIf(skip !== undefined)

let browser: Browser
let api: RunningMockApi
let attacker: Server
let attackerUrl: string

// The attacker's page: a form aimed at the mock's reset, and a frame slot for the control page.
const ATTACKER_PAGE = `<!doctype html><title>innocent</title>
<form id="reset" method="POST" enctype="text/plain"><input name="x" value="y"></form>
<div id="slot"></div>`

beforeAll(async () => {
  if (skip !== undefined) return
  // The rebinding name resolves to this machine, as an attacker's DNS would make it.
  browser = await launchChromium(['--host-resolver-rules=MAP evil.example 127.0.0.1'])
  attacker = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end(ATTACKER_PAGE)
  })
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve))
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`
}, 30_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => attacker?.close(resolve))
})

afterEach(async () => {
  await api?.close()
})

async function attackerPage(): Promise<Page> {
  api = await startMockApi({ seed: 1, count: 3 })
  const page = await (await browser.newContext()).newPage()
  await page.goto(`${attackerUrl}/`)
  return page
}

/** What a fetch from the page got: the status it could read, or the error that stopped it. */
function tryFetch(page: Page, url: string, init: RequestInit = {}): Promise<string> {
  return page.evaluate(
    async ([target, options]) => {
      try {
        const res = await fetch(target, options)
        return `read ${res.status} ${(await res.text()).slice(0, 40)}`
      } catch (error) {
        return `blocked ${(error as Error).name}`
      }
    },
    [url, init] as const,
  )
}

it('a page on another origin can still call the resource routes', async () => {
  const page = await attackerPage()
  const got = await tryFetch(page, `${api.url}/users/1`, {
    headers: { Authorization: 'Bearer dev-token' },
  })
  expect(got).toMatch(/^read 200 \{/)
  await page.context().close()
})

it('a page on another origin cannot read the journal, the state or the live log', async () => {
  const page = await attackerPage()
  await fetch(`${api.url}/users/1?secret=x`, { headers: { Authorization: 'Bearer dev-token' } })
  for (const path of ['requests', 'state', 'rate-limits', 'events']) {
    expect(await tryFetch(page, `${api.url}/__mockapi/${path}`)).toBe('blocked TypeError')
  }
  const opened = await page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const source = new EventSource(url)
        source.onopen = () => resolve('open')
        source.onerror = () => resolve(`error (readyState ${source.readyState})`)
      }),
    `${api.url}/__mockapi/events`,
  )
  expect(opened).toBe('error (readyState 2)')
  await page.context().close()
})

it('a page on another origin cannot switch a scenario, reset, or move the clock', async () => {
  const page = await attackerPage()
  await api.advanceClock('1h')
  const target = `${api.url}/__mockapi`
  const json = { 'Content-Type': 'application/json' }
  // Preflighted: the bare preflight answer stops it before it is sent.
  const put = { method: 'PUT', headers: json, body: '{"names":["unavailable"]}' }
  expect(await tryFetch(page, `${target}/scenarios/active`, put)).toBe('blocked TypeError')
  // Simple requests need no preflight: sent blind (no-cors), refused by the server.
  const blind = { method: 'POST', mode: 'no-cors', body: '{"by":"1h"}' } as const
  expect(await tryFetch(page, `${target}/clock/advance`, blind)).toBe('read 0 ')
  expect(await tryFetch(page, `${target}/reset`, { method: 'POST', mode: 'no-cors' })).toBe(
    'read 0 ',
  )
  // A form posted across sites, the oldest trick.
  const refused = page.waitForResponse(`${target}/reset`)
  await page.evaluate((action) => {
    const form = document.getElementById('reset') as HTMLFormElement
    form.action = action
    form.submit()
  }, `${target}/reset`)
  expect((await refused).status()).toBe(403)
  expect(await (await refused).json()).toMatchObject({ code: 'cross_site_request' })
  expect(api.settings().scenarios).toEqual([])
  expect(api.clock().offsetMs).toBe(3_600_000)
  await page.context().close()
})

it('a page on another origin cannot frame the control page', async () => {
  const page = await attackerPage()
  const framed = page.waitForResponse(`${api.url}/__mockapi/`)
  await page.evaluate((src) => {
    const frame = document.createElement('iframe')
    frame.src = src
    document.getElementById('slot')?.append(frame)
  }, `${api.url}/__mockapi/`)
  expect((await framed).status()).toBe(200)
  const frame = page.frames().find((f) => f !== page.mainFrame())
  // Blocked by frame-ancestors 'none': the frame holds Chromium's error page, not the controls.
  await expect.poll(() => frame?.url()).toMatch(/^chrome-error:/)
  expect(await frame?.locator('[role=switch]').count()).toBe(0)
  await page.context().close()
})

it('a rebound name (evil.example → 127.0.0.1) gets 403 host_not_allowed, not the mock', async () => {
  api = await startMockApi({ seed: 1, count: 3 })
  const page = await (await browser.newContext()).newPage()
  const answer = await page.goto(`http://evil.example:${api.port}/__mockapi/requests`)
  expect(answer?.status()).toBe(403)
  expect(await answer?.json()).toMatchObject({ code: 'host_not_allowed' })
  const users = await page.goto(`http://evil.example:${api.port}/users/1`)
  expect(users?.status()).toBe(403)
  await page.context().close()
})

it('the control page, from its own origin, still switches scenarios and resets', async () => {
  api = await startMockApi({ seed: 1, count: 3 })
  const page = await (await browser.newContext()).newPage()
  await page.goto(`${api.url}/__mockapi/`)
  await page.getByRole('switch', { name: 'notfound', exact: true }).check()
  await expect.poll(() => api.settings().scenarios.map((s) => s.name)).toEqual(['notfound'])
  await api.advanceClock('1h')
  await page.getByRole('button', { name: 'Reset…' }).click()
  await page.getByRole('button', { name: 'Reset now' }).click()
  await expect.poll(() => api.clock().offsetMs).toBe(0)
  await page.context().close()
})

it('the control page shows a secret token only as its fingerprint', async () => {
  api = await startMockApi({ seed: 1, count: 3 })
  const secret = `ghp_${randomUUID().replaceAll('-', '')}`
  await fetch(`${api.url}/users/1`, { headers: { Authorization: `Bearer ${secret}` } })
  const page = await (await browser.newContext()).newPage()
  await page.goto(`${api.url}/__mockapi/`)
  const fingerprint = fingerprintKey(`token ${secret}`)
  await page.locator('#limits-body').getByText(fingerprint).waitFor({ timeout: 5000 })
  await page.locator('#log-list li').first().waitFor({ timeout: 5000 })
  expect(await page.content()).not.toContain(secret)
  await page.context().close()
})
