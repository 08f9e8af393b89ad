import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest'
import { createCliHarness, waitFor } from './cli-process.test-support.js'

// What a QA engineer running the CLI (or its image) sees: messages naming what they typed, a log
// without health probes, scenario files known by their file names, the URL file, allowed hosts.

const root = await mkdtemp(join(tmpdir(), 'mockapi-qa-cli-'))
let cwd = ''
let caseNumber = 0
const { serve, run, stopAll } = createCliHarness(() => cwd)

beforeEach(async () => {
  cwd = join(root, `case-${caseNumber++}`)
  await mkdir(join(cwd, 'scenarios'), { recursive: true })
})

afterEach(stopAll)

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

it.each<[string, string[], Record<string, string>, string]>([
  [
    'MOCKAPI_PORT=abc',
    [],
    { MOCKAPI_PORT: 'abc' },
    'MOCKAPI_PORT must be an integer from 0 to 65535, got "abc".',
  ],
  ['--port abc', ['--port', 'abc'], {}, '--port must be an integer from 0 to 65535, got "abc".'],
  ['--port abc over MOCKAPI_PORT=1', ['--port', 'abc'], { MOCKAPI_PORT: '1' }, '--port must be'],
  ['MOCKAPI_SEED=-1', [], { MOCKAPI_SEED: '-1' }, 'MOCKAPI_SEED must be an integer'],
  ['MOCKAPI_RATE_LIMIT=lots', [], { MOCKAPI_RATE_LIMIT: 'lots' }, 'MOCKAPI_RATE_LIMIT'],
  ['MOCKAPI_MAX_BODY_SIZE=huge', [], { MOCKAPI_MAX_BODY_SIZE: 'huge' }, 'MOCKAPI_MAX_BODY_SIZE: '],
  ['MOCKAPI_CONFIG=" "', [], { MOCKAPI_CONFIG: ' ' }, 'MOCKAPI_CONFIG must not be empty.'],
])('%s is refused in words that name it (exit 2)', async (_, args, env, message) => {
  const { code, stderr } = await run(args, env)
  expect(code).toBe(2)
  expect(stderr).toContain(`mockapi: ${message}`)
  expect(stderr.trim().split('\n')).toHaveLength(1)
})

it('an unknown scenario lists the names that exist, with no file position', async () => {
  await writeFile(join(cwd, 'scenarios/teapot.yaml'), 'rules:\n  - respond: { status: 418 }\n')
  const { code, stderr } = await run(['--scenario', 'nosuch'])
  expect(code).toBe(2)
  expect(stderr).toMatch(
    /^mockapi: unknown scenario "nosuch"; expected one of: teapot, badrequest, /,
  )
  expect(stderr).not.toMatch(/nosuch:\d+:\d+/)
})

it('a scenario file is known by its file name, and a differing name: is a warning', async () => {
  const file = join('scenarios', 'teapot.yaml')
  await writeFile(join(cwd, file), 'name: kettle\nrules:\n  - respond: { status: 418 }\n')
  const { cli, url } = await serve(['--scenario', 'teapot'])
  await waitFor(cli, () => cli.stderr.includes('differs'), 'the warning')
  expect(cli.stderr).toContain(
    `${file}:1:7: warning: name "kettle" differs from the file name; the scenario is known as "teapot" everywhere`,
  )
  const listed = (await (await fetch(`${url}/__mockapi/scenarios`)).json()) as {
    active: string[]
    scenarios: { name: string; active: boolean }[]
  }
  expect(listed.active).toEqual(['teapot'])
  expect(listed.scenarios.find((s) => s.name === 'teapot')?.active).toBe(true)
  expect(listed.scenarios.some((s) => s.name === 'kettle')).toBe(false)
  const switched = await fetch(`${url}/__mockapi/scenarios/active`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ names: ['teapot'] }),
  })
  expect(await switched.json()).toEqual({
    active: ['teapot'],
    warnings: [expect.stringContaining('warning: name "kettle" differs from the file name')],
  })
  const { code, stderr } = await run(['check', file])
  expect(code).toBe(0)
  expect(stderr).toContain('warning: name "kettle"')
})

it('health probes stay out of the request log; other requests do not', async () => {
  const { cli, url } = await serve([])
  for (let i = 0; i < 3; i++) await (await fetch(`${url}/__mockapi/health`)).text()
  await (await fetch(`${url}/users/1`, { headers: { authorization: 'Bearer dev-token' } })).text()
  await waitFor(cli, () => cli.stderr.includes('GET /users/1 200'), 'the log line')
  expect(cli.stderr).not.toContain('/__mockapi/health')
})

it('says "Press Ctrl+C" only on a terminal; a piped or detached run has no such line', async () => {
  const { cli } = await serve([])
  await waitFor(cli, () => cli.stderr.includes('Try: curl'), 'the banner')
  expect(cli.stderr).not.toContain('Ctrl+C')
})

it('--url-file holds the URL while serving and is removed on stop', async () => {
  const { cli, url } = await serve(['--url-file', 'mockapi.url'])
  const file = join(cwd, 'mockapi.url')
  expect((await readFile(file, 'utf8')).trim()).toBe(url)
  cli.child.kill('SIGTERM')
  expect(await cli.exited).toBe(0)
  expect(existsSync(file)).toBe(false)
})

it('an unwritable --url-file is said once and the server serves on', async () => {
  const { cli, url } = await serve([], { MOCKAPI_URL_FILE: join(cwd, 'no/such/dir/url') })
  expect((await fetch(`${url}/__mockapi/health`)).status).toBe(200)
  expect(cli.stderr).toContain('mockapi: could not write the URL to --url-file')
})

it('MOCKAPI_ALLOWED_HOSTS lets a name through; the banner says which hosts are served', async () => {
  const { cli, url } = await serve([], { MOCKAPI_ALLOWED_HOSTS: 'api.test' })
  await waitFor(cli, () => cli.stderr.includes('Try: curl'), 'the banner')
  expect(cli.stderr).toMatch(/Hosts\s+loopback names, the bound address, api\.test; others get 403/)
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:/)
  const any = await serve(['--allowed-hosts', '*'])
  await waitFor(any.cli, () => any.cli.stderr.includes('Try: curl'), 'the banner')
  expect(any.cli.stderr).toMatch(/Hosts\s+any Host header/)
})
