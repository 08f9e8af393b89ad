// The mixed load of bench/soak.js: workers on loopback, each request checked against what it
// may answer. A report, not a test: every answer is counted; ones outside `expected` are kept.

/** mulberry32: the same mix of requests for the same seed. */
export function seeded(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Sessions that live all run long, and a wider set cycled through now and then: more ids than
// the server holds (100), so sessions are made and dropped all along.
const STEADY = ['steady-1', 'steady-2', 'steady-3', 'steady-4', 'steady-5', 'steady-6']
export const CHURN_IDS = 150

const NEW_TASK = { title: 'Soak', status: 'todo', projectId: 1, priority: 3, tags: ['soak'] }
const LISTS = [
  '/tasks?page=2&per_page=20',
  '/tasks?status=done&priority_gte=3&sort=-dueAt&per_page=10',
  '/users?sort=-createdAt&per_page=50',
  '/projects?q=a',
  '/comments?taskId=1',
]

/** A flaky answer: injected by the scenario (its detail says so), 503 or 429. */
function flakyOrOk(ok) {
  return (status, text) =>
    status === ok ||
    ((status === 503 || status === 429) && text.includes('(Injected by scenario flaky'))
}

/** Records a worker keeps per session at most: the store stays the same size all run long. */
const MAX_OWN = 5

/**
 * The next request of a worker: what it sends and what it may get back. `own` holds, per steady
 * session, the ids the worker created there (never in a churned session, which may be dropped)
 * and the ids it deleted.
 */
export function nextRequest(random, own, counter) {
  const roll = random()
  const session = STEADY[Math.floor(random() * STEADY.length)]
  if (!own.has(session)) own.set(session, { ids: [], gone: [] })
  const { ids, gone } = own.get(session)
  if (roll < 0.3) return get(pick(random, LISTS), session, flakyOrOk(200))
  if (roll < 0.55) return get(`/users/${1 + Math.floor(random() * 50)}`, session, flakyOrOk(200))
  if (roll < 0.75 && ids.length > 0 && (roll >= 0.65 || ids.length >= MAX_OWN)) {
    if (roll < 0.7) {
      const path = `/tasks/${pick(random, ids)}`
      return {
        ...write('PATCH', path, session, { priority: 1 + (counter % 5) }),
        expect: flakyOrOk(200),
      }
    }
    const id = ids.splice(Math.floor(random() * ids.length), 1)[0]
    return {
      ...write('DELETE', `/tasks/${id}`, session),
      expect: flakyOrOk(204),
      deleted: { id, gone },
    }
  }
  if (roll < 0.75) {
    return { ...write('POST', '/tasks', session, NEW_TASK), expect: flakyOrOk(201), created: ids }
  }
  if (roll < 0.8 && gone.length > 0) {
    // An id deleted before, on purpose: the contract's 404.
    return get(`/tasks/${pick(random, gone)}`, session, flakyOrOk(404))
  }
  if (roll < 0.85) {
    // The journal, which the admin routes serve unfaulted.
    return get('/__mockapi/requests?limit=50', session, (status) => status === 200)
  }
  if (roll < 0.89) {
    const code = pick(random, [429, 503, 404])
    const request = get('/tasks', session, (status) => status === code)
    return { ...request, headers: { ...request.headers, prefer: `code=${code}` } }
  }
  if (roll < 0.97) return get(`/projects/${1 + Math.floor(random() * 50)}`, session, flakyOrOk(200))
  // A session from the wider set, now and then: made (its seed data generated), used a little,
  // dropped when the cap is reached.
  return get(pick(random, LISTS), churnSession(random), flakyOrOk(200))
}

export function churnSession(random) {
  return `churn-${Math.floor(random() * CHURN_IDS)}`
}

function get(path, session, expect) {
  return { method: 'GET', path, headers: headersFor(session), expect }
}

function write(method, path, session, body) {
  const headers = headersFor(session)
  if (body === undefined) return { method, path, headers }
  return {
    method,
    path,
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }
}

function headersFor(session) {
  return { authorization: 'Bearer dev-token', 'x-mockapi-session': session }
}

function pick(random, values) {
  return values[Math.floor(random() * values.length)]
}

/** Runs `workers` request loops against `url` until `until()` says stop; returns the tally. */
export async function runLoad(url, { workers, seed, until }) {
  const tally = { requests: 0, statuses: {}, unexpected: 0, examples: [], errors: 0 }
  const loop = async (worker) => {
    const random = seeded(seed + worker)
    const own = new Map()
    let counter = 0
    while (!until()) {
      const request = nextRequest(random, own, counter++)
      await send(url, request, tally)
    }
  }
  await Promise.all(Array.from({ length: workers }, (_, worker) => loop(worker)))
  return tally
}

async function send(url, request, tally) {
  let status = 0
  let text = ''
  try {
    const res = await fetch(`${url}${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(10_000),
    })
    status = res.status
    text = await res.text()
  } catch (error) {
    tally.errors += 1
    text = error instanceof Error ? error.message : String(error)
  }
  tally.requests += 1
  tally.statuses[status] = (tally.statuses[status] ?? 0) + 1
  if (status === 201 && request.created) request.created.push(JSON.parse(text).id)
  if (status === 204 && request.deleted) {
    const { id, gone } = request.deleted
    gone.push(id)
    if (gone.length > MAX_OWN) gone.shift()
  }
  if (request.expect(status, text)) return
  tally.unexpected += 1
  if (tally.examples.length < 10) {
    tally.examples.push(`${request.method} ${request.path} → ${status} ${text.slice(0, 200)}`)
  }
}

/** Makes every churned session once, so the server holds its cap of sessions before measuring. */
export async function touchChurnSessions(url, tally) {
  for (let n = 0; n < CHURN_IDS; n += 10) {
    const batch = Array.from({ length: Math.min(10, CHURN_IDS - n) }, (_, i) => `churn-${n + i}`)
    await Promise.all(batch.map((id) => send(url, get(LISTS[0], id, flakyOrOk(200)), tally)))
  }
}
