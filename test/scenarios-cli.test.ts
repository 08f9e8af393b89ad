import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest'
import { BUILTIN_SCENARIO_NAMES } from '../src/scenarios/builtin-names.test-support.js'
import { createCliHarness, waitFor } from './cli-process.test-support.js'

// Scenarios through the command line, as a user runs them.

const root = await mkdtemp(join(tmpdir(), 'mockapi-scenarios-cli-'))
let cwd = ''
let caseNumber = 0
const { launch, serve, run, stopAll } = createCliHarness(() => cwd)

beforeEach(async () => {
  cwd = join(root, `case-${caseNumber++}`)
  await mkdir(cwd, { recursive: true })
})

afterEach(stopAll)

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

const AUTH = { Authorization: 'Bearer dev-token' }
const TASK = { title: 'Write the tests', status: 'todo', projectId: 1 }

function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { headers: { ...AUTH, ...headers } })
}

function post(url: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { ...AUTH, 'Content-Type': 'application/json' },
    body: JSON.stringify(TASK),
  })
}

async function statuses(call: () => Promise<Response>, times: number): Promise<number[]> {
  const codes: number[] = []
  for (let i = 0; i < times; i++) codes.push((await call()).status)
  return codes
}

const CHECKOUT = `name: checkout-failures
description: Orders fail twice, then succeed.
rules:
  - match: { method: POST, path: /tasks }
    when: { times: 2 }
    respond: { status: 503 }
`

it('--scenario ratelimit lowers the limit to 10 per 60 s and the banner says so', async () => {
  const { cli, url } = await serve(['--scenario', 'ratelimit'])
  expect(await statuses(() => get(`${url}/users`), 11)).toEqual([...Array(10).fill(200), 429])
  await waitFor(cli, () => cli.stderr.includes('Try: curl'), 'the banner')
  expect(cli.stderr).toMatch(/^\s+Rate limit\s+10\/60s/m)
  expect(cli.stderr).toMatch(/^\s+Scenarios\s+ratelimit/m)
})

it('--scenario recovering fails each route twice, then succeeds, and logs which rule answered', async () => {
  const { cli, url } = await serve(['--scenario', 'recovering'])
  expect(await statuses(() => get(`${url}/users/1`), 3)).toEqual([503, 503, 200])
  expect(await statuses(() => post(`${url}/tasks`), 3)).toEqual([503, 503, 201])
  await waitFor(
    cli,
    () => /GET \/users\/1 503 [\d.]+ms \(scenario recovering, rule 1\)/.test(cli.stderr),
    'the log line of an injected answer',
  )
})

it('a file given by path works, and later scenarios layer over earlier ones', async () => {
  await writeFile(join(cwd, 'checkout.yaml'), CHECKOUT)
  const { url } = await serve(['--scenario', 'unavailable', '--scenario', './checkout.yaml'])
  expect(await statuses(() => post(`${url}/tasks`), 3)).toEqual([503, 503, 503])
  expect((await get(`${url}/users`)).status).toBe(503)
})

it('MOCKAPI_SCENARIO takes a comma-separated list', async () => {
  await writeFile(join(cwd, 'checkout.yaml'), CHECKOUT)
  const { url } = await serve([], { MOCKAPI_SCENARIO: 'notfound, ./checkout.yaml' })
  expect((await get(`${url}/tasks/1`)).status).toBe(404)
  expect(await statuses(() => post(`${url}/tasks`), 3)).toEqual([503, 503, 201])
})

it('names resolve in ./scenarios first, then --scenarios-dir, then the built-ins', async () => {
  await mkdir(join(cwd, 'scenarios'))
  await mkdir(join(cwd, 'mine'))
  const own = 'description: My own flaky.\nrules:\n  - respond: { status: 502 }\n'
  await writeFile(join(cwd, 'scenarios', 'flaky.yaml'), own)
  await writeFile(join(cwd, 'mine', 'flaky.yaml'), own.replace('502', '418'))
  const first = await serve(['--scenario', 'flaky'])
  expect((await get(`${first.url}/users`)).status).toBe(502)
  const second = await serve(['--scenario', 'flaky', '--scenarios-dir', 'mine'])
  expect((await get(`${second.url}/users`)).status).toBe(418)
})

it('mockapi scenarios lists the built-ins and the own ones with their descriptions', async () => {
  await mkdir(join(cwd, 'scenarios'))
  await writeFile(join(cwd, 'scenarios', 'checkout.yaml'), CHECKOUT)
  const { code, stdout } = await run(['scenarios'])
  expect(code).toBe(0)
  for (const name of [...BUILTIN_SCENARIO_NAMES, 'checkout']) {
    expect(stdout).toMatch(new RegExp(`^  ${name}\\s+\\S`, 'm'))
  }
  expect(stdout).toContain('Orders fail twice, then succeed.')
  expect(stdout).toContain('Your client should retry 503 and 429 with backoff')
})

