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

it("tries a path without parameters when the document has one, not the first collection's", async () => {
  const { loadOpenApi } = await import('../openapi/load-openapi.js')
  const json = {
    'application/json': { schema: { type: 'object', properties: { id: { type: 'integer' } } } },
  }
  const param = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } }
  const ok = (content?: object) => ({ responses: { 200: { description: 'ok', content } } })
  const openapi = await loadOpenApi({
    openapi: '3.1.0',
    info: { title: 'Nested first', version: '1' },
    paths: {
      '/repos/{slug}/pulls': { parameters: [param], get: ok(json) },
      '/repos/{slug}/pulls/{id}': {
        parameters: [param, { ...param, name: 'id' }],
        get: ok(json),
      },
      '/status': { get: ok(json) },
    },
  })
  const mock = createMockApi({ openapi, auth: false, count: 1 })
  const text = formatBanner({
    version: '0.0.0',
    url: 'http://127.0.0.1:4000',
    resources: mock.resources(),
    config: undefined,
    settings: mock.settings(),
    interactive: false,
  })
  expect(text).toContain('Try: curl http://127.0.0.1:4000/status\n')
})
