// Property-based fuzzing of the in-process app (issue 7): random requests keep the response
// contract, and a model of the writes predicts every read. Seeded: `MOCKAPI_FUZZ_SEED` and
// `MOCKAPI_FUZZ_RUNS` replay or widen a run; `npm run fuzz` is the long mode.
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createMockApi, type MockApi, type MockApiOptions } from '../src/index.js'
import {
  assertProperty,
  FUZZ_RUNS,
  type FuzzRequest,
  fuzzRequest,
  fuzzSettings,
  SESSIONS,
  toRequest,
} from './fuzz.test-support.js'
import { type Answer, checkAnswer, prototypeNames } from './fuzz-envelope.test-support.js'
import {
  type Call,
  cloneModel,
  MODEL_CLOCK_NOW,
  type Model,
  seedModel,
} from './fuzz-model.test-support.js'
import { type Op, op, type Token } from './fuzz-model-ops.test-support.js'
import { checkAll, runOp } from './fuzz-model-run.test-support.js'

// A clock that stands still: rate-limit windows and timestamps are the same on every replay.
const clock = { now: () => MODEL_CLOCK_NOW }
const BASE: MockApiOptions = { clock, count: 5, seed: 7 }
// Like the built-in `flaky` without its delays, plus a 500 no client asked for: injected errors
// must be told apart from a 500 of ours by the journal, not by their code. Each case starts from a
// reset, so the seeded draws repeat per position in a case; `x-fault` varies what fires.
const FAULTS = {
  name: 'fuzz-faults',
  rules: [
    ...[500, 503, 429, 401, 400].map((status) => ({
      match: { headers: { 'x-fault': String(status) } },
      respond: { status },
    })),
    {
      match: { method: 'PATCH', path: '/tasks/:id' },
      when: { every: 2 },
      respond: { status: 502 },
    },
    { match: { path: '/users/**' }, when: { probability: 0.3 }, respond: { status: 503 } },
    { when: { probability: 0.1 }, respond: { status: 429 } },
  ],
}
const INSTANCES = {
  defaults: BASE,
  tight: { ...BASE, rateLimit: '3/60s' },
  faults: { ...BASE, scenarios: [FAULTS] },
} satisfies Record<string, MockApiOptions>
type InstanceName = keyof typeof INSTANCES

const apis = new Map<InstanceName, MockApi>()
const unexpected: unknown[] = []
const prototype = prototypeNames()
// Long runs need longer than the default test timeout; about 2 ms a request, with room.
const timeout = 60_000 + FUZZ_RUNS * 20

beforeAll(() => {
  for (const [name, options] of Object.entries(INSTANCES)) {
    apis.set(
      name as InstanceName,
      createMockApi({ ...options, onUnexpectedError: (e) => unexpected.push(e) }),
    )
  }
})

afterAll(async () => {
  await Promise.all([...apis.values()].map((api) => api.close()))
})

/**
 * Back to the start: data, limiter, journal and counters, and the scenarios and maintenance the
 * admin API may have switched — of the instance and its sessions.
 */
async function restore(name: InstanceName): Promise<MockApi> {
  const api = apis.get(name) as MockApi
  const scenarios = name === 'faults' ? [FAULTS.name] : []
  for (const target of [api, ...SESSIONS.map((id) => api.session(id))]) {
    await target.reset()
    const { scenarios: active, maintenance } = target.settings()
    if (active.map((s) => s.name).join() !== scenarios.join()) {
      await target.useScenarios(name === 'faults' ? [FAULTS] : [])
    }
    if (maintenance) await target.setMaintenance(false)
  }
  return api
}

/** Sends one fuzzed request and reads the answer whole, with how it came about. */
async function send(api: MockApi, fuzzed: FuzzRequest): Promise<Answer> {
  const request = toRequest(fuzzed)
  const session = request.headers.get('x-mockapi-session')?.trim() ?? ''
  const target = (SESSIONS as readonly string[]).includes(session) ? api.session(session) : api
  await target.clearRequests()
  const maintenance = target.settings().maintenance
  const res = await api.fetch(request.clone())
  const text = await res.text()
  const byPrefer = res.headers.get('preference-applied')?.includes(`code=${res.status}`) ?? false
  const [entry] = await target.requests({ limit: 1 })
  // A rule that only delayed the answer did not give it.
  const byRule =
    entry?.rule !== undefined && !entry.delayed && entry.status === res.status && res.status >= 400
  const injected = byPrefer ? 'prefer' : byRule ? 'rule' : undefined
  return { request, status: res.status, headers: res.headers, text, injected, maintenance }
}

it(
  'random requests never get an uninjected 5xx, and every error is the one problem+json envelope',
  async () => {
    const instance = fc.constantFrom<InstanceName>('defaults', 'tight', 'faults')
    const requests = fc.array(fuzzRequest, { minLength: 1, maxLength: 6 })
    const property = fc.asyncProperty(instance, requests, async (name, sequence) => {
      const api = await restore(name)
      for (const fuzzed of sequence) checkAnswer(await send(api, fuzzed))
      expect(unexpected).toEqual([])
      expect(prototypeNames()).toEqual(prototype)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    })
    await assertProperty(property, fuzzSettings(0))
  },
  timeout,
)

/** Sends the model run's requests as `token`, to the session `session` ('' for none). */
function caller(api: MockApi, session: string): Call {
  return (method, path, token: Token, body) =>
    api.fetch(
      new Request(`http://mock${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(session === '' ? {} : { 'x-mockapi-session': session }),
        },
        ...(body === undefined ? {} : { body }),
      }),
    )
}

it(
  'every read returns what the writes made: a model of the store predicts each answer',
  async () => {
    const api = createMockApi({ ...BASE, rateLimit: false })
    // Each session is a store of its own; the default instance and one session are modelled apart.
    const targets = ['', 's1'] as const
    const seed = await seedModel(caller(api, ''))
    const steps = fc.array(fc.tuple(fc.constantFrom(...targets), op), {
      maxLength: 40,
      size: 'max',
    })
    const property = fc.asyncProperty(steps, async (sequence) => {
      await api.reset()
      await api.session('s1').reset()
      const models = new Map<string, Model>(targets.map((t) => [t, cloneModel(seed)]))
      for (const [session, next] of sequence as [string, Op][]) {
        const model = models.get(session) as Model
        models.set(session, await runOp(caller(api, session), model, seed, next))
      }
      for (const [session, model] of models) await checkAll(caller(api, session), model)
      expect(prototypeNames()).toEqual(prototype)
    })
    await assertProperty(property, fuzzSettings(1, Math.ceil(FUZZ_RUNS / 5)))
    await api.close()
  },
  timeout,
)
