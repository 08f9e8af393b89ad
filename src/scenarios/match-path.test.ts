import { describe, expect, it } from 'vitest'
import { compilePath, compilePathPattern, splitPath } from './match-path.js'

describe('compilePath', () => {
  it.each([
    ['/tasks', '/tasks', {}],
    ['/tasks', '/tasks/', undefined],
    ['/tasks', '/task', undefined],
    ['/tasks', '/tasks/1', undefined],
    ['/tasks', '/Tasks', undefined],
    ['/', '/', {}],
    ['/', '/tasks', undefined],
    ['/tasks/:id', '/tasks/42', { id: '42' }],
    ['/tasks/:id', '/tasks/', undefined],
    ['/tasks/:id', '/tasks', undefined],
    ['/tasks/:id', '/tasks/42/comments', undefined],
    ['/:resource/:id', '/projects/7', { resource: 'projects', id: '7' }],
    ['/:resource/:id', '/projects', undefined],
    ['/projects/:id/tasks/:taskId', '/projects/7/tasks/3', { id: '7', taskId: '3' }],
    ['/tasks/*', '/tasks/42', {}],
    ['/tasks/*', '/tasks/', undefined],
    ['/tasks/*', '/tasks/42/x', undefined],
    ['/*/comments', '/tasks/comments', {}],
    ['/comments/**', '/comments', {}],
    ['/comments/**', '/comments/1', {}],
    ['/comments/**', '/comments/1/replies/2', {}],
    ['/comments/**', '/commentsx/1', undefined],
    ['/**', '/', {}],
    ['/**', '/anything/at/all', {}],
    ['/projects/:id/**', '/projects/7', { id: '7' }],
    ['/projects/:id/**', '/projects/7/tasks', { id: '7' }],
    ['/files/:name', '/files/a%20b', { name: 'a%20b' }],
  ])('matches %s against %s as %j', (pattern, path, expected) => {
    expect(compilePath(pattern)(path)).toEqual(expected)
  })

  it('keeps a parameter named __proto__ as an own property', () => {
    const params = compilePath('/tasks/:__proto__')('/tasks/x')
    expect(Object.hasOwn(params ?? {}, '__proto__')).toBe(true)
  })

  it.each([
    ['tasks', 'starts with /'],
    ['', 'starts with /'],
    ['/a/**/b', '"**" must be the last segment'],
    ['/tasks/:', 'followed by its name'],
  ])('refuses the pattern %j', (pattern, message) => {
    expect(() => compilePath(pattern)).toThrow(RangeError)
    expect(() => compilePath(pattern)).toThrow(message)
  })
})

describe('compilePathPattern', () => {
  it.each([
    ['/', [], false],
    ['/**', [], true],
    [
      '/tasks/:id',
      [
        { kind: 'literal', text: 'tasks' },
        { kind: 'param', name: 'id' },
      ],
      false,
    ],
    ['/*/x/**', [{ kind: 'any' }, { kind: 'literal', text: 'x' }], true],
  ])('gives %s the parts %j, rest %s', (pattern, parts, rest) => {
    expect(compilePathPattern(pattern)).toMatchObject({ pattern, parts, rest })
  })

  it('tests split segments the same way exec matches them', () => {
    const pattern = compilePathPattern('/tasks/:id')
    expect(pattern.test(splitPath('/tasks/1'))).toBe(true)
    expect(pattern.test(splitPath('/tasks'))).toBe(false)
    expect(pattern.test(splitPath('/tasks/'))).toBe(false)
  })
})

describe('splitPath', () => {
  it.each([
    ['/', []],
    ['/tasks', ['tasks']],
    ['/tasks/3', ['tasks', '3']],
    ['/tasks/', ['tasks', '']],
  ])('splits %s into %j', (path, expected) => {
    expect(splitPath(path)).toEqual(expected)
  })
})
