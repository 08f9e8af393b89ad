import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createCliHarness } from './cli-process.test-support.js'

// Files and flags an attacker controls, through the built CLI: each a one-line error and exit 2.

let dir = ''
const cli = createCliHarness(() => dir)

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mockapi-bounded-'))
})

afterEach(async () => {
  await cli.stopAll()
  rmSync(dir, { recursive: true, force: true })
})

it('mockapi check refuses CR/LF, non-Latin-1 and framing headers in a scenario, with file:line:column', async () => {
  const file = join(dir, 'bad.yaml')
  const headers = '{ X: "a\\r\\nb", Y: "☕", Content-Length: "5", Transfer-Encoding: chunked }'
  writeFileSync(file, `rules:\n  - respond:\n      status: 503\n      headers: ${headers}\n`)
  const { code, stdout, stderr } = await cli.run(['check', file])
  expect(code).toBe(2)
  expect(stdout).toBe('')
  const lines = stderr.trim().split('\n')
  expect(lines).toHaveLength(4)
  expect(lines[0]).toMatch(/bad\.yaml:4:21: .*headers\.X: .*no CR or LF/)
  expect(lines[2]).toMatch(/bad\.yaml:4:\d+: .*Content-Length is set by the server/)
})
