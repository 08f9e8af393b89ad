import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUILTIN_SCENARIO_NAMES } from './builtin-names.test-support.js'
import { parseScenario } from './parse-scenario.js'
import { BUILTIN_SCENARIOS_DIR } from './resolve-scenario.js'

const NAMES: readonly string[] = BUILTIN_SCENARIO_NAMES

const files = readdirSync(BUILTIN_SCENARIOS_DIR).filter((file) => file.endsWith('.yaml'))
const read = (name: string) => {
  const text = readFileSync(join(BUILTIN_SCENARIOS_DIR, `${name}.yaml`), 'utf8')
  return { text, scenario: parseScenario(text, `builtin:${name}`) }
}

describe('the built-in scenarios', () => {
  it('are exactly the documented ones', () => {
    expect(files.map((file) => file.replace(/\.yaml$/, '')).sort()).toEqual(NAMES)
  })

  it.each(NAMES)('%s parses, is named after its file and tells the client what to do', (name) => {
    const { text, scenario } = read(name)
    expect(scenario.name).toBe(name)
    expect(scenario.description).toMatch(/Your client should .{20,}/)
    expect(text.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../schema/mockapi.scenario.schema.json',
    )
  })

  it.each([
    ['ratelimit', { settings: { rateLimit: '10/60s' }, rules: [] }],
    ['maintenance', { settings: { maintenance: true }, rules: [] }],
    ['unavailable', { rules: [{ match: {}, respond: { status: 503 } }] }],
    ['unauthorized', { rules: [{ match: {}, respond: { status: 401 } }] }],
    [
      'forbidden',
      {
        rules: [
          { match: { methods: ['POST', 'PUT', 'PATCH', 'DELETE'] }, respond: { status: 403 } },
        ],
      },
    ],
    [
      'notfound',
      {
        rules: [{ match: { methods: ['GET'], path: '/:resource/:id' }, respond: { status: 404 } }],
      },
    ],
    [
      'badrequest',
      { rules: [{ match: { methods: ['POST', 'PUT', 'PATCH'] }, respond: { status: 400 } }] },
    ],
    [
      'slow',
      { rules: [{ match: {}, respond: { delay: { kind: 'uniform', minMs: 300, maxMs: 1500 } } }] },
    ],
    [
      'recovering',
      { rules: [{ match: {}, when: { times: 2, per: 'route' }, respond: { status: 503 } }] },
    ],
    [
      'timeouts',
      { rules: [{ match: {}, when: { probability: 0.05 }, respond: { fault: 'hang' } }] },
    ],
  ])('%s does what its description says', (name, expected) => {
    expect(read(name).scenario).toMatchObject(expected)
  })

  it('flaky: about 10% 503 and 5% 429, every answer with 0–200 ms of jitter', () => {
    const jitter = { kind: 'uniform', minMs: 0, maxMs: 200 }
    expect(read('flaky').scenario.rules).toEqual([
      { match: {}, when: { probability: 0.1 }, respond: { status: 503, delay: jitter } },
      { match: {}, when: { probability: 0.05 }, respond: { status: 429, delay: jitter } },
      { match: {}, respond: { delay: jitter } },
    ])
  })

  it('chaos: every fault but hang, and 5xx, each rare', () => {
    const rules = read('chaos').scenario.rules
    const faults = rules.flatMap((rule) => rule.respond.fault ?? [])
    expect(faults.sort()).toEqual(['drip', 'empty', 'malformed', 'reset'])
    expect(rules.some((rule) => (rule.respond.status ?? 0) >= 500)).toBe(true)
    for (const rule of rules) expect(rule.when?.probability ?? 0).toBeLessThanOrEqual(0.05)
  })
})
