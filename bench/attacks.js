// The attacks of the "bounded in bytes" table, each against the real CLI. `scale` 1 replays the
// table's figures (npm run attack); a small scale is the bounded subset `npm test` runs.
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const BIN = new URL('../bin/mockapi.js', import.meta.url).pathname
const AUTH = { authorization: 'Bearer dev-token' }

/** Sends `count` requests, at most `concurrency` at once; `make(i)` gives each one's path and headers. */
export async function blast(url, count, make, concurrency = 32) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  const statuses = new Map()
  let next = 0
  const one = () =>
    new Promise((resolve) => {
      const { path = '/users/1', headers = {}, method = 'GET', body } = make(next++)
      const req = request(`${url}${path}`, { agent, method, headers }, (res) => {
        res.resume()
        res.on('end', () => {
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
          resolve()
        })
      })
      req.on('error', () => {
        statuses.set('error', (statuses.get('error') ?? 0) + 1)
        resolve()
      })
      req.end(body)
    })
  const lane = async () => {
    while (next < count) await one()
  }
  await Promise.all(Array.from({ length: concurrency }, lane))
  agent.destroy()
  return Object.fromEntries(statuses)
}

/** Writes raw bytes on a new connection; resolves with the answer's status line code and body. */
export function rawRequest(url, bytes) {
  const { port } = new URL(url)
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1')
    let answer = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk) => {
      answer += chunk
    })
    const done = () => {
      const [head = '', body = ''] = answer.split('\r\n\r\n')
      resolve({ status: Number(head.slice(9, 12)) || 0, body })
    }
    socket.on('end', done)
    socket.on('error', done)
    socket.setTimeout(5000, () => socket.destroy())
    socket.write(bytes)
  })
}

/** Runs the CLI to its end (a refused file); resolves with its exit code, first stderr line, ms. */
export function runToExit(args, cwd, timeoutMs = 10_000) {
  const started = performance.now()
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({
        code: code ?? signal,
        line: stderr.split('\n')[0] ?? '',
        ms: performance.now() - started,
      })
    })
  })
}

const n = (full, scale, min = 1) => Math.max(min, Math.round(full * scale))

function workdir() {
  return mkdtempSync(join(tmpdir(), 'mockapi-attack-'))
}

/**
 * Each attack: `args` to serve with (or `refuse` for a file the CLI must refuse), and `run`, given
 * the server's URL and the scale, resolving to a short note of what came back.
 */
