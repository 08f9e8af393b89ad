import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'

// A user's suite, run by Vitest as a user runs it, importing the built package by its name.
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs')
let dir = ''

const SUITE = `
import { createMockApiTest } from '@mockapi-dev/mockapi/vitest'
import { expect } from 'vitest'

const AUTH = { Authorization: 'Bearer dev-token' }
const strict = createMockApiTest({ count: 3, conduct: { fail: true } })
const lenient = createMockApiTest({ count: 3, conduct: { fail: true, ignore: ['retried-unretryable'] } })

strict('a client that asks a 404 twice', async ({ mockapi }) => {
  for (let i = 0; i < 2; i++) await fetch(mockapi.url + '/users/999', { headers: AUTH })
  expect(true).toBe(true)
})

strict('a client that behaves', async ({ mockapi }) => {
  expect((await fetch(mockapi.url + '/users/1', { headers: AUTH })).status).toBe(200)
})

lenient('the same client with the rule ignored', async ({ mockapi }) => {
  for (let i = 0; i < 2; i++) await fetch(mockapi.url + '/users/999', { headers: AUTH })
})
`

beforeAll(async () => {
  // Inside the package, so '@mockapi-dev/mockapi' resolves to it (package self-reference).
  dir = await mkdtemp(join(ROOT, 'test-artifacts-vitest-conduct-'))
  await writeFile(join(dir, 'client.test.mjs'), SUITE)
  await writeFile(
    join(dir, 'vitest.config.mjs'),
    'export default { test: { include: ["*.test.mjs"] } }\n',
  )
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

it('conduct: { fail: true } fails the test whose client left findings, and only it', () => {
  const run = spawnSync(process.execPath, [VITEST, 'run', '--reporter=verbose'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  })
  const output = run.stdout + run.stderr
  expect(run.status, output).toBe(1)
  expect(output).toMatch(/× .*a client that asks a 404 twice/)
  expect(output).toMatch(/✓ .*a client that behaves/)
  expect(output).toMatch(/✓ .*the same client with the rule ignored/)
  expect(output).toContain(
    'mockapi: the client left 1 conduct finding(s) (conduct: { fail: true }):',
  )
  expect(output).toContain('- retried-unretryable (dev-token; requests #1, #2)')
  expect(output).toMatch(/1 failed \| 2 passed/)
})
