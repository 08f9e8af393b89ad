import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'

const dir = mkdtempSync(join(tmpdir(), 'mockapi-catalog-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Listed {
  readonly scenarios: { name: string; description: string; problem?: string }[]
}

async function listed(api: ReturnType<typeof createMockApi>, name: string) {
  const res = await api.fetch(new Request('http://mock/__mockapi/state'))
  return ((await res.json()) as Listed).scenarios.find((s) => s.name === name)
}

const scenario = (description: string) =>
  `description: ${description}\nrules:\n  - respond: { status: 503 }\n`

it('lists a FIFO or a symlink loop in the scenarios folder as a problem, never hanging', async () => {
  execFileSync('mkfifo', [join(dir, 'pipe.yaml')])
  execFileSync('ln', ['-s', join(dir, 'loop.yaml'), join(dir, 'loop.yaml')])
  const api = createMockApi({ scenariosDir: dir })
  expect(await listed(api, 'pipe')).toMatchObject({ problem: expect.stringMatching(/FIFO/) })
  expect(await listed(api, 'loop')).toMatchObject({
    problem: expect.stringMatching(/symlink loop/),
  })
  const res = await api.fetch(
    new Request('http://mock/__mockapi/scenarios/active', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ names: ['pipe'] }),
    }),
  )
  expect(res.status).toBe(400)
  expect(await res.json()).toMatchObject({ code: 'invalid_scenario' })
})

it('parses each scenario file once per change, not on each /state request', async () => {
  const file = join(dir, 'mine.yaml')
  writeFileSync(file, scenario('first'))
  utimesSync(file, 1e9, 1e9)
  const api = createMockApi({ scenariosDir: dir })
  expect((await listed(api, 'mine'))?.description).toBe('first')
  // Same size and modification time: the catalog takes it for the version it parsed already.
  writeFileSync(file, scenario('other'))
  utimesSync(file, 1e9, 1e9)
  expect((await listed(api, 'mine'))?.description).toBe('first')
  writeFileSync(file, scenario('second, longer'))
  expect((await listed(api, 'mine'))?.description).toBe('second, longer')
})
