import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'

// The built CLI (`npm run build` runs before vitest in `npm test`), as a user runs it.
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = join(ROOT, 'bin', 'mockapi.js')
const RESOURCES = ['users', 'projects', 'tasks', 'comments']
const STACK_LINE = /^\s+at /m

interface Exit {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
}

interface Cli {
  readonly child: ChildProcessWithoutNullStreams
  readonly exited: Promise<Exit>
  stdout: string
  stderr: string
}

interface LaunchOptions {
  readonly env?: Readonly<Record<string, string>>
  readonly cwd?: string
}

// Servers live until their test ends; commands that end on their own (`run`) are awaited, and
// killed by `run` itself if they hang, so the concurrent tests never kill each other's children.
const servers = new Set<ChildProcessWithoutNullStreams>()
const commands = new Set<ChildProcessWithoutNullStreams>()
let tempRoot = ''

function kill(children: Set<ChildProcessWithoutNullStreams>): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
  children.clear()
}

beforeAll(async () => {
  tempRoot = await mkdtemp(join(tmpdir(), 'mockapi-cli-'))
})

afterEach(() => kill(servers))

afterAll(async () => {
  kill(commands)
  await rm(tempRoot, { recursive: true, force: true })
})

/** The test runner's environment without any MOCKAPI_* variable or HOST, so each test sets its own. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('MOCKAPI_') && name !== 'HOST') env[name] = value
  }
  return env
}

function launch(args: readonly string[], options: LaunchOptions = {}, kind = servers): Cli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...cleanEnv(), ...options.env },
  })
  kind.add(child)
  const exited = new Promise<Exit>((resolve) => {
    // `close`, not `exit`: by then both streams have been read to the end.
    child.once('close', (code, signal) => resolve({ code, signal }))
  })
  const cli: Cli = { child, exited, stdout: '', stderr: '' }
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    cli.stdout += chunk
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    cli.stderr += chunk
  })
  return cli
}

async function waitFor(cli: Cli, ready: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms
  while (!ready()) {
    if (cli.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`Gave up waiting for ${what}.\nstdout: ${cli.stdout}\nstderr: ${cli.stderr}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** Runs a command that is expected to end on its own. */
async function run(args: readonly string[], options: LaunchOptions = {}) {
  const cli = launch(args, options, commands)
  const hung = setTimeout(() => cli.child.kill('SIGKILL'), 10_000)
  const { code, signal } = await cli.exited
  clearTimeout(hung)
  commands.delete(cli.child)
  return { code: signal === 'SIGKILL' ? 'hung' : code, stdout: cli.stdout, stderr: cli.stderr }
}

/** Starts a server with `--ready-json` and reads its URL from the first stdout line. */
async function serve(args: readonly string[] = ['--port', '0'], options: LaunchOptions = {}) {
  const cli = launch([...args, '--ready-json'], options)
  await waitFor(cli, () => cli.stdout.includes('\n'), 'the ready line')
  const ready = JSON.parse(cli.stdout.split('\n')[0] ?? '') as { url: string }
  return { cli, url: ready.url }
}

async function stop(cli: Cli, signal: NodeJS.Signals = 'SIGTERM'): Promise<Exit> {
  cli.child.kill(signal)
  return cli.exited
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : 0)
    })
  })
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()))
}

async function freePort(): Promise<number> {
  const server = createServer()
  const port = await listen(server)
  await close(server)
  return port
}

async function tempDir(files: Readonly<Record<string, string>>): Promise<string> {
  const dir = await mkdtemp(join(tempRoot, 'case-'))
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
  return dir
}

/** A GET as a client with the default read/write token, `dev-token`. */
function get(url: string): Promise<Response> {
  return fetch(url, { headers: { Authorization: 'Bearer dev-token' } })
}

async function bodyOf(url: string): Promise<string> {
  const res = await get(url)
  expect(res.status).toBe(200)
  return res.text()
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '')
}

