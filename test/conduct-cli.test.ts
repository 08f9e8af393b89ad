import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { type Cli, createCliHarness } from './cli-process.test-support.js'

let cwd = ''
const { serve, run, stopAll } = createCliHarness(() => cwd)

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'mockapi-conduct-cli-'))
})
afterEach(stopAll)
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true })
})

const AUTH = { Authorization: 'Bearer dev-token' }

/** Over the limit, then straight on: one retry-before-retry-after; a 404 asked twice in a session. */
async function misbehave(url: string): Promise<void> {
  for (let i = 0; i < 4; i++) await (await fetch(`${url}/users`, { headers: AUTH })).arrayBuffer()
  const session = { ...AUTH, 'X-Mockapi-Session': 'worker-1' }
  for (let i = 0; i < 2; i++)
    await (await fetch(`${url}/users/999`, { headers: session })).arrayBuffer()
}

async function stopped(cli: Cli) {
  cli.child.kill('SIGTERM')
  return cli.exited
}

it('--report FILE.json writes every instance, labelled, on stop; the Markdown goes to GITHUB_STEP_SUMMARY', async () => {
  const summary = join(cwd, 'step-summary.md')
  await writeFile(summary, '# earlier step\n')
  const { cli, url } = await serve(['--rate-limit', '2/60s', '--report', 'conduct.json'], {
    GITHUB_STEP_SUMMARY: summary,
  })
  await misbehave(url)
  expect(await stopped(cli)).toBe(0)
  expect(cli.stderr).toMatch(/conduct: 2 findings in 2 rules, \d+ error paths never met/)
  const report = JSON.parse(await readFile(join(cwd, 'conduct.json'), 'utf8'))
  expect(report.summary).toMatch(/^conduct: 2 findings in 2 rules/)
  expect(report.instances.map((i: { session: string | null }) => i.session)).toEqual([
    null,
    'worker-1',
  ])
  expect(report.instances[0].findings).toMatchObject([
    { rule: 'retry-before-retry-after', client: 'dev-token', session: null, requests: [3, 4] },
  ])
  expect(report.instances[1].findings).toMatchObject([
    { rule: 'retried-unretryable', session: 'worker-1', requests: [1, 2] },
  ])
  const appended = await readFile(summary, 'utf8')
  expect(appended).toMatch(/^# earlier step\n## mockapi: client conduct/)
  expect(appended).toContain('| `retry-before-retry-after` | dev-token |')
  expect(appended).toContain('### session worker-1')
})

it('--report FILE.md and FILE.html; --conduct-ignore drops a rule', async () => {
  for (const file of ['conduct.md', 'conduct.html']) {
    const { cli, url } = await serve([
      '--rate-limit',
      '2/60s',
      '--report',
      file,
      '--conduct-ignore',
      'retried-unretryable',
    ])
    await misbehave(url)
    expect(await stopped(cli)).toBe(0)
    const text = await readFile(join(cwd, file), 'utf8')
    expect(text).toContain('retry-before-retry-after')
    expect(text).not.toContain('retried-unretryable')
    expect(text).toContain(
      file.endsWith('.md') ? '| route | met | never met |' : '<table class="coverage">',
    )
  }
})

it('without --report nothing is written anywhere; --quiet drops the summary line', async () => {
  const summary = join(cwd, 'untouched.md')
  const { cli, url } = await serve(['--rate-limit', '2/60s'], { GITHUB_STEP_SUMMARY: summary })
  await misbehave(url)
  expect(await stopped(cli)).toBe(0)
  expect(cli.stderr).toMatch(/conduct: 2 findings in 2 rules/)
  expect(existsSync(summary)).toBe(false)
  const quiet = await serve(['--quiet'])
  expect(await stopped(quiet.cli)).toBe(0)
  expect(quiet.cli.stderr + quiet.cli.stdout).not.toContain('conduct:')
})

it.each([
  [
    ['--report', 'conduct.txt'],
    '--report must name a .json, .md or .html file, got "conduct.txt".',
  ],
  [['--report', 'no/such/dir/r.json'], '--report: the folder '],
  [
    ['--conduct-ignore', 'retry-storm,be-nice'],
    '--conduct-ignore: unknown rule "be-nice"; the rules are ',
  ],
  [['--hang-limit', 'soon'], '--hang-limit: duration must look like'],
  [['--retry-storm', '0'], '--retry-storm must be an integer from 1 to 1000000, got "0".'],
])('%j is refused with one line and exit 2', async (args, message) => {
  const { code, stderr } = await run(['--port', '0', ...args])
  expect(code).toBe(2)
  expect(stderr).toContain(`mockapi: ${message}`)
  expect(stderr.trim().split('\n')).toHaveLength(1)
})

it('MOCKAPI_CONDUCT_IGNORE, MOCKAPI_HANG_LIMIT and MOCKAPI_REPORT mirror the flags', async () => {
  const { cli, url } = await serve(['--rate-limit', '2/60s'], {
    MOCKAPI_CONDUCT_IGNORE: 'retry-before-retry-after',
    MOCKAPI_HANG_LIMIT: '5s',
    MOCKAPI_REPORT: 'env.json',
  })
  await misbehave(url)
  expect(await stopped(cli)).toBe(0)
  const report = JSON.parse(await readFile(join(cwd, 'env.json'), 'utf8'))
  expect(report.instances[0].findings).toEqual([])
})
