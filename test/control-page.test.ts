import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it as vitestIt } from 'vitest'
import { type RunningMockApi, type StartMockApiOptions, startMockApi } from '../src/index.js'
import {
  artifact,
  CHROMIUM,
  launchChromium,
  saveDocsImage,
  stableScreenshot,
} from './control-page.test-support.js'
import { missingSystemPackage } from './system-package.test-support.js'

// Without Debian's Chromium every test here is skipped, with one line saying what to install.
const skip = missingSystemPackage(CHROMIUM, 'chromium')
const it = vitestIt.skipIf(skip !== undefined)

const AUTH = { Authorization: 'Bearer dev-token' }
const PHONE = { width: 375, height: 740 }
const DESKTOP = { width: 1366, height: 900 }

let browser: Browser
let api: RunningMockApi | undefined
// Script errors on the page fail the test that caused them.
let pageErrors: string[] = []

beforeAll(async () => {
  if (skip === undefined) browser = await launchChromium()
}, 30_000)

afterAll(async () => {
  await browser?.close()
})

afterEach(async () => {
  await api?.close()
  api = undefined
  const errors = pageErrors
  pageErrors = []
  expect(errors).toEqual([])
})

async function openPage(
  options: StartMockApiOptions = {},
  viewport = DESKTOP,
  colorScheme: 'light' | 'dark' = 'light',
  /** For the docs' screenshots: the page's clock stands still, in UTC, without motion. */
  fixedTime?: number,
): Promise<Page> {
  api = await startMockApi({ seed: 1, ...options })
  const still =
    fixedTime === undefined ? {} : { timezoneId: 'UTC', reducedMotion: 'reduce' as const }
  const context = await browser.newContext({ viewport, colorScheme, locale: 'en-GB', ...still })
  if (fixedTime !== undefined) await context.clock.setFixedTime(fixedTime)
  const page = await context.newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await page.goto(`${api.url}/__mockapi/`)
  return page
}

function status(path: string, headers: Record<string, string> = {}): Promise<number> {
  return fetch(`${api?.url}${path}`, { headers: { ...AUTH, ...headers } }).then(async (res) => {
    await res.body?.cancel()
    return res.status
  })
}

it('toggling a scenario on the page changes what an HTTP client gets', async () => {
  const page = await openPage()
  expect(await status('/users/1')).toBe(200)
  const notfound = page.getByRole('switch', { name: 'notfound', exact: true })
  await notfound.check()
  await expect.poll(() => status('/users/1')).toBe(404)
  await page.getByRole('switch', { name: 'unavailable', exact: true }).check()
  await expect.poll(() => status('/users')).toBe(503)
  expect(api?.settings().scenarios.map((s) => s.name)).toEqual(['notfound', 'unavailable'])
  await page.getByRole('button', { name: 'All off' }).click()
  await expect.poll(() => status('/users/1')).toBe(200)
  // The page redraws its switches once its own call returns, which may be after the client's.
  await expect.poll(() => notfound.isChecked()).toBe(false)
  await page.context().close()
})

it('the live log shows a request as it happens, with the scenario rule that answered it', async () => {
  const page = await openPage({ scenarios: ['notfound'] })
  await page.locator('#conn.live').waitFor()
  expect(await status('/users/7?fields=name')).toBe(404)
  const row = page.locator('#log-list li').first()
  await row.filter({ hasText: '/users/7' }).waitFor({ timeout: 2000 })
  expect(await row.textContent()).toMatch(/404.*GET.*\/users\/7\?fields=name.*notfound · rule 1/)
  expect(await row.getAttribute('class')).toContain('s4')
  expect(await status('/users/1')).toBe(404)
  await page.locator('#log-list li').first().filter({ hasText: '/users/1' }).waitFor()
  await page.context().close()
})

it('a page opened later shows the requests made before it, from the journal', async () => {
  const page = await openPage()
  await status('/projects/3')
  await page.reload()
  await page.locator('#log-list li').filter({ hasText: '/projects/3' }).waitFor()
  await page.context().close()
})

it('on a phone-sized screen nothing scrolls sideways; screenshots of phone and desktop', async () => {
  const options = { scenarios: ['ratelimit'] }
  const phone = await openPage(options, PHONE)
  await phone.locator('#conn.live').waitFor()
  // Long paths and keys are the usual culprits for a page that scrolls sideways.
  await status(`/users/${'x'.repeat(120)}?q=${'y'.repeat(80)}`)
  await fetch(`${api?.url}/tasks`, { headers: { Authorization: `Bearer ${'z'.repeat(90)}` } })
  for (let i = 1; i <= 12; i++) await status(`/tasks/${i}`)
  await phone.locator('#log-list li').nth(13).waitFor()
  // The limiter's 429s name the scenario that lowered the limit.
  await phone.locator('#log-list li', { hasText: 'ratelimit · limit' }).first().waitFor()
  await phone.locator('#limits-body tr').nth(4).waitFor()
  const widths = await phone.evaluate(() => [document.documentElement.scrollWidth, innerWidth])
  expect(widths[0]).toBeLessThanOrEqual(widths[1] ?? 0)
  await phone.screenshot({ path: artifact('phone.png'), fullPage: true })
  await phone.context().close()
  await api?.close()

  for (const scheme of ['light', 'dark'] as const) {
    const page = await openPage(options, DESKTOP, scheme)
    await page.locator('#conn.live').waitFor()
    for (const path of ['/users', '/users/1', '/projects/2', '/nope', '/tasks/999']) {
      await status(path)
    }
    for (let i = 0; i < 8; i++) await status('/comments')
    await page.locator('#log-list li').nth(12).waitFor()
    await page.screenshot({ path: artifact(`desktop-${scheme}.png`) })
    await page.context().close()
    await api?.close()
  }
})

