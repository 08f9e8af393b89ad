import { describe, expect, it } from 'vitest'
import { parseConfig } from '../config/parse-config.js'
import { type FileError, isFileError } from '../errors/file-error.js'
import { parseScenario } from '../scenarios/parse-scenario.js'

// Nine anchors, each a list of nine aliases of the one before: 9^9 (387 million) strings once
// expanded, from a file of under 1 KB.
const LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((name, i) => {
    const previous = 'abcdefghi'.charAt(i)
    return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`
  }),
]

function refusal(parse: () => unknown): FileError {
  try {
    parse()
  } catch (error) {
    if (isFileError(error)) return error
    throw error
  }
  throw new Error('expected the file to be refused')
}

describe('a billion-laughs file is refused by the alias limit', () => {
  it.each([
    ['a config file', () => parseConfig(`${LAUGHS.join('\n')}\n`, 'laughs.yaml')],
    [
      'a scenario file',
      () => parseScenario(`${LAUGHS.join('\n')}\nrules: []\n`, 'scenarios/laughs.yaml'),
    ],
  ])('%s', (_, parse) => {
    const { issues } = refusal(parse)
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ line: 1, column: 1 })
    expect(issues[0]?.message).toMatch(/more than 100 aliases.*billion laughs/)
  })

  it('accepts a file with a few aliases', () => {
    const text = 'x: &n 5\ncount: *n\nresources:\n  books:\n    fields:\n      title: string\n'
    expect(() => parseConfig(text, 'ok.yaml')).toThrow(/unknown key "x"/)
  })
})

it('refuses a file nested 10,000 levels deep with a message saying so', () => {
  const deep = `resources:\n  books:\n    fixtures:\n      - ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`
  const { issues } = refusal(() => parseConfig(deep, 'deep.yaml'))
  expect(issues[0]?.message).toMatch(/nests too deeply/)
  expect(issues[0]?.line).toBe(4)
})

describe('object machinery keys in a config file', () => {
  it.each([
    ['at the top', '__proto__:\n  polluted: yes\n'],
    ['as a resource', 'resources:\n  __proto__:\n    fields:\n      polluted: string\n'],
    ['as a field', 'resources:\n  books:\n    fields:\n      __proto__: string\n'],
    ['as a field', 'resources:\n  books:\n    fields:\n      constructor: string\n'],
    ['as a field', 'resources:\n  books:\n    fields:\n      prototype: string\n'],
    [
      'in a fixture record',
      'resources:\n  books:\n    fields:\n      title: string\n    records:\n      - __proto__: {polluted: yes}\n        title: x\n',
    ],
  ])('are refused %s, and Object.prototype stays clean', (_, text) => {
    expect(refusal(() => parseConfig(text, 'mockapi.yaml')).issues.length).toBeGreaterThan(0)
    expect(Object.keys(Object.prototype)).toEqual([])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
