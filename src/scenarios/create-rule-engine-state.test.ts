import { describe, expect, it } from 'vitest'
import {
  createRuleEngine,
  type Decision,
  type RequestFacts,
  type RuleEngine,
} from './create-rule-engine.js'
import type { CounterScope, RuleSpec, Scenario, WhenSpec } from './scenario-spec.js'

// Counters, time and seeds: the state the engine keeps between requests.

interface RequestParts {
  readonly method?: string
  readonly path?: string
  readonly token?: string
  readonly ip?: string
  readonly headers?: (name: string) => string | undefined
}

function request(parts: RequestParts = {}): RequestFacts {
  return {
    method: parts.method ?? 'GET',
    path: parts.path ?? '/tasks',
    headers: parts.headers ?? (() => undefined),
    query: new URLSearchParams(),
    token: parts.token,
    ip: parts.ip ?? '127.0.0.1',
  }
}

function scenario(name: string, rules: RuleSpec[]): Scenario {
  return { name, description: '', rules, source: 'inline' }
}

function setup(scenarios: Scenario[], seed = 1) {
  const time = { now: 1_700_000_000_000 }
  const engine = createRuleEngine(scenarios, { clock: { now: () => time.now }, seed })
  return { time, engine }
}

function status(decision: Decision): number | 'pass' {
  return decision.kind === 'respond' ? decision.status : 'pass'
}

function failing(when: WhenSpec, path?: string): Scenario {
  return scenario('s', [
    { match: path === undefined ? {} : { path }, when, respond: { status: 503 } },
  ])
}

/** The time (ms after start) and status of each request made at those times. */
function at(engine: RuleEngine, time: { now: number }, offsets: number[]) {
  const start = time.now
  return offsets.map((offset) => {
    time.now = start + offset
    return status(engine.decide(request()))
  })
}

describe('createRuleEngine: counters per scope', () => {
  const requests: RequestParts[] = [
    { token: 'a', ip: '10.0.0.1', path: '/tasks/1' },
    { token: 'a', ip: '10.0.0.2', path: '/tasks/1' },
    { token: 'b', ip: '10.0.0.1', path: '/tasks/2' },
    { ip: '10.0.0.2', path: '/tasks/2', method: 'POST' },
    { ip: '10.0.0.3', path: '/tasks/2' },
  ]
  it.each<[CounterScope, (number | 'pass')[]]>([
    ['global', [503, 'pass', 'pass', 'pass', 'pass']],
    ['token', [503, 'pass', 503, 503, 'pass']],
    ['ip', [503, 503, 'pass', 'pass', 503]],
    ['route', [503, 'pass', 503, 503, 'pass']],
  ])('counts per %s', (per, expected) => {
    const { engine } = setup([failing({ times: 1, per }, '/tasks/:id')])
    expect(requests.map((parts) => status(engine.decide(request(parts))))).toEqual(expected)
  })
})

describe('createRuleEngine: time', () => {
  it('fires only inside its window, from inclusive to until exclusive', () => {
    const { engine, time } = setup([failing({ window: { fromMs: 10_000, untilMs: 40_000 } })])
    const offsets = [0, 9_999, 10_000, 25_000, 39_999, 40_000, 100_000]
    expect(at(engine, time, offsets)).toEqual(['pass', 'pass', 503, 503, 503, 'pass', 'pass'])
  })

  it('does not count matches outside its window', () => {
    const { engine, time } = setup([failing({ times: 2, window: { fromMs: 10_000 } })])
    expect(at(engine, time, [0, 1, 2, 10_000, 10_001, 10_002])).toEqual([
      'pass',
      'pass',
      'pass',
      503,
      503,
      'pass',
    ])
  })

  it('starts its counters over every reset period, measured from activation', () => {
    const { engine, time } = setup([failing({ times: 2, resetEveryMs: 60_000 })])
    const offsets = [0, 1, 2, 59_999, 60_000, 60_001, 60_002, 125_000]
    expect(at(engine, time, offsets)).toEqual([503, 503, 'pass', 'pass', 503, 503, 'pass', 503])
  })

  it('restarts counters, sequences and windows on reset', () => {
    const { engine, time } = setup([
      failing({ sequence: [503, 'pass'] }, '/tasks'),
      failing({ window: { untilMs: 1_000 } }, '/projects'),
    ])
    const tasks = () => status(engine.decide(request({ path: '/tasks' })))
    const projects = () => status(engine.decide(request({ path: '/projects' })))
    expect([tasks(), tasks(), tasks()]).toEqual([503, 'pass', 'pass'])
    time.now += 5_000
    expect(projects()).toBe('pass')
    engine.reset()
    expect([tasks(), projects()]).toEqual([503, 503])
    time.now += 1_000
    expect(projects()).toBe('pass')
  })
})

