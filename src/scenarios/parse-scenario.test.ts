import { describe, expect, it } from 'vitest'
import { parseScenario } from './parse-scenario.js'

const lines = (...rows: string[]): string => `${rows.join('\n')}\n`

/** One rule, written as its flow mappings: `rule('match: { path: /a }', 'respond: …')`. */
const rule = (first: string, ...rest: string[]): string =>
  lines('rules:', `  - ${first}`, ...rest.map((row) => `    ${row}`))

const ISSUE_EXAMPLE = lines(
  'name: checkout-failures',
  'description: Orders fail twice, then succeed; reads are slow and sometimes rate limited.',
  'settings:',
  '  rateLimit: 10/60s',
  'rules:',
  '  - match: { method: POST, path: /tasks }',
  '    when: { times: 2 }',
  '    respond: { status: 503 }',
  '  - match: { method: GET, path: /projects/:id, headers: { x-tenant: acme } }',
  '    when: { probability: 0.2 }',
  '    respond: { status: 404, delay: 300ms }',
  '  - match: { path: /comments/** }',
  '    respond: { fault: reset }',
)

describe('parseScenario', () => {
  it('reads the example of the issue', () => {
    expect(parseScenario(ISSUE_EXAMPLE, 'scenarios/checkout-failures.yaml')).toEqual({
      name: 'checkout-failures',
      description: 'Orders fail twice, then succeed; reads are slow and sometimes rate limited.',
      settings: { rateLimit: '10/60s' },
      rules: [
        {
          match: { methods: ['POST'], path: '/tasks' },
          when: { times: 2 },
          respond: { status: 503 },
        },
        {
          match: { methods: ['GET'], path: '/projects/:id', headers: { 'x-tenant': 'acme' } },
          when: { probability: 0.2 },
          respond: { status: 404, delay: { kind: 'fixed', ms: 300 } },
        },
        { match: { path: '/comments/**' }, respond: { fault: 'reset' } },
      ],
      source: 'scenarios/checkout-failures.yaml',
    })
  })

  it('upper-cases methods, lower-cases match header names and turns numbers into text', () => {
    const text = rule(
      'match: { method: [get, Patch], headers: { X-Tenant: acme, X-Version: 2, X-Debug: false } }',
      'respond: { status: 400, headers: { Retry-After: 5 } }',
    )
    const [first] = parseScenario(text, 'a.yaml').rules
    expect(first?.match).toEqual({
      methods: ['GET', 'PATCH'],
      headers: { 'x-tenant': 'acme', 'x-version': '2', 'x-debug': false },
    })
    expect(first?.respond).toEqual({ status: 400, headers: { 'Retry-After': '5' } })
  })

  it('reads every trigger, durations in milliseconds', () => {
    const text = rule(
      'match: { token: dev-token, query: { page: 2, debug: true } }',
      'when: { times: 3, after: 1, every: 2, probability: 0.5, per: token, reset: 1m,',
      '        window: { from: 10s, until: 40s } }',
      'respond: { status: 503 }',
    )
    const [first] = parseScenario(text, 'a.yaml').rules
    expect(first?.match).toEqual({ token: 'dev-token', query: { page: '2', debug: true } })
    expect(first?.when).toEqual({
      times: 3,
      after: 1,
      every: 2,
      probability: 0.5,
      per: 'token',
      resetEveryMs: 60_000,
      window: { fromMs: 10_000, untilMs: 40_000 },
    })
  })

  it.each([
    ['300ms', { kind: 'fixed', ms: 300 }],
    ['2s', { kind: 'fixed', ms: 2000 }],
    ['250', { kind: 'fixed', ms: 250 }],
    ['{ min: 300ms, max: 1.5s }', { kind: 'uniform', minMs: 300, maxMs: 1500 }],
    ['{ mean: 500ms, stddev: 100 }', { kind: 'normal', meanMs: 500, stddevMs: 100 }],
  ])('reads the delay %s', (delay, expected) => {
    const [first] = parseScenario(rule(`respond: { delay: ${delay} }`), 'a.yaml').rules
    expect(first?.respond.delay).toEqual(expected)
  })

  it('reads a sequence without respond, and a rule without match as matching everything', () => {
    const text = rule('when: { sequence: [503, 429, pass], per: route }')
    expect(parseScenario(text, 'a.yaml').rules).toEqual([
      { match: {}, when: { sequence: [503, 429, 'pass'], per: 'route' }, respond: {} },
    ])
  })

  it('reads settings alone, and names the scenario after its file by default', () => {
    const scenario = parseScenario(lines('settings: { maintenance: true }'), 'dir/down.yml')
    expect(scenario).toEqual({
      name: 'down',
      description: '',
      settings: { maintenance: true },
      rules: [],
      source: 'dir/down.yml',
    })
  })

  it('allows the $schema key and a body of any JSON', () => {
    const text = `$schema: ../schema/mockapi.scenario.schema.json\n${rule('respond: { status: 409, body: [1, { a: null }] }')}`
    expect(parseScenario(text, 'a.yaml').rules[0]?.respond.body).toEqual([1, { a: null }])
  })
})
