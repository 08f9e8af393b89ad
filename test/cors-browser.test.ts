import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningMockApi, startMockApi } from '../src/start-mock-api.js'
import { CHROMIUM, launchChromium } from './control-page.test-support.js'
import { missingSystemPackage } from './system-package.test-support.js'

// A browser app on another origin must be able to read every answer of the mock — refusals made
// before the pipeline (431) and before the session dispatch (invalid_session) included — instead
// of seeing "Failed to fetch".

const skip = missingSystemPackage(CHROMIUM, 'chromium')

describe.skipIf(skip)(skip ?? 'error answers read by a page on another origin', () => {
  let browser: Browser
  let page: Page
  let app: Server
  let api: RunningMockApi

  beforeAll(async () => {
    api = await startMockApi({ seed: 1, count: 2 })
    app = createServer((_req, res) => res.end('<!doctype html><title>app</title>'))
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve))
    browser = await launchChromium()
    page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${(app.address() as AddressInfo).port}/`)
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => app?.close(resolve))
    await api?.close()
  })

  /** `fetch` in the page: the status and code it can read, or the error it got. */
  function fetchInPage(path: string, headers: Record<string, string>) {
    return page.evaluate(
      async ({ url, headers }) => {
        try {
          const res = await fetch(url, { headers })
          const body = (await res.json()) as { code?: string }
          return { status: res.status, code: body.code, etag: res.headers.get('etag') }
        } catch (error) {
          return { error: String(error) }
        }
      },
      { url: `${api.url}${path}`, headers },
    )
  }

  it('reads a 200 and its ETag', async () => {
    const answer = await fetchInPage('/users/1', { authorization: 'Bearer dev-token' })
    expect(answer).toMatchObject({ status: 200 })
    expect((answer as { etag: string }).etag).toMatch(/^"/)
  })

  it('reads 400 invalid_session', async () => {
    const answer = await fetchInPage('/users', {
      authorization: 'Bearer dev-token',
      'x-mockapi-session': '../bad',
    })
    expect(answer).toEqual({ status: 400, code: 'invalid_session', etag: null })
  })

  it('reads 431 headers_too_large on the connection its preflight used', async () => {
    // The same URL as the 200 above: Cache-Control: no-cache makes the browser ask the mock
    // again instead of reusing that answer (Last-Modified alone invites heuristic caching).
    const answer = await fetchInPage('/users/1', {
      authorization: 'Bearer dev-token',
      'x-big': 'a'.repeat(20_000),
    })
    expect(answer).toEqual({ status: 431, code: 'headers_too_large', etag: null })
  })
})
