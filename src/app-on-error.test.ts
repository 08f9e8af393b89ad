import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { createMockApi } from './create-mock-api.js'

// Faults of our own, reached at runtime through real config: the request that meets one gets
// 500 internal_error in the one envelope, and every other request is served as before.

const get = (api: ReturnType<typeof createMockApi>, path: string, headers = {}) =>
  api.fetch(new Request(`http://mock${path}`, { headers }))

let dir = ''
afterEach(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true })
  dir = ''
})

it('answers 500 internal_error when a faker generator made a value JSON cannot carry', async () => {
  const errors: unknown[] = []
  const api = createMockApi({
    auth: false,
    config: {
      builtins: true,
      resources: [
        {
          name: 'ledgers',
          count: 2,
          fields: { balance: { type: 'integer', faker: 'number.bigInt' } },
        },
      ],
    },
    onUnexpectedError: (error) => errors.push(error),
  })
  for (const path of ['/ledgers/1', '/ledgers', '/ledgers/2']) {
    const res = await get(api, path)
    expect(res.status).toBe(500)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await res.json()).toMatchObject({ code: 'internal_error', instance: path })
  }
  expect(errors).toHaveLength(3)
  expect((await get(api, '/users/1')).status).toBe(200)
  expect((await get(api, '/__mockapi/health')).status).toBe(200)
})

it('makes sessions from the config file as it was read at the start, whatever it says now', async () => {
  dir = mkdtempSync(join(tmpdir(), 'mockapi-faults-'))
  const file = join(dir, 'mockapi.yaml')
  writeFileSync(file, 'resources:\n  books:\n    fields:\n      title: string\n')
  const errors: unknown[] = []
  const api = createMockApi({ auth: false, config: file, onUnexpectedError: (e) => errors.push(e) })
  writeFileSync(file, 'resources:\n  books:\n    fields:\n      title: strng\n')

  const inSession = await get(api, '/books/1', { 'x-mockapi-session': 'new-one' })
  expect(inSession.status).toBe(200)
  expect(await inSession.json()).toEqual(await (await get(api, '/books/1')).json())
  expect(errors).toEqual([])
})