const BOOKS_YAML = `resources:
  books:
    count: 4
    fields:
      title: { type: string, required: true, faker: book.title }
      pages: { type: integer, min: 1, max: 2000 }
      authorId: { type: integer, ref: users }
`

// Each problem on its own line: the type typo at 4:22 (the value "strng").
const BAD_TYPE_YAML = `resources:
  books:
    fields:
      title: { type: strng }
`

// Schema-valid, but three checks fail: line 4 faker, line 5 ref, line 6 min above max.
const BAD_CHECKS_YAML = `resources:
  books:
    fields:
      title: { type: string, faker: nope.nope }
      authorId: { type: integer, ref: authors }
      pages: { type: integer, min: 10, max: 2 }
`

it('serves GET /users/1 and GET /__mockapi/health on a real socket', async () => {
  const { url } = await serve()
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  const user = await get(`${url}/users/1`)
  expect(user.status).toBe(200)
  expect(await user.json()).toMatchObject({ id: 1 })
  expect((await get(`${url}/__mockapi/health`)).status).toBe(200)
})

it('the banner names the URL and every resource with its count', async () => {
  const port = await freePort()
  const cli = launch(['--port', String(port)])
  const url = `http://127.0.0.1:${port}`
  const complete = () =>
    cli.stdout.includes(url) &&
    RESOURCES.every((name) => new RegExp(`\\b${name}\\W+50\\b`).test(cli.stdout))
  await waitFor(cli, complete, 'a banner with the URL and users/projects/tasks/comments (50)')
  expect((await get(`${url}/users/1`)).status).toBe(200)
})

it('logs one line per request with method, path, status and milliseconds', async () => {
  const { cli, url } = await serve()
  await get(`${url}/users/1`)
  await get(`${url}/users/1`)
  await get(`${url}/nope`)
  expect(await stop(cli)).toEqual({ code: 0, signal: null })
  const log = lines(`${cli.stdout}\n${cli.stderr}`)
  expect(log.filter((line) => /^GET \/users\/1 200 \d+(\.\d+)?ms$/.test(line))).toHaveLength(2)
  expect(log.filter((line) => /^GET \/nope 404 \d+(\.\d+)?ms$/.test(line))).toHaveLength(1)
})

it('--quiet prints neither the banner nor the request log', async () => {
  const { cli, url } = await serve(['--port', '0', '--quiet'])
  await get(`${url}/users/1`)
  expect(await stop(cli)).toEqual({ code: 0, signal: null })
  expect(lines(cli.stdout)).toEqual([JSON.stringify({ url })])
  expect(cli.stderr).toBe('')
})

it('--seed gives byte-identical data in two processes and other data for another seed', async () => {
  const started = await Promise.all(
    ['5', '5', '6'].map((seed) => serve(['--port', '0', '--seed', seed, '--quiet'])),
  )
  const [first, second, other] = await Promise.all(
    started.map(({ url }) => bodyOf(`${url}/users?per_page=100`)),
  )
  expect(first).toBe(second)
  expect(other).not.toBe(first)
})

it('--count 3 serves three records per resource', async () => {
  const { url } = await serve(['--port', '0', '--count', '3', '--quiet'])
  for (const name of RESOURCES) {
    expect((await get(`${url}/${name}`)).headers.get('x-total-count')).toBe('3')
  }
})

it('MOCKAPI_PORT chooses the port like --port', async () => {
  const port = await freePort()
  const { url } = await serve(['--quiet'], { env: { MOCKAPI_PORT: String(port) } })
  expect(url).toBe(`http://127.0.0.1:${port}`)
  expect((await get(`${url}/users/1`)).status).toBe(200)
})

it('MOCKAPI_SEED and MOCKAPI_COUNT give the same data as --seed and --count', async () => {
  const [fromEnv, fromFlags] = await Promise.all([
    serve(['--port', '0', '--quiet'], { env: { MOCKAPI_SEED: '7', MOCKAPI_COUNT: '3' } }),
    serve(['--port', '0', '--quiet', '--seed', '7', '--count', '3']),
  ])
  const envRes = await get(`${fromEnv.url}/users`)
  expect(envRes.headers.get('x-total-count')).toBe('3')
  expect(await envRes.text()).toBe(await bodyOf(`${fromFlags.url}/users`))
})