export const ATTACKS = [
  {
    name: 'new X-Mockapi-Session ids, --count 100000',
    args: () => ['--count', '100000'],
    run: async (url, scale) => {
      const count = n(100, scale, 10)
      // One after another, each session's first request timed on its own.
      const times = []
      const statuses = {}
      for (let i = 0; i < count; i++) {
        const started = performance.now()
        const res = await fetch(`${url}/tasks?per_page=1`, {
          headers: { ...AUTH, 'x-mockapi-session': `attack-${i}` },
        })
        await res.arrayBuffer()
        times.push(performance.now() - started)
        statuses[res.status] = (statuses[res.status] ?? 0) + 1
      }
      const later = times.slice(1).sort((a, b) => a - b)
      const slowest = Math.round(later.at(-1) ?? 0)
      return `${count} sessions: ${JSON.stringify(statuses)}; first request of the first ${Math.round(times[0])} ms (builds the shared list snapshot), of the others at most ${slowest} ms`
    },
  },
  {
    name: 'unique 15 KB bearer tokens over 100 sessions',
    args: () => [],
    run: async (url, scale) => {
      const count = n(100_000, scale, 500)
      const pad = 't'.repeat(15_000)
      const statuses = await blast(url, count, (i) => ({
        headers: { authorization: `Bearer ${i}${pad}`, 'x-mockapi-session': `s${i % 100}` },
      }))
      return `${count} tokens: ${JSON.stringify(statuses)}`
    },
  },
  {
    name: '15 KB headers, 1,000 requests in each of 100 sessions',
    args: () => [],
    run: async (url, scale) => {
      const count = n(100_000, scale, 500)
      const pad = 'h'.repeat(15_000)
      const statuses = await blast(url, count, (i) => ({
        headers: { ...AUTH, 'x-padding': pad, 'x-mockapi-session': `s${i % 100}` },
      }))
      return `${count} requests: ${JSON.stringify(statuses)}`
    },
  },
  // Variations an attacker would try next: other header sizes, more session ids than sessions
  // held (each request then makes a session and drops another), writes that fill sessions.
  {
    name: 'variation: 8 KB headers over 1,000 session ids, 60,000 requests',
    args: () => [],
    run: async (url, scale) => {
      const count = n(60_000, scale, 500)
      const pad = 'h'.repeat(8000)
      const statuses = await blast(url, count, (i) => ({
        headers: { ...AUTH, 'x-padding': pad, 'x-mockapi-session': `v${i % 1000}` },
      }))
      return `${count} requests: ${JSON.stringify(statuses)}`
    },
  },
  {
    name: 'variation: 12 KB unique tokens without sessions, 60,000 requests',
    args: () => [],
    run: async (url, scale) => {
      const count = n(60_000, scale, 500)
      const pad = 't'.repeat(12_000)
      const statuses = await blast(url, count, (i) => ({
        headers: { authorization: `Bearer ${i}${pad}` },
      }))
      return `${count} tokens: ${JSON.stringify(statuses)}`
    },
  },
  {
    name: 'variation: 20,000 POSTs of 10 KB records over 100 sessions',
    args: () => ['--rate-limit', 'off'],
    run: async (url, scale) => {
      const count = n(20_000, scale, 200)
      const body = JSON.stringify({
        title: 'x',
        status: 'todo',
        projectId: 1,
        tags: Array.from({ length: 10 }, () => 'y'.repeat(1000)),
      })
      const statuses = await blast(url, count, (i) => ({
        method: 'POST',
        path: '/tasks',
        headers: {
          ...AUTH,
          'content-type': 'application/json',
          'x-mockapi-session': `w${i % 100}`,
        },
        body,
      }))
      return `${count} records: ${JSON.stringify(statuses)}`
    },
  },
  {
    name: '200 event-stream clients that never read, 50,000 requests',
    args: () => [],
    run: async (url, scale) => {
      const listeners = n(200, scale, 25)
      const sockets = []
      const codes = await Promise.all(
        Array.from(
          { length: listeners },
          () =>
            new Promise((resolve) => {
              const socket = connect(Number(new URL(url).port), '127.0.0.1')
              sockets.push(socket)
              let head = ''
              socket.once('data', (chunk) => {
                head += chunk
                resolve(head.slice(9, 12))
                socket.pause() // never read again
              })
              socket.on('error', () => resolve('error'))
              socket.write('GET /__mockapi/events HTTP/1.1\r\nHost: x\r\n\r\n')
            }),
        ),
      )
      const open = codes.filter((code) => code === '200').length
      const count = n(50_000, scale, 2000)
      await blast(url, count, () => ({ path: '/users/1', headers: AUTH }))
      for (const socket of sockets) socket.destroy()
      return `${open} listeners accepted, ${listeners - open} refused 503; ${count} requests`
    },
  },
  {
    name: 'mockapi | head -1, then requests (EPIPE)',
    args: () => [],
    closeStdout: true,
    run: async (url, scale) => {
      const statuses = await blast(url, n(100, scale, 20), () => ({ headers: AUTH }), 1)
      return JSON.stringify(statuses)
    },
  },
  {
    name: 'GET /tasks?sort= with 2,000 keys, --count 100000',
    args: () => ['--count', '100000'],
    run: async (url) => {
      const keys = Array.from({ length: 2000 }, (_, i) => (i % 2 ? '-status' : 'status'))
      const statuses = await blast(
        url,
        5,
        () => ({
          path: `/tasks?sort=${keys.join(',')}`,
          headers: AUTH,
        }),
        1,
      )
      return JSON.stringify(statuses)
    },
  },
  {
    name: '4.9 MB and 10 MB scenario files and a FIFO in ./scenarios, /state polled',
    cwd: () => {
      const dir = workdir()
      mkdirSync(join(dir, 'scenarios'))
      const rule = (i) =>
        `  - match: { path: /tasks/${i}, method: GET }\n    respond: { status: 503, body: { message: "${'x'.repeat(40)}" } }\n`
      let text = 'description: big\nrules:\n'
      for (let i = 0; text.length < 4.9e6; i++) text += rule(i)
      writeFileSync(join(dir, 'scenarios', 'big.yaml'), text)
      writeFileSync(join(dir, 'scenarios', 'huge.yaml'), text + text)
      execFileSync('mkfifo', [join(dir, 'scenarios', 'x.yaml')])
      return dir
    },
    args: () => [],
    run: async (url, scale) => {
      const polls = n(50, scale, 10)
      let problems = 0
      for (let i = 0; i < polls; i++) {
        const res = await fetch(`${url}/__mockapi/state`)
        const state = await res.json()
        problems = state.scenarios.filter((s) => s.problem).length
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      return `${polls} /state polls, ${problems} files listed with a problem`
    },
  },
  {
    name: 'PUT /__mockapi/scenarios/active with 116,000 names',
    args: () => [],
    run: async (url) => {
      const names = Array.from({ length: 116_000 }, (_, i) => `s${i}`)
      const res = await fetch(`${url}/__mockapi/scenarios/active`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ names }),
      })
      return `${res.status} ${(await res.json()).code}`
    },
  },
  ...[
    ['scenario header with CR/LF', 'headers: { X: "a\\r\\nb" }'],
    ['scenario header with non-Latin-1 value', 'headers: { X: "☕" }'],
    ['scenario header Content-Length', 'headers: { Content-Length: "5" }'],
    ['scenario header Transfer-Encoding', 'headers: { Transfer-Encoding: chunked }'],
  ].map(([name, headers]) => ({
    name,
    refuse: () => {
      const dir = workdir()
      writeFileSync(
        join(dir, 'bad.yaml'),
        `rules:\n  - respond:\n      status: 503\n      ${headers}\n`,
      )
      return { cwd: dir, args: ['--scenario', './bad.yaml'] }
    },
  })),
  {
    name: '--config /dev/zero',
    refuse: () => ({ cwd: workdir(), args: ['--config', '/dev/zero'] }),
  },
  {
    name: '--config pointing at a FIFO',
    refuse: () => {
      const dir = workdir()
      execFileSync('mkfifo', [join(dir, 'fifo.yaml')])
      return { cwd: dir, args: ['--config', 'fifo.yaml'] }
    },
  },
  {
    name: 'no Host, two Host headers, Expect: 200-ok',
    args: () => [],
    run: async (url) => {
      const answers = await Promise.all([
        rawRequest(url, 'GET /users/1 HTTP/1.1\r\n\r\n'),
        rawRequest(url, 'GET /users/1 HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n'),
        rawRequest(
          url,
          'POST /tasks HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\nContent-Length: 2\r\n\r\n{}',
        ),
      ])
      return answers
        .map(({ status, body }) => `${status} ${JSON.parse(body || '{}').code}`)
        .join(', ')
    },
  },
  {
    name: '8,000 requests held by Prefer: delay=600s, then disconnected',
    args: () => [],
    run: async (url, scale) => {
      const count = n(8000, scale, 200)
      const { port } = new URL(url)
      const sockets = []
      for (let i = 0; i < count; i++) {
        const socket = connect(Number(port), '127.0.0.1')
        socket.on('error', () => {})
        socket.write(
          `GET /users/1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer dev-token\r\nPrefer: delay=600s\r\n\r\n`,
        )
        sockets.push(socket)
        if (i % 500 === 499) await new Promise((resolve) => setTimeout(resolve, 50))
      }
      await new Promise((resolve) => setTimeout(resolve, 1000))
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => setTimeout(resolve, 1000))
      return `${count} held, then disconnected`
    },
  },
]