// docs/control-page.md's screenshots: a laptop and a phone, viewport-sized (a full-page capture
// stretches the sticky log column), both clocks fixed and durations hidden, so a run that renders
// the same page writes the same bytes.
const FIXED = Date.parse('2026-12-01T09:30:00.000Z')
it.each([
  ['1280', { width: 1280, height: 800 }],
  ['390', { width: 390, height: 844 }],
] as const)(
  'screenshot at %s px for the docs; on a laptop the live log is in the first screen',
  async (name, viewport) => {
    const options = { scenarios: ['recovering'], clock: { now: () => FIXED } }
    const page = await openPage(options, viewport, 'light', FIXED)
    await page.locator('#conn.live').waitFor()
    for (const path of ['/users', '/users', '/users', '/tasks/7', '/tasks/7', '/tasks/7']) {
      await status(path)
    }
    for (const code of ['404', '429']) await status(`/projects/${code}`, { Prefer: `code=${code}` })
    await page.locator('#log-list li').nth(7).waitFor()
    await page.locator('#limits-body tr').first().waitFor()
    if (name === '1280') {
      const row = await page.locator('#log-list li').first().boundingBox()
      expect((row?.y ?? Infinity) + (row?.height ?? 0)).toBeLessThan(viewport.height)
    }
    saveDocsImage(`control-page-${name}.png`, await stableScreenshot(page))
    await page.context().close()
  },
)

it('works by keyboard: Tab reaches every control, Space flips a switch', async () => {
  const page = await openPage()
  const reached: string[] = []
  for (let i = 0; i < 40 && !reached.includes('scen-unavailable'); i++) {
    await page.keyboard.press('Tab')
    reached.push(await page.evaluate(() => document.activeElement?.id ?? ''))
  }
  expect(reached).toContain('scen-filter')
  expect(reached).toContain('scen-badrequest')
  const focused = page.locator('#scen-unavailable')
  // The focus is visible: an outline, not the browser's nothing.
  expect(await focused.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none')
  await page.keyboard.press('Space')
  await expect.poll(() => status('/users')).toBe(503)
  expect(await focused.isChecked()).toBe(true)
  // And on past the scenarios to the log and the server controls.
  for (let i = 0; i < 20 && !reached.includes('reset'); i++) {
    await page.keyboard.press('Tab')
    reached.push(await page.evaluate(() => document.activeElement?.id ?? ''))
  }
  for (const id of ['log-pause', 'log-clear', 'maint', 'clock-by', 'reset']) {
    expect(reached).toContain(id)
  }
  await page.getByRole('switch', { name: 'Maintenance mode' }).focus()
  await page.keyboard.press('Space')
  await expect.poll(() => api?.settings().maintenance).toBe(true)
  await page.context().close()
})

it('with --admin-token the page asks for the token, refuses a wrong one, then works', async () => {
  const page = await openPage({ adminToken: 'sesame' })
  const input = page.getByRole('textbox', { name: 'Admin token' })
  await input.waitFor()
  await page.screenshot({ path: artifact('token.png') })
  await input.fill('wrong')
  await input.press('Enter')
  await page.getByText('That admin token was refused').waitFor()
  await input.fill('sesame')
  await page.getByRole('button', { name: 'Use token' }).click()
  await page.getByRole('switch', { name: 'unavailable', exact: true }).check()
  await expect.poll(() => status('/users')).toBe(503)
  await page.locator('#conn.live').waitFor()
  await status('/users/2')
  await page.locator('#log-list li').first().filter({ hasText: '/users/2' }).waitFor()
  await page.context().close()
})

it('advances the clock and resets, after a confirmation', async () => {
  const page = await openPage({ rateLimit: '1/60s' })
  expect(await status('/users')).toBe(200)
  expect(await status('/users')).toBe(429)
  await page.getByRole('button', { name: '+1 min' }).click()
  await expect.poll(() => status('/users')).toBe(200)
  await page.getByLabel('Advance by', { exact: true }).fill('soon')
  await page.getByRole('button', { name: 'Advance', exact: true }).click()
  await page.locator('#clock-error').filter({ hasText: /^by / }).waitFor()
  expect(await page.locator('#clock-by').getAttribute('aria-invalid')).toBe('true')
  await page.getByRole('button', { name: 'Reset…' }).click()
  await page.getByRole('button', { name: 'Reset now' }).click()
  await expect.poll(() => api?.clock().offsetMs).toBe(0)
  await page.context().close()
})

it('with an OpenAPI document, lists its collections where it serves them, by key, then its operations, beside the built-in resources', async () => {
  const page = await openPage({
    openapi: 'test/fixtures/openapi/museum.yaml',
    basePath: '/museum',
    config: { builtins: true },
  })
  await expect
    .poll(() => page.locator('#res-title').textContent())
    .toBe('Redocly Museum API: collections and operations')
  const rows = await page.locator('#res-body tr td:first-child').allTextContents()
  expect(rows).toContain('/museum/special-eventskey eventId')
  expect(rows).toContain('/users')
  expect(rows).toContain('GET /museum/museum-hours')
  await page.context().close()
})
