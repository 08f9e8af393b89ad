import { describe, expect, it } from 'vitest'
import { compilePathPattern, splitPath } from './match-path.js'
import { type IndexedRule, indexRules } from './rule-index.js'

interface FakeRule extends IndexedRule {
  readonly name: string
}

function rule(order: number, methods: string[] | undefined, pattern?: string): FakeRule {
  return {
    order,
    name: `${methods?.join('|') ?? '*'} ${pattern ?? '(any path)'}`,
    methods: methods === undefined ? undefined : new Set(methods),
    path: pattern === undefined ? undefined : compilePathPattern(pattern),
  }
}

const rules = [
  rule(0, undefined),
  rule(1, ['GET'], '/tasks'),
  rule(2, ['POST'], '/tasks'),
  rule(3, ['GET', 'POST'], '/:resource'),
  rule(4, undefined, '/tasks/**'),
  rule(5, ['GET'], '/tasks/:id'),
  rule(6, undefined, '/'),
  rule(7, ['GET'], '/*/:id'),
  rule(8, ['GET'], '/tasks/:id/comments'),
]

function visited(method: string, path: string, from = rules): string[] {
  const names: string[] = []
  indexRules(from).find(method, splitPath(path), (candidate) => void names.push(candidate.name))
  return names
}

describe('indexRules', () => {
  it.each([
    ['GET', '/tasks', ['* (any path)', 'GET /tasks', 'GET|POST /:resource', '* /tasks/**']],
    ['POST', '/tasks', ['* (any path)', 'POST /tasks', 'GET|POST /:resource', '* /tasks/**']],
    ['GET', '/tasks/1', ['* (any path)', '* /tasks/**', 'GET /tasks/:id', 'GET /*/:id']],
    ['GET', '/tasks/1/comments', ['* (any path)', '* /tasks/**', 'GET /tasks/:id/comments']],
    ['GET', '/tasks/', ['* (any path)', '* /tasks/**']],
    ['GET', '/projects/7', ['* (any path)', 'GET /*/:id']],
    ['DELETE', '/tasks/1', ['* (any path)', '* /tasks/**']],
    ['PROPFIND', '/tasks', ['* (any path)', '* /tasks/**']],
    ['GET', '/', ['* (any path)', '* /']],
    ['DELETE', '/comments', ['* (any path)']],
  ])('visits, for %s %s, only the rules that fit, in order: %j', (method, path, names) => {
    expect(visited(method, path)).toEqual(names)
  })

  it('stops at the first rule for which visit returns something', () => {
    const seen: number[] = []
    const found = indexRules(rules).find('GET', splitPath('/tasks'), (candidate) => {
      seen.push(candidate.order)
      return candidate.order === 1 ? candidate.name : undefined
    })
    expect(found).toBe('GET /tasks')
    expect(seen).toEqual([0, 1])
  })

  it('keeps priority order whatever order the rules come in', () => {
    const reversed = [...rules].reverse()
    expect(visited('GET', '/tasks/1', reversed)).toEqual(visited('GET', '/tasks/1'))
  })

  it.each([
    ['distinct first segments', (i: number) => `/r${i}/:id`, '/r500/1', 500],
    ['one shared first segment', (i: number) => `/tasks/${i}`, '/tasks/500', 500],
    ['a parameter first', (i: number) => `/:resource/x${i}`, '/tasks/x500', 500],
  ])('with 1,000 rules on %s, meets only the rule that fits', (_, pattern, path, order) => {
    const many = Array.from({ length: 1000 }, (_, i) => rule(i, ['GET'], pattern(i)))
    expect(visited('GET', path, many)).toEqual([`GET ${pattern(order)}`])
    expect(visited('POST', path, many)).toEqual([])
    expect(visited('GET', '/elsewhere/x/y', many)).toEqual([])
  })
})
