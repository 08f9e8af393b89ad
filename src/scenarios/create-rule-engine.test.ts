import { describe, expect, it } from 'vitest'
import {
  createRuleEngine,
  type Decision,
  type RequestFacts,
  type RuleEngine,
} from './create-rule-engine.js'
import type { RespondSpec, RuleSpec, Scenario, WhenSpec } from './scenario-spec.js'

interface RequestParts {
  readonly method?: string
  readonly path?: string
  readonly headers?: Record<string, string>
  readonly token?: string
}

function request(parts: RequestParts = {}): RequestFacts {
  const headers = parts.headers ?? {}
  return {
    method: parts.method ?? 'GET',
    path: parts.path ?? '/tasks',
    headers: (name) => headers[name],
    query: new URLSearchParams(),
    token: parts.token,
    ip: '127.0.0.1',
  }
}

function scenario(name: string, rules: RuleSpec[]): Scenario {
  return { name, description: '', rules, source: 'inline' }
}

function rule(respond: RespondSpec, when?: WhenSpec, path?: string): RuleSpec {
  return {
    match: path === undefined ? {} : { path },
    respond,
    ...(when === undefined ? {} : { when }),
  }
}

function setup(scenarios: Scenario[], seed = 1) {
  const time = { now: 1_700_000_000_000 }
  const engine = createRuleEngine(scenarios, { clock: { now: () => time.now }, seed })
  return { time, engine }
}

/** A decision in a word: `pass`, the status, `delay 300` or the fault. */
function outcome(decision: Decision): string | number {
  switch (decision.kind) {
    case 'pass':
      return 'pass'
    case 'delay':
      return `delay ${decision.ms}`
    case 'respond':
      return decision.status
    case 'fault':
      return decision.fault
  }
}

function outcomes(engine: RuleEngine, count: number, parts: RequestParts = {}) {
  return Array.from({ length: count }, () => outcome(engine.decide(request(parts))))
}

describe('createRuleEngine: when', () => {
  // One word per request: 503 when the rule fired, - when the request passed.
  it.each<[string, WhenSpec | undefined, string]>([
    ['always without when', undefined, '503 503 503 503 503 503'],
    ['the first N matches with times', { times: 2 }, '503 503 - - - -'],
    ['every match after the first N with after', { after: 2 }, '- - 503 503 503 503'],
    ['every Nth match with every', { every: 3 }, '- - 503 - - 503'],
    ['never with probability 0', { probability: 0 }, '- - - - - -'],
    ['always with probability 1', { probability: 1 }, '503 503 503 503 503 503'],
    ['between after and times', { after: 1, times: 3 }, '- 503 503 - - -'],
    ['every Nth after the first N', { after: 2, every: 2 }, '- - - 503 - 503'],
    ['every Nth within the first N', { times: 4, every: 2 }, '- 503 - 503 - -'],
    ['after N while always lucky', { after: 4, probability: 1 }, '- - - - 503 503'],
    ['a sequence', { sequence: [503, 'pass', 503] }, '503 - 503 - - -'],
    ['a sequence within times', { sequence: [503, 503, 503], times: 2 }, '503 503 - - - -'],
  ])('fires %s', (_, when, expected) => {
    const { engine } = setup([scenario('s', [rule({ status: 503 }, when)])])
    const fired = outcomes(engine, 6).map((result) => (result === 'pass' ? '-' : result))
    expect(fired.join(' ')).toBe(expected)
  })

  it('steps through a sequence, a step overriding the status, pass letting the request through', () => {
    const sequence = [503, 'pass', 429, 'pass'] as const
    const { engine } = setup([scenario('s', [rule({ status: 500 }, { sequence: [...sequence] })])])
    expect(outcomes(engine, 6)).toEqual([503, 'pass', 429, 'pass', 'pass', 'pass'])
  })

  it('lets the next rule try on a pass step and past the end of a sequence', () => {
    const { engine } = setup([
      scenario('s', [
        rule({ delay: { kind: 'fixed', ms: 50 } }, { sequence: [503, 'pass', 429] }),
        rule({ status: 500 }),
      ]),
    ])
    expect(outcomes(engine, 5)).toEqual([503, 500, 429, 500, 500])
  })

  it('fires with a probability of about p, combined with after', () => {
    const { engine } = setup([
      scenario('s', [rule({ status: 503 }, { after: 100, probability: 0.3 })]),
    ])
    const results = outcomes(engine, 10_100)
    expect(results.slice(0, 100).every((result) => result === 'pass')).toBe(true)
    const fired = results.filter((result) => result === 503).length
    expect(fired).toBeGreaterThan(2800)
    expect(fired).toBeLessThan(3200)
  })
})

