import { describe, expect, it } from 'vitest'
import { compileRules, type RequestFacts } from './compile-rules.js'
import { splitPath } from './match-path.js'
import type { MatchSpec, RuleSpec, Scenario } from './scenario-spec.js'

interface RequestParts {
  readonly method?: string
  readonly path?: string
  readonly headers?: Record<string, string>
  readonly query?: string
  readonly token?: string
}

function request(parts: RequestParts = {}): RequestFacts {
  const headers = parts.headers ?? {}
  return {
    method: parts.method ?? 'GET',
    path: parts.path ?? '/tasks',
    headers: (name) => headers[name],
    query: new URLSearchParams(parts.query ?? ''),
    token: parts.token,
    ip: '127.0.0.1',
  }
}

function scenario(name: string, rules: RuleSpec[]): Scenario {
  return { name, description: '', rules, source: 'inline' }
}

function matches(match: MatchSpec, parts: RequestParts): boolean {
  const [rule] = compileRules([scenario('s', [{ match, respond: { status: 503 } }])])
  const facts = request(parts)
  return rule?.matches(facts, splitPath(facts.path)) ?? false
}

describe('compileRules', () => {
  it.each<[string, MatchSpec, RequestParts, boolean]>([
    ['an empty match matches anything', {}, { method: 'DELETE', path: '/x/y' }, true],
    ['one method', { methods: ['POST'] }, { method: 'POST' }, true],
    ['another method', { methods: ['POST'] }, { method: 'GET' }, false],
    ['a method in a list', { methods: ['PUT', 'PATCH'] }, { method: 'PATCH' }, true],
    ['a method outside a list', { methods: ['PUT', 'PATCH'] }, { method: 'POST' }, false],
    [
      'a method the rule gives in lower case',
      { methods: ['post' as 'POST'] },
      { method: 'POST' },
      true,
    ],
    ['a path pattern', { path: '/tasks/:id' }, { path: '/tasks/3' }, true],
    ['another path', { path: '/tasks/:id' }, { path: '/projects/3' }, false],
    [
      'a header equal',
      { headers: { 'x-tenant': 'acme' } },
      { headers: { 'x-tenant': 'acme' } },
      true,
    ],
    [
      'a header different',
      { headers: { 'x-tenant': 'acme' } },
      { headers: { 'x-tenant': 'ACME' } },
      false,
    ],
    ['a header missing', { headers: { 'x-tenant': 'acme' } }, {}, false],
    [
      'a header name given in any case',
      { headers: { 'X-Tenant': 'acme' } },
      { headers: { 'x-tenant': 'acme' } },
      true,
    ],
    ['a header present', { headers: { 'x-debug': true } }, { headers: { 'x-debug': '' } }, true],
    ['a header required but absent', { headers: { 'x-debug': true } }, {}, false],
    ['a header absent', { headers: { authorization: false } }, {}, true],
    [
      'a header required absent but present',
      { headers: { authorization: false } },
      { headers: { authorization: 'Bearer a' } },
      false,
    ],
    ['a query value', { query: { status: 'done' } }, { query: 'status=done' }, true],
    ['another query value', { query: { status: 'done' } }, { query: 'status=open' }, false],
    ['one of a repeated query value', { query: { tag: 'b' } }, { query: 'tag=a&tag=b' }, true],
    ['a query parameter present', { query: { page: true } }, { query: 'page=2' }, true],
    ['a query parameter required but absent', { query: { page: true } }, {}, false],
    ['a query parameter absent', { query: { page: false } }, { query: 'limit=2' }, true],
    [
      'a query parameter required absent but present',
      { query: { page: false } },
      { query: 'page=' },
      false,
    ],
    ['the token', { token: 'alice' }, { token: 'alice' }, true],
    ['another token', { token: 'alice' }, { token: 'bob' }, false],
    ['no token', { token: 'alice' }, {}, false],
    [
      'every part together',
      {
        methods: ['POST'],
        path: '/projects/:id',
        headers: { 'x-tenant': 'acme' },
        query: { dry: true },
        token: 'alice',
      },
      {
        method: 'POST',
        path: '/projects/7',
        headers: { 'x-tenant': 'acme' },
        query: 'dry=1',
        token: 'alice',
      },
      true,
    ],
    [
      'every part but one',
      {
        methods: ['POST'],
        path: '/projects/:id',
        headers: { 'x-tenant': 'acme' },
        query: { dry: true },
        token: 'alice',
      },
      {
        method: 'POST',
        path: '/projects/7',
        headers: { 'x-tenant': 'acme' },
        query: 'dry=1',
        token: 'bob',
      },
      false,
    ],
  ])('%s: %j on %j → %s', (_, match, parts, expected) => {
    expect(matches(match, parts)).toBe(expected)
  })

  it('orders rules with the last scenario first and each scenario in file order', () => {
    const rule = (status: number): RuleSpec => ({ match: {}, respond: { status } })
    const rules = compileRules([
      scenario('base', [rule(500), rule(501)]),
      scenario('top', [rule(502), rule(503)]),
    ])
    expect(rules.map((r) => [r.order, r.ref.scenario, r.ref.index, r.respond.status])).toEqual([
      [0, 'top', 0, 502],
      [1, 'top', 1, 503],
      [2, 'base', 0, 500],
      [3, 'base', 1, 501],
    ])
  })

  it('keys the same scenario given twice apart', () => {
    const twice = scenario('flaky', [{ match: {}, respond: { status: 503 } }])
    expect(compileRules([twice, twice]).map((rule) => rule.key)).toEqual(['flaky#1/0', 'flaky#0/0'])
  })

  it('resolves the defaults of when', () => {
    const [rule] = compileRules([scenario('s', [{ match: {}, respond: { status: 503 } }])])
    expect(rule?.when).toMatchObject({
      fromMs: 0,
      untilMs: Number.POSITIVE_INFINITY,
      per: 'global',
    })
    expect(rule?.when.firesOnCount).toBeUndefined()
  })

  it('refuses a malformed path pattern at compile time', () => {
    const bad = scenario('s', [{ match: { path: '/a/**/b' }, respond: { status: 503 } }])
    expect(() => compileRules([bad])).toThrow(RangeError)
  })
})
