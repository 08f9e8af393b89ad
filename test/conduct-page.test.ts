import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it as vitestIt } from 'vitest'
import { formatConductHtml } from '../src/conduct/format-conduct-html.js'
import { startMockApi } from '../src/index.js'
import { artifact, CHROMIUM, launchChromium } from './control-page.test-support.js'
import { missingSystemPackage } from './system-package.test-support.js'

// Without Debian's Chromium every test here is skipped, with one line saying what to install.
const skip = missingSystemPackage(CHROMIUM, 'chromium')
const it = vitestIt.skipIf(skip !== undefined)

const AUTH = { Authorization: 'Bearer dev-token' }
let browser: Browser
let dir = ''

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mockapi-conduct-page-'))
  if (skip === undefined) browser = await launchChromium()
}, 30_000)

afterAll(async () => {
  await browser?.close()
  await rm(dir, { recursive: true, force: true })
})

async function get(url: string, headers: Record<string, string> = AUTH): Promise<void> {
  await (await fetch(url, { headers })).arrayBuffer()
}

it('the control page\'s "Client conduct" panel shows findings as they happen, and the coverage grid', async () => {
  const api = await startMockApi({ seed: 1, count: 3 })
  const page = await browser.newPage({ viewport: { width: 1366, height: 1100 } })
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  try {
    await page.goto(`${api.url}/__mockapi/`)
    const panel = page.getByRole('region', { name: 'Client conduct' })
    await panel.getByText('No findings').waitFor()
    await get(`${api.url}/users/1`)
    for (let i = 0; i < 2; i++) await get(`${api.url}/users/999`)
    const finding = panel.locator('#conduct-findings li[data-rule="retried-unretryable"]')
    await finding.waitFor({ timeout: 5000 })
    expect(await finding.textContent()).toMatch(
      /retried-unretryable.*dev-token.*requests #2, #3.*GET \/users\/999 was answered 404/,
    )
    const row = panel.locator('#coverage-body tr').filter({ hasText: 'GET /users/:id' })
    const heads = await panel.locator('#coverage-head th').allTextContents()
    const cell = (outcome: string) => row.locator('td').nth(heads.indexOf(outcome) - 1)
    expect(await cell('200').textContent()).toBe('1')
    expect(await cell('404').textContent()).toBe('2')
    expect(await cell('429').textContent()).toBe('never')
    expect(await cell('429').getAttribute('title')).toBe('scenario ratelimit, or Prefer: code=429')
    await panel.screenshot({ path: artifact('conduct-panel.png') })
    await panel.getByRole('button', { name: 'Clear' }).click()
    await panel.getByText('No findings').waitFor()
    expect(api.conduct()).toEqual({ findings: [], coverage: [] })
    expect(errors).toEqual([])
  } finally {
    await page.close()
    await api.close()
  }
})

it('the HTML report is one standalone page that shows every finding and the grid', async () => {
  const api = await startMockApi({ seed: 1, count: 3, rateLimit: '2/60s' })
  for (let i = 0; i < 4; i++) await get(`${api.url}/users`)
  for (let i = 0; i < 2; i++) {
    await get(`${api.url}/users/999`, { ...AUTH, 'X-Mockapi-Session': 'worker-1' })
  }
  const file = join(dir, 'conduct.html')
  await writeFile(file, formatConductHtml(api.conductReports()))
  await api.close()
  const page = await browser.newPage()
  const outside: string[] = []
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) outside.push(request.url())
  })
  try {
    await page.goto(`file://${file}`)
    expect(await page.title()).toBe('mockapi: client conduct')
    expect(await page.locator('#summary').textContent()).toMatch(
      /^conduct: 2 findings in 2 rules, \d+ error paths never met$/,
    )
    const sections = page.locator('section h2')
    expect(await sections.allTextContents()).toEqual(['default instance', 'session worker-1'])
    const rows = page.locator('tr.finding')
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-rule')))).toEqual([
      'retry-before-retry-after',
      'retried-unretryable',
    ])
    expect(await rows.first().textContent()).toContain('#3, #4')
    expect(await page.locator('table.coverage td.missing').count()).toBeGreaterThan(0)
    await page.screenshot({ path: artifact('conduct-report.png'), fullPage: true })
    expect(outside).toEqual([])
  } finally {
    await page.close()
  }
})