describe('createRuleEngine: order', () => {
  it('tries a later scenario before an earlier one', () => {
    const { engine } = setup([
      scenario('base', [rule({ status: 500 })]),
      scenario('top', [rule({ status: 503 }, { times: 1 })]),
    ])
    expect(outcomes(engine, 3)).toEqual([503, 500, 500])
    expect(engine.decide(request())).toMatchObject({ rule: { scenario: 'base', index: 0 } })
  })

  it('tries rules in file order within a scenario', () => {
    const { engine } = setup([
      scenario('s', [rule({ status: 429 }, { times: 1 }), rule({ status: 503 })]),
    ])
    expect(outcomes(engine, 3)).toEqual([429, 503, 503])
  })

  it('counts only the requests that reach a rule, not those a rule above answered', () => {
    const { engine } = setup([
      scenario('s', [rule({ status: 503 }, { times: 1 }), rule({ status: 429 }, { every: 2 })]),
    ])
    expect(outcomes(engine, 4)).toEqual([503, 'pass', 429, 'pass'])
  })

  it('adds the delay of a rule with only a delay to the answer of a rule below it', () => {
    const { engine } = setup([
      scenario('base', [rule({ status: 500 })]),
      scenario('slow', [rule({ delay: { kind: 'fixed', ms: 300 } })]),
    ])
    expect(engine.decide(request())).toEqual({
      kind: 'respond',
      status: 500,
      delayMs: 300,
      rule: { scenario: 'base', index: 0 },
    })
  })

  it('delays the natural answer when no rule below a delay answers', () => {
    const { engine } = setup([
      scenario('base', [rule({ status: 500 }, { times: 1 })]),
      scenario('slow', [
        rule({ delay: { kind: 'fixed', ms: 300 } }),
        rule({ delay: { kind: 'fixed', ms: 900 } }),
      ]),
    ])
    engine.decide(request())
    expect(engine.decide(request())).toEqual({
      kind: 'delay',
      ms: 300,
      rule: { scenario: 'slow', index: 0 },
    })
  })

  it('skips rules whose match does not fit', () => {
    const { engine } = setup([
      scenario('s', [
        { match: { methods: ['POST'], path: '/tasks' }, respond: { status: 503 } },
        { match: { path: '/tasks', headers: { 'x-tenant': 'acme' } }, respond: { status: 404 } },
        { match: { path: '/projects/:id' }, respond: { status: 403 } },
      ]),
    ])
    const cases: [RequestParts, string | number][] = [
      [{ method: 'POST', path: '/tasks' }, 503],
      [{ method: 'GET', path: '/tasks', headers: { 'x-tenant': 'acme' } }, 404],
      [{ method: 'GET', path: '/tasks' }, 'pass'],
      [{ method: 'DELETE', path: '/projects/7' }, 403],
      [{ method: 'DELETE', path: '/projects' }, 'pass'],
    ]
    expect(cases.map(([parts]) => outcome(engine.decide(request(parts))))).toEqual(
      cases.map(([, expected]) => expected),
    )
  })
})

describe('createRuleEngine: answers', () => {
  const fixed = (ms: number) => ({ kind: 'fixed', ms }) as const
  // Each decision also names its rule: { scenario: 's', index: 0 }.
  it.each<[string, RespondSpec, object]>([
    ['a status', { status: 503 }, { kind: 'respond', status: 503, delayMs: 0 }],
    [
      'a status with its body, headers and delay',
      { status: 429, body: { a: 1 }, headers: { 'retry-after': '5' }, delay: fixed(20) },
      {
        kind: 'respond',
        status: 429,
        body: { a: 1 },
        headers: { 'retry-after': '5' },
        delayMs: 20,
      },
    ],
    [
      'a body alone, with 200',
      { body: [] },
      { kind: 'respond', status: 200, body: [], delayMs: 0 },
    ],
    [
      'a null body',
      { status: 500, body: null },
      { kind: 'respond', status: 500, body: null, delayMs: 0 },
    ],
    ['a fault', { fault: 'reset' }, { kind: 'fault', fault: 'reset', delayMs: 0 }],
    [
      'a fault with a status and a delay',
      { fault: 'malformed', status: 500, delay: fixed(5) },
      { kind: 'fault', fault: 'malformed', status: 500, delayMs: 5 },
    ],
    ['a delay alone', { delay: fixed(300) }, { kind: 'delay', ms: 300 }],
  ])('answers %s', (_, respond, expected) => {
    const { engine } = setup([scenario('s', [rule(respond)])])
    expect(engine.decide(request())).toEqual({ ...expected, rule: { scenario: 's', index: 0 } })
  })

  it('answers a sequence step with the rule’s delay', () => {
    const { engine } = setup([scenario('s', [rule({ delay: fixed(7) }, { sequence: [502] })])])
    expect(engine.decide(request())).toMatchObject({ kind: 'respond', status: 502, delayMs: 7 })
  })

  it('answers pass when no rule fires', () => {
    const { engine } = setup([scenario('s', [rule({ status: 503 }, undefined, '/projects')])])
    expect(engine.decide(request())).toEqual({ kind: 'pass' })
    expect(setup([]).engine.decide(request())).toEqual({ kind: 'pass' })
  })

  it('draws delays within their range', () => {
    const delay = { kind: 'uniform', minMs: 300, maxMs: 1500 } as const
    const { engine } = setup([scenario('slow', [rule({ delay })])])
    const delays = Array.from({ length: 1000 }, () => engine.decide(request())).map((decision) =>
      decision.kind === 'delay' ? decision.ms : -1,
    )
    expect(delays.every((ms) => ms >= 300 && ms <= 1500)).toBe(true)
    expect(new Set(delays).size).toBeGreaterThan(100)
  })
})
