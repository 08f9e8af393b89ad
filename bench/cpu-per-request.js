// `node bench/cpu-per-request.js BASE_ROOT [OTHER_ROOT]`: the server CPU time (user + system, from
// /proc) per `GET /users/1` and per `POST /tasks` of two builds of mockapi, alternated in one run. CPU time per request
// holds still on a busy machine where requests per second do not. Each root is a checkout with
// `npm run build` done; OTHER_ROOT defaults to this one. Linux only (reads /proc).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { measure, median, startServer, stopServer } from './lib.js'

const [baseRoot, otherRoot = fileURLToPath(new URL('..', import.meta.url))] = process.argv.slice(2)
if (baseRoot === undefined) {
  process.stderr.write('usage: node bench/cpu-per-request.js BASE_ROOT [OTHER_ROOT]\n')
  process.exit(2)
}
const REQUESTS = 20_000
const ROUNDS = 7
const NEW_TASK = JSON.stringify({ title: 'Bench', status: 'todo', projectId: 1 })
const CASES = [
  ['GET /users/1, no auth, no limit', ['--no-auth', '--rate-limit', 'off'], {}],
  [
    'GET /users/1, tokens and limiter on',
    ['--rate-limit', '1000000000/60s'],
    { headers: { authorization: 'Bearer dev-token' } },
  ],
  [
    'POST /tasks, no auth, no limit',
    ['--no-auth', '--rate-limit', 'off'],
    {
      path: '/tasks',
      method: 'POST',
      body: NEW_TASK,
      headers: { 'content-type': 'application/json' },
    },
  ],
]

/** Clock ticks (1/100 s) the process has spent on a CPU, user and system. */
function ticks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
  return Number(fields[11]) + Number(fields[12])
}

async function microsPerRequest(server, { path = '/users/1', ...options }) {
  const before = ticks(server.pid)
  await measure(`${server.url}${path}`, { amount: REQUESTS, ...options })
  return ((ticks(server.pid) - before) * 10_000) / REQUESTS
}

for (const [name, flags, options] of CASES) {
  const args = (root) => [`${root}/bin/mockapi.js`, '--ready-json', '--quiet', '--port', '0']
  const base = await startServer([...args(baseRoot), ...flags], { label: 'base' })
  const other = await startServer([...args(otherRoot), ...flags], { label: 'other' })
  await microsPerRequest(base, options)
  await microsPerRequest(other, options)
  const runs = { base: [], other: [] }
  for (let round = 0; round < ROUNDS; round++) {
    runs.base.push(await microsPerRequest(base, options))
    runs.other.push(await microsPerRequest(other, options))
  }
  const show = (list) => list.map((us) => us.toFixed(1)).join(' ')
  process.stdout.write(
    `${name}: µs of CPU per request, median of ${ROUNDS}: base ${median(runs.base).toFixed(1)} (${show(runs.base)}), other ${median(runs.other).toFixed(1)} (${show(runs.other)})\n`,
  )
  await stopServer(base)
  await stopServer(other)
}