describe('createRuleEngine: determinism', () => {
  const flaky = scenario('flaky', [
    { match: {}, when: { probability: 0.1 }, respond: { status: 503 } },
    {
      match: {},
      when: { probability: 0.05 },
      respond: { status: 429, delay: { kind: 'uniform', minMs: 0, maxMs: 500 } },
    },
  ])
  const paths = ['/tasks', '/projects/1', '/tasks/2', '/comments']
  const run = (engine: RuleEngine) =>
    Array.from({ length: 1000 }, (_, i) => engine.decide(request({ path: paths[i % 4] ?? '/' })))

  it('gives the same 1,000 decisions for the same seed', () => {
    const first = run(setup([flaky], 42).engine)
    expect(run(setup([flaky], 42).engine)).toEqual(first)
    expect(first.filter((decision) => decision.kind === 'respond').length).toBeGreaterThan(100)
  })

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses the seed %s', (seed) => {
    expect(() => setup([flaky], seed)).toThrow(RangeError)
  })

  it('gives different decisions for a different seed', () => {
    expect(run(setup([flaky], 43).engine)).not.toEqual(run(setup([flaky], 42).engine))
  })

  it('gives the same decisions after reset as when new', () => {
    const { engine } = setup([flaky], 42)
    const first = run(engine)
    engine.reset()
    expect(run(engine)).toEqual(first)
  })

  it('keeps a rule’s outcomes when a scenario below it draws on other requests', () => {
    const other = scenario('other', [
      { match: { path: '/projects/**' }, when: { probability: 0.5 }, respond: { status: 500 } },
    ])
    const onTasks = (decisions: Decision[]) => decisions.filter((_, i) => i % 4 !== 1)
    const alone = onTasks(run(setup([flaky], 7).engine))
    expect(onTasks(run(setup([other, flaky], 7).engine))).toEqual(alone)
  })
})

describe('createRuleEngine: 1,000 rules', () => {
  const rules: RuleSpec[] = Array.from({ length: 1000 }, (_, i) => ({
    match: {
      methods: [i % 2 === 0 ? 'GET' : 'POST'],
      path: `/r${i}/:id`,
      headers: { 'x-n': `${i}` },
    },
    respond: { status: 400 + (i % 100) },
  }))
  const { engine } = setup([scenario('many', rules)])

  function decideCounting(parts: RequestParts & { readonly n?: string }) {
    let reads = 0
    const headers = (name: string) => {
      reads += 1
      return name === 'x-n' ? parts.n : undefined
    }
    return { decision: engine.decide(request({ ...parts, headers })), reads: () => reads }
  }

  it.each<[string, RequestParts & { n?: string }, Decision | 'pass', number]>([
    [
      'the matching rule answers',
      { path: '/r500/1', n: '500' },
      { kind: 'respond', status: 400, delayMs: 0, rule: { scenario: 'many', index: 500 } },
      1,
    ],
    ['a header that differs passes', { path: '/r500/1', n: '7' }, 'pass', 1],
    ['another method passes without trying a rule', { path: '/r501/1', n: '501' }, 'pass', 0],
    ['an unrelated path passes without trying a rule', { path: '/elsewhere', n: '1' }, 'pass', 0],
    [
      'a path too short fails on the path, before the headers',
      { path: '/r998', n: '998' },
      'pass',
      0,
    ],
  ])('%s', (_, parts, expected, reads) => {
    const { decision, reads: headerReads } = decideCounting(parts)
    expect(decision).toEqual(expected === 'pass' ? { kind: 'pass' } : expected)
    expect(headerReads()).toBe(reads)
  })
})