it.each<[string, string[], Record<string, string>, RegExp]>([
  [
    'an unknown name',
    ['--scenario', 'nope'],
    {},
    /^mockapi: unknown scenario "nope"; expected one of: badrequest, chaos/,
  ],
  [
    'a path outside',
    ['--scenario', '../../etc/passwd'],
    {},
    /^mockapi: "\.\.\/\.\.\/etc\/passwd" is not a scenario name/,
  ],
  [
    'a missing file',
    ['--scenario', './missing.yaml'],
    {},
    /^\.\/missing\.yaml:1:1: cannot read scenario file/,
  ],
  ['a bad env value', [], { MOCKAPI_SCENARIO: 'nope' }, /^mockapi: unknown scenario "nope"/],
])('%s exits 2 with one line naming it on stderr', async (_name, args, env, message) => {
  const { code, stdout, stderr } = await run(['--port', '0', ...args], env)
  expect(code).toBe(2)
  expect(stdout).toBe('')
  expect(stderr).toMatch(message)
  expect(stderr).not.toMatch(/^\s+at /m)
})

it('a broken scenario file stops the start with every problem, exit 2', async () => {
  await writeFile(
    join(cwd, 'broken.yaml'),
    'rules:\n  - match: { method: FETCH }\n    respond: { status: 200 }\n  - respond: { fault: explode }\n',
  )
  const { code, stderr } = await run(['--scenario', './broken.yaml'])
  expect(code).toBe(2)
  const lines = stderr.trim().split('\n')
  expect(lines.length).toBeGreaterThanOrEqual(3)
  expect(stderr).toMatch(/^\.\/broken\.yaml:2:\d+: .*FETCH/m)
  expect(stderr).toMatch(/^\.\/broken\.yaml:3:\d+: /m)
  expect(stderr).toMatch(/^\.\/broken\.yaml:4:\d+: .*explode/m)
})

it('mockapi check validates scenario and config files together and reports every problem', async () => {
  await writeFile(join(cwd, 'good.yaml'), CHECKOUT)
  await writeFile(join(cwd, 'mockapi.yaml'), 'count: 5\n')
  await writeFile(join(cwd, 'bad.yaml'), 'rules:\n  - respond: { status: 99 }\n')
  await writeFile(join(cwd, 'bad-config.yaml'), 'count: lots\n')
  const ok = await run(['check', 'good.yaml', 'mockapi.yaml'])
  expect(ok).toMatchObject({ code: 0, stdout: '2 files OK\n' })
  const bad = await run(['check', 'good.yaml', 'bad.yaml', 'bad-config.yaml'])
  expect(bad.code).toBe(2)
  expect(bad.stderr).toMatch(/^bad\.yaml:2:\d+: /m)
  expect(bad.stderr).toMatch(/^bad-config\.yaml:1:\d+: /m)
})

it('an own scenario file reloads on change; a bad edit keeps the last good version', async () => {
  const file = join(cwd, 'live.yaml')
  await writeFile(file, 'rules:\n  - match: { path: /users }\n    respond: { status: 503 }\n')
  const { cli, url } = await serve(['--scenario', './live.yaml'])
  expect((await get(`${url}/users`)).status).toBe(503)

  await writeFile(file, 'rules:\n  - match: { path: /users }\n    respond: { status: 404 }\n')
  await waitFor(cli, () => cli.stderr.includes('reloaded ./live.yaml'), 'the reload')
  expect((await get(`${url}/users`)).status).toBe(404)

  await writeFile(file, 'rules:\n  - match: { path: /users }\n    respond: { status: 9 }\n')
  await waitFor(cli, () => cli.stderr.includes('not reloaded'), 'the refused reload')
  expect(cli.stderr).toMatch(/^\.\/live\.yaml:3:\d+: /m)
  expect((await get(`${url}/users`)).status).toBe(404)
})

it('Prefer: code= works out of the box and --no-prefer turns it off', async () => {
  const on = await serve([])
  const forced = await get(`${on.url}/users/1`, { Prefer: 'code=429' })
  expect(forced.status).toBe(429)
  expect(Number(forced.headers.get('retry-after'))).toBeGreaterThanOrEqual(60)
  const off = await serve(['--no-prefer'])
  expect((await get(`${off.url}/users/1`, { Prefer: 'code=429' })).status).toBe(200)
})

it('a network fault resets the connection of a real client', async () => {
  await writeFile(
    join(cwd, 'reset.yaml'),
    'rules:\n  - match: { path: /comments/** }\n    respond: { fault: reset }\n',
  )
  const { url } = await serve(['--scenario', './reset.yaml'])
  const error = (await get(`${url}/comments/1`).catch((e: unknown) => e)) as TypeError
  expect(error).toBeInstanceOf(TypeError)
  expect((await get(`${url}/users/1`)).status).toBe(200)
  const cli = launch(['--help'])
  await cli.exited
  expect(cli.stdout).toContain('--scenario')
})