it('a flag wins over its environment variable', async () => {
  const { url } = await serve(['--port', '0', '--quiet', '--count', '5'], {
    env: { MOCKAPI_COUNT: '3' },
  })
  expect((await get(`${url}/users`)).headers.get('x-total-count')).toBe('5')
})

it.each(['SIGTERM', 'SIGINT'] as const)(
  '%s stops the server with exit 0 after the in-flight request is answered',
  async (signal) => {
    const { cli, url } = await serve(['--port', '0', '--quiet'])
    const body = JSON.stringify({ name: 'Ada Lovelace', email: 'ada@example.test', role: 'admin' })
    const req = httpRequest(`${url}/users`, {
      method: 'POST',
      // A fresh connection that closes after the answer, so the exit is not held by keep-alive.
      agent: false,
      headers: {
        Authorization: 'Bearer dev-token',
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
      },
    })
    const answered = new Promise<{ status: number | undefined; text: string }>(
      (resolve, reject) => {
        req.on('error', reject)
        req.on('response', (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => {
            text += chunk
          })
          res.on('end', () => resolve({ status: res.statusCode, text }))
        })
      },
    )
    // Half the body now: the server has the request and waits for the rest.
    req.write(body.slice(0, 10))
    await new Promise((resolve) => setTimeout(resolve, 150))
    cli.child.kill(signal)
    await new Promise((resolve) => setTimeout(resolve, 150))
    req.end(body.slice(10))
    const res = await answered
    expect(res.status).toBe(201)
    expect(JSON.parse(res.text)).toMatchObject({ name: 'Ada Lovelace' })
    expect(await cli.exited).toEqual({ code: 0, signal: null })
  },
)

it('--config with a valid YAML file adds a resource next to the built-ins', async () => {
  const dir = await tempDir({ 'books.yaml': BOOKS_YAML })
  const { url } = await serve(['--port', '0', '--quiet', '--config', join(dir, 'books.yaml')])
  const res = await get(`${url}/books`)
  expect(res.status).toBe(200)
  expect(res.headers.get('x-total-count')).toBe('4')
  const books = (await res.json()) as { title: unknown; pages: unknown }[]
  for (const book of books) {
    expect(typeof book.title).toBe('string')
    expect(book.pages).toBeGreaterThanOrEqual(1)
    expect(book.pages).toBeLessThanOrEqual(2000)
  }
  expect((await get(`${url}/users/1`)).status).toBe(200)
})

it('mockapi.yaml in the working directory is picked up without --config', async () => {
  const dir = await tempDir({ 'mockapi.yaml': BOOKS_YAML })
  const { url } = await serve(['--port', '0', '--quiet'], { cwd: dir })
  const res = await get(`${url}/books`)
  expect(res.status).toBe(200)
  expect(res.headers.get('x-total-count')).toBe('4')
})

// Commands that end on their own run side by side: they start no server and share nothing.

it.concurrent('--help exits 0 and lists every flag', async ({ expect }) => {
  const { code, stdout, stderr } = await run(['--help'])
  expect(code).toBe(0)
  expect(stderr).toBe('')
  const flags = ['--port', '--host', '--seed', '--count', '--config', '--quiet', '--version']
  for (const flag of flags) expect(stdout).toContain(flag)
})

it.concurrent('--version prints the version of package.json', async ({ expect }) => {
  const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
    version: string
  }
  const { code, stdout } = await run(['--version'])
  expect(code).toBe(0)
  expect(stdout.trim()).toBe(manifest.version)
})

