import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ROOT, readDockerfile } from './read-dockerfile.test-support.js'
import { type ReplayedStage, replayStage } from './replay-stage.test-support.js'

// The image without a container engine: the Dockerfile's runtime stage, read from the Dockerfile
// and replayed in a temporary folder that stands for the container's `/` (production install,
// the build stage's output copied in), then started with the image's ENTRYPOINT, ENV and WORKDIR,
// a scenario in its /scenarios and a config in its /config. One override: HOST=127.0.0.1 instead
// of the image's 0.0.0.0, because tests listen on loopback only; and the port is a free one,
// given as a flag (`… IMAGE --port N`), which the HEALTHCHECK cannot see: it reads the URL the
// server wrote to MOCKAPI_URL_FILE. Needs `npm run build` first.
// `npm run test:docker` builds and runs the real image with podman.
const { build, runtime } = imageStages()

const ADMIN = 'smoke-admin'
const OWN =
  'name: own\nrules:\n  - match: { method: GET, path: /:resource/:id }\n    respond: { status: 418 }\n'
const CONFIG = 'resources:\n  widgets:\n    count: 3\n    fields:\n      name: { type: string }\n'

let replayed: ReplayedStage
let env: Record<string, string>
let server: ChildProcess
let output = ''
let url = ''

beforeAll(async () => {
  replayed = await replayStage(runtime, build, ROOT, mkdtempSync(join(tmpdir(), 'mockapi-image-')))
  writeFileSync(replayed.inRoot('/scenarios/own.yaml'), OWN)
  writeFileSync(replayed.inRoot(`${runtime.workdir}/mockapi.yaml`), CONFIG)
  const port = await freePort()
  url = `http://127.0.0.1:${port}`
  env = imageEnv({ HOST: '127.0.0.1', MOCKAPI_ADMIN_TOKEN: ADMIN })
  mkdirSync(replayed.inRoot('/tmp'), { recursive: true })
  const [program, ...args] = runtime.entrypoint ?? []
  const flags = ['--scenario', 'own', '--port', String(port)]
  server = spawn(command(program), [...args.map(mapPath), ...flags], {
    cwd: replayed.inRoot(runtime.workdir),
    env,
  })
  server.stdout?.on('data', (chunk) => (output += chunk))
  server.stderr?.on('data', (chunk) => (output += chunk))
}, 120_000)

afterAll(() => {
  if (server?.exitCode === null) server.kill('SIGKILL')
  if (replayed) rmSync(replayed.root, { recursive: true, force: true })
})

describe('the runtime stage, replayed and started as the image starts it', () => {
  test('passes its own HEALTHCHECK once listening, with the port given as a flag', async () => {
    expect(await waitForHealth()).toBe(0)
    expect(output).toMatch(/^mockapi \S+ listening on http:\/\//m)
  })

  test('keeps its health probes out of the request log', async () => {
    expect(await waitForHealth()).toBe(0)
    expect((await get('/users/2')).status).toBe(418)
    await new Promise((done) => setTimeout(done, 100))
    expect(output).toContain('GET /users/2 418')
    expect(output).not.toContain('/__mockapi/health')
  })

  test('says in its banner that any Host is served, and no "Ctrl+C" without a terminal', () => {
    expect(output).toMatch(/Hosts\s+any Host header/)
    expect(output).not.toContain('Ctrl+C')
  })

  test('serves the config found in its working folder and the scenario in /scenarios', async () => {
    expect((await get('/widgets')).status).toBe(200)
    expect((await get('/users/1')).status).toBe(418)
    expect(output).toContain(`${replayed.inRoot('/scenarios/own.yaml')}, reloaded on change`)
  })

  test('switches scenario through the admin API, with the admin token only', async () => {
    expect((await activate(['notfound'], 'wrong')).status).toBe(403)
    expect((await activate(['notfound'], ADMIN)).status).toBe(200)
    expect((await get('/users/1')).status).toBe(404)
    expect((await get('/users')).status).toBe(200)
  })

  test('stops on SIGTERM with exit code 0', async () => {
    const exited = once(server, 'exit')
    server.kill('SIGTERM')
    expect(await exited).toEqual([0, null])
    expect(output).toContain('SIGTERM received, stopping')
  })
})

/** The image's ENV (its paths moved under the replayed root), over this process's, plus `extra`. */
function imageEnv(extra: Record<string, string>): Record<string, string> {
  const own = Object.entries(process.env).filter(
    (entry): entry is [string, string] =>
      entry[1] !== undefined && !entry[0].startsWith('MOCKAPI_') && entry[0] !== 'HOST',
  )
  const image = Object.entries(runtime.env).map(([name, value]) => [name, mapPath(value)])
  return { ...Object.fromEntries([...own, ...image]), ...extra }
}

function imageStages() {
  const { stages } = readDockerfile()
  const build = stages.find((stage) => stage.name === 'build')
  const runtime = stages.at(-1)
  if (build === undefined || runtime === undefined) throw new Error('expected two stages')
  return { build, runtime }
}

function mapPath(value: string): string {
  return value.startsWith('/') ? replayed.inRoot(value) : value
}

function command(program: string | undefined): string {
  if (program !== 'node') throw new Error(`the ENTRYPOINT should start node, not ${program}`)
  return process.execPath
}

/** Runs the image's HEALTHCHECK command until it passes, as the engine would; its last exit code. */
async function waitForHealth(): Promise<number | null> {
  const [program, ...args] = (runtime.healthcheck?.command ?? []) as string[]
  let code: number | null = null
  for (let attempt = 0; attempt < 50 && code !== 0; attempt++) {
    if (attempt > 0) await new Promise((done) => setTimeout(done, 200))
    const check = execFile(command(program), args, { env, timeout: 3_000 })
    ;[code] = (await once(check, 'exit')) as [number | null]
  }
  return code
}

function get(path: string): Promise<Response> {
  return fetch(`${url}${path}`, { headers: { authorization: 'Bearer dev-token' } })
}

function activate(names: string[], token: string): Promise<Response> {
  return fetch(`${url}/__mockapi/scenarios/active`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ names }),
  })
}

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const address = probe.address()
  probe.close()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}
