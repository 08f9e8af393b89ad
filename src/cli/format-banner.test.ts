import { expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'
import { formatBanner } from './format-banner.js'

const api = createMockApi({ seed: 1, count: 1 })
const banner = (interactive: boolean) =>
  formatBanner({
    version: '0.0.0',
    url: 'http://127.0.0.1:4000',
    resources: api.resources(),
    config: undefined,
    settings: api.settings(),
    interactive,
  })

it.each([
  [true, true],
  [false, false],
])('with stdin a terminal: %s, the banner says "Press Ctrl+C": %s', (interactive, says) => {
  expect(banner(interactive).includes('Press Ctrl+C to stop.')).toBe(says)
})

it('says which Host names are served, and that /__mockapi is same-origin only', () => {
  expect(banner(false)).toMatch(/Hosts\s+loopback names, the bound address; others get 403/)
  expect(banner(false)).toMatch(
    /CORS\s+any origin \(resource routes; \/__mockapi is same-origin only\)/,
  )
})