it.concurrent.for([
  [['--port', 'abc'], '--port'],
  [['--nope'], '--nope'],
  [['--count', '-1'], '--count'],
  [['--seed', 'x'], '--seed'],
  [['serve-me'], 'serve-me'],
] as const)(
  'mockapi %j exits 2 with one line on stderr naming %s',
  async ([args, name], { expect }) => {
    const { code, stdout, stderr } = await run(args)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).not.toMatch(STACK_LINE)
    expect(lines(stderr)).toHaveLength(1)
    expect(stderr).toContain(name)
  },
)

it.concurrent('a port in use exits 1 with one line naming the address and port', async ({
  expect,
}) => {
  const blocker = createServer()
  const port = await listen(blocker)
  try {
    const { code, stderr } = await run(['--port', String(port)])
    expect(code).toBe(1)
    expect(stderr).not.toMatch(STACK_LINE)
    expect(lines(stderr)).toHaveLength(1)
    expect(stderr).toContain(`127.0.0.1:${port}`)
  } finally {
    await close(blocker)
  }
})

it.concurrent('an invalid config file exits 2 with file:line:column: message', async ({
  expect,
}) => {
  const dir = await tempDir({ 'bad.yaml': BAD_TYPE_YAML })
  const file = join(dir, 'bad.yaml')
  const { code, stderr } = await run(['--port', '0', '--config', file])
  expect(code).toBe(2)
  expect(stderr).not.toMatch(STACK_LINE)
  expect(lines(stderr)).toEqual([expect.stringContaining('strng')])
  expect(stderr.slice(0, `${file}:4:22: `.length)).toBe(`${file}:4:22: `)
})

it.concurrent('mockapi check good.yaml exits 0', async ({ expect }) => {
  const dir = await tempDir({ 'good.yaml': BOOKS_YAML })
  const { code, stderr } = await run(['check', 'good.yaml'], { cwd: dir })
  expect(code).toBe(0)
  expect(stderr).toBe('')
})

it.concurrent('mockapi check bad.yaml exits 2 listing every problem with its line', async ({
  expect,
}) => {
  const dir = await tempDir({ 'bad.yaml': BAD_CHECKS_YAML })
  const { code, stdout, stderr } = await run(['check', 'bad.yaml'], { cwd: dir })
  expect(code).toBe(2)
  expect(stdout).toBe('')
  expect(stderr).not.toMatch(STACK_LINE)
  expect(lines(stderr)).toEqual([
    expect.stringMatching(/^bad\.yaml:4:\d+: .*nope\.nope/),
    expect.stringMatching(/^bad\.yaml:5:\d+: .*authors/),
    expect.stringMatching(/^bad\.yaml:6:\d+: .*min/),
  ])
})

it.concurrent('mockapi check with several files lists the problems of each and exits 2', async ({
  expect,
}) => {
  const dir = await tempDir({
    'good.yaml': BOOKS_YAML,
    'typo.yaml': BAD_TYPE_YAML,
    'bad.yaml': BAD_CHECKS_YAML,
  })
  const { code, stderr } = await run(['check', 'good.yaml', 'typo.yaml', 'bad.yaml'], { cwd: dir })
  expect(code).toBe(2)
  const files = lines(stderr).map((line) => line.split(':')[0])
  expect(files).toEqual(['typo.yaml', 'bad.yaml', 'bad.yaml', 'bad.yaml'])
})

it.concurrent('mockapi check reports a shape problem and the other problems of the same file together', async ({
  expect,
}) => {
  // Line 1 breaks the schema; lines 5 and 6 are schema-valid but fail the later checks.
  const mixed = `count: many
resources:
  books:
    fields:
      title: { type: string, faker: nope.nope }
      pages: { type: integer, min: 10, max: 2 }
`
  const dir = await tempDir({ 'mixed.yaml': mixed })
  const { code, stderr } = await run(['check', 'mixed.yaml'], { cwd: dir })
  expect(code).toBe(2)
  expect(lines(stderr).map((line) => line.split(':').slice(0, 2).join(':'))).toEqual([
    'mixed.yaml:1',
    'mixed.yaml:5',
    'mixed.yaml:6',
  ])
})
