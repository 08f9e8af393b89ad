import { describe, expect, it } from 'vitest'
import { type FileIssue, isFileError } from '../errors/file-error.js'
import { parseScenario } from './parse-scenario.js'

function issuesOf(text: string): FileIssue[] {
  try {
    parseScenario(text, 'bad.yaml')
  } catch (error) {
    if (isFileError(error)) return [...error.issues]
    throw error
  }
  throw new Error('expected the scenario to be refused')
}

const lines = (...rows: string[]): string => `${rows.join('\n')}\n`

/** A file with one rule, its keys one per line: `rule('match: { path: /a }', 'respond: …')`. */
const rule = (first: string, ...rest: string[]): string =>
  lines('rules:', `  - ${first}`, ...rest.map((row) => `    ${row}`))

/** The same with `respond: { status: 503 }` added, for rules whose other keys are at fault. */
const failing = (first: string): string => rule(first, 'respond: { status: 503 }')

describe('parseScenario refuses a broken file', () => {
  it.each([
    [
      'a YAML syntax error',
      lines('rules:', '  - match: { path: /a', 'name: x'),
      3,
      1,
      'end with a }',
    ],
    [
      'a duplicate key',
      rule('respond: { status: 503 }', 'respond: {}'),
      3,
      5,
      'duplicate key "respond"',
    ],
    [
      'an unknown top-level key',
      lines('rule: []'),
      1,
      1,
      'unknown key "rule"; did you mean "rules"?',
    ],
    [
      'an unknown rule key',
      rule('respnd: {}'),
      2,
      5,
      'rules[0]: unknown key "respnd"; did you mean "respond"?',
    ],
    ['an unknown respond key', rule('respond: { stauts: 503 }'), 2, 16, 'did you mean "status"?'],
    ['an empty file', '', 1, 1, 'a scenario needs rules or settings, such as rules: [{'],
    [
      'an empty list of rules',
      lines('rules: []'),
      1,
      8,
      'rules: a scenario needs rules or settings',
    ],
    [
      'rules that are not a list',
      lines('rules: { respond: {} }'),
      1,
      8,
      'rules: must be a list (got a mapping)',
    ],
    [
      'a name with spaces',
      lines('name: Checkout Failures', 'settings: { maintenance: true }'),
      1,
      7,
      'name: a scenario name is lower-case letters, digits, - and _',
    ],
    [
      'an unknown method',
      failing('match: { method: FETCH }'),
      2,
      22,
      'rules[0].match.method: unknown method "FETCH"; expected one of: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
    ],
    [
      'a misspelt method',
      failing('match: { method: PSOT }'),
      2,
      22,
      'unknown method "PSOT"; did you mean "POST"?',
    ],
    [
      'a misspelt method in a list',
      failing('match: { method: [get, gte] }'),
      2,
      28,
      'rules[0].match.method[1]: unknown method "gte"; did you mean "GET"?',
    ],
    [
      'a method listed twice',
      failing('match: { method: [get, GET] }'),
      2,
      28,
      'method[1]: method GET is listed twice',
    ],
    [
      'a method that is a number',
      failing('match: { method: 5 }'),
      2,
      22,
      'method: must be a string or a list (got 5)',
    ],
    [
      'an empty list of methods',
      failing('match: { method: [] }'),
      2,
      22,
      'method: must NOT have fewer than 1 items',
    ],
    [
      'a path without its leading /',
      failing('match: { path: tasks }'),
      2,
      20,
      'rules[0].match.path: a path starts with /, such as /tasks, /projects/:id or /comments/** (got "tasks")',
    ],
    [
      'a ** before the last segment',
      failing('match: { path: /a/**/b }'),
      2,
      20,
      '"**" must be the last segment (it matches the rest of the path), got "/a/**/b"',
    ],
    [
      'a wildcard inside a segment',
      failing('match: { path: /tasks* }'),
      2,
      20,
      'a wildcard is a whole segment: * (any one segment) or ** (the rest of the path)',
    ],
    [
      'a trailing /',
      failing('match: { path: /tasks/ }'),
      2,
      20,
      'a path has no empty segment (no // and no trailing /), got "/tasks/"',
    ],
    [
      'a query string in the path',
      failing('match: { path: /tasks?done=true }'),
      2,
      20,
      'a path has no query string; match query parameters with query',
    ],
    [
      'a parameter without a name',
      failing('match: { path: "/tasks/:" }'),
      2,
      20,
      '":" starts a parameter and is followed by its name',
    ],
    [
      'a parameter named twice',
      failing('match: { path: /:id/x/:id }'),
      2,
      20,
      'parameter :id appears twice',
    ],
    [
      'a header name with a space',
      failing('match: { headers: { x tenant: a } }'),
      2,
      25,
      'invalid name "x tenant": a header name is letters, digits',
    ],
    [
      'a header given twice',
      failing('match: { headers: { X-Tenant: a, x-tenant: b } }'),
      2,
      38,
      'headers.x-tenant: header "x-tenant" is already given as "X-Tenant"',
    ],
    [
      'a header value that is a list',
      failing('match: { headers: { x-a: [1] } }'),
      2,
      30,
      'x-a: must be a string or a number or true or false (got a list)',
    ],
    [
      'a token with a space',
      failing('match: { token: a b }'),
      2,
      21,
      'a token is one or more visible ASCII characters',
    ],
    ['times: 0', failing('when: { times: 0 }'), 2, 20, 'rules[0].when.times: must be >= 1 (got 0)'],
    ['after: -1', failing('when: { after: -1 }'), 2, 20, 'when.after: must be >= 0 (got -1)'],
    [
      'every: 1.5',
      failing('when: { every: 1.5 }'),
      2,
      20,
      'when.every: must be an integer (got 1.5)',
    ],
    [
      'a probability above 1',
      failing('when: { probability: 2 }'),
      2,
      26,
      'when.probability: must be <= 1 (got 2)',
    ],
    [
      'a probability in percent',
      failing('when: { probability: 10% }'),
      2,
      26,
      'must be a number (got "10%")',
    ],
    [
      'a sequence with a success status',
      rule('when: { sequence: [503, 200, pass] }'),
      2,
      29,
      'rules[0].when.sequence[1]: 200 is not an error status; a step is a status from 400 to 599, or pass',
    ],
    [
      'a misspelt pass',
      rule('when: { sequence: [503, pas] }'),
      2,
      29,
      'sequence[1]: must be one of: pass (got "pas"; did you mean "pass"?)',
    ],
    [
      'an empty sequence',
      rule('when: { sequence: [] }'),
      2,
      23,
      'sequence: must NOT have fewer than 1 items',
    ],
    [
      'a sequence and a status',
      rule('when: { sequence: [503] }', 'respond: { status: 429 }'),
      3,
      16,
      'respond.status: conflicts with when.sequence, which gives the status of each match',
    ],
    [
      'a window that closes before it opens',
      failing('when: { window: { from: 40s, until: 10s } }'),
      2,
      41,
      'when.window.until: until (10s) must be later than from (40s)',
    ],
    [
      'a window that closes at once',
      failing('when: { window: { until: 0s } }'),
      2,
      30,
      'until (0s) must be later than the start (0ms)',
    ],
    [
      'an empty window',
      failing('when: { window: {} }'),
      2,
      21,
      'when.window: a window needs from, until or both',
    ],
    [
      'a window with a bad duration',
      failing('when: { window: { from: soon } }'),
      2,
      29,
      'window.from: a duration is a number with ms, s, m or h (such as 300ms or 2s), or a number of milliseconds (got "soon")',
    ],
    [
      'an unknown window key',
      failing('when: { window: { start: 1s } }'),
      2,
      23,
      'unknown key "start"; expected one of: from, until',
    ],
    [
      'an unknown per',
      failing('when: { times: 1, per: user }'),
      2,
      28,
      'when.per: must be one of: global, token, ip, route (got "user")',
    ],
    [
      'per without a counter',
      failing('when: { probability: 0.5, per: token }'),
      2,
      31,
      'when.per: has no effect without times, after, every or sequence',
    ],
    [
      'reset: 0s',
      failing('when: { times: 1, reset: 0s }'),
      2,
      30,
      'when.reset: must be at least 1ms',
    ],
    [
      'reset in days',
      failing('when: { times: 1, reset: 1d }'),
      2,
      30,
      'when.reset: a duration is a number with ms, s, m or h',
    ],
    [
      'a rule without respond',
      rule('match: { path: /a }'),
      2,
      5,
      'rules[0]: missing the required key "respond"',
    ],
    [
      'an empty respond',
      rule('respond: {}'),
      2,
      14,
      'rules[0].respond: must set at least one of status, fault, delay, body or headers',
    ],
    [
      'status 200',
      rule('respond: { status: 200 }'),
      2,
      24,
      'respond.status: must be an error status, 400 to 599 (got 200)',
    ],
    [
      'a status in quotes',
      rule('respond: { status: "503" }'),
      2,
      24,
      'respond.status: must be an integer (got "503")',
    ],
    [
      'an unknown fault',
      rule('respond: { fault: rst }'),
      2,
      23,
      'must be one of: reset, hang, empty, malformed, drip (got "rst")',
    ],
    [
      'a status with fault: reset',
      rule('respond: { fault: reset, status: 503 }'),
      2,
      30,
      'respond.status: has no effect with fault: reset, which sends no response',
    ],
    [
      'a body with fault: hang',
      rule('respond: { fault: hang, body: {} }'),
      2,
      29,
      'respond.body: has no effect with fault: hang',
    ],
    [
      'a response header given twice',
      rule('respond: { status: 503, headers: { Retry-After: 1, retry-after: 2 } }'),
      2,
      56,
      'header "retry-after" is already given as "Retry-After"',
    ],
    [
      'a delay in words',
      rule('respond: { delay: 3 seconds }'),
      2,
      23,
      'respond.delay: a duration is a number with ms, s, m or h',
    ],
    [
      'a delay over 24 h',
      rule('respond: { delay: 25h }'),
      2,
      23,
      'respond.delay: duration must be from 0ms to 24h, got "25h"',
    ],
    [
      'a negative delay',
      rule('respond: { delay: -5 }'),
      2,
      23,
      'respond.delay: must be >= 0 (got -5)',
    ],
    [
      'a delay that is true',
      rule('respond: { delay: true }'),
      2,
      23,
      'must be a string or a number or a mapping (got true)',
    ],
    [
      'a delay min above max',
      rule('respond: { delay: { min: 2s, max: 1s } }'),
      2,
      39,
      'respond.delay.max: min (2s) must not be more than max (1s)',
    ],
    [
      'a delay min without max',
      rule('respond: { delay: { min: 2s } }'),
      2,
      23,
      'a delay range needs both min and max, such as { min: 300ms, max: 1500ms }',
    ],
    [
      'a delay mean without stddev',
      rule('respond: { delay: { mean: 2s } }'),
      2,
      23,
      'a normal delay needs both mean and stddev',
    ],
    [
      'a delay both uniform and normal',
      rule('respond: { delay: { min: 1s, max: 2s, mean: 1s } }'),
      2,
      23,
      'use either min and max (uniform) or mean and stddev (normal), not both',
    ],
    ['an empty delay mapping', rule('respond: { delay: {} }'), 2, 23, 'needs min and max (such as'],
    [
      'an unknown delay key',
      rule('respond: { delay: { low: 1s } }'),
      2,
      25,
      'unknown key "low"; expected one of: min, max, mean, stddev',
    ],
    [
      'a rate limit in words',
      lines('settings:', '  rateLimit: 10 per minute'),
      2,
      14,
      'settings.rateLimit: rate limit must look like 100/60s',
    ],
    [
      'a rate limit of 0',
      lines('settings:', '  rateLimit: 0/60s'),
      2,
      14,
      'rate limit must allow 1 to 1000000000 requests per window',
    ],
    [
      'maintenance: yes',
      lines('settings:', '  maintenance: yes'),
      2,
      16,
      'settings.maintenance: must be true or false (got "yes")',
    ],
    [
      'a misspelt rateLimit',
      lines('settings:', '  ratelimit: 10/60s'),
      2,
      3,
      'did you mean "rateLimit"?',
    ],
  ])('%s', (_, text, line, column, message) => {
    const issues = issuesOf(text)
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ file: 'bad.yaml', line, column })
    expect(issues[0]?.message).toContain(message)
  })

  it('reports every problem at once, in file order, schema and semantic alike', () => {
    const text = lines(
      'settings: { rateLimit: fast }',
      'rules:',
      '  - match: { method: GTE, path: /a/**/b }',
      '    when: { window: { from: 40s, until: 10s } }',
      '    respond: { status: 200 }',
      '  - match: { path: tasks }',
      '    respond: { fault: rst }',
    )
    expect(issuesOf(text).map(({ line, column }) => [line, column])).toEqual([
      [1, 24],
      [3, 22],
      [3, 33],
      [4, 41],
      [5, 24],
      [6, 20],
      [7, 23],
    ])
  })

  it('formats each issue as file:line:column: message', () => {
    expect(() => parseScenario(rule('respond: { status: 200 }'), 'my.yaml')).toThrow(
      /^my\.yaml:2:24: rules\[0\]\.respond\.status: must be an error status/,
    )
  })
})
