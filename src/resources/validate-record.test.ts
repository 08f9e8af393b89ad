import { describe, expect, it } from 'vitest'
import type { ResourceSpec } from './resource-spec.js'
import { validateRecord } from './validate-record.js'

const tasks: ResourceSpec = {
  name: 'tasks',
  fields: {
    title: { type: 'string', required: true, min: 3, max: 10 },
    code: { type: 'string', min: 2, max: 2 },
    note: { type: 'string', max: 5, nullable: true },
    status: { type: 'string', enum: ['todo', 'doing', 'done'], required: true },
    priority: { type: 'integer', min: 1, max: 5 },
    level: { type: 'integer', enum: [1, 2, 3] },
    age: { type: 'integer', min: 18 },
    score: { type: 'number', max: 1.5 },
    ratio: { type: 'number', min: 0, max: 1 },
    done: { type: 'boolean' },
    tags: { type: 'array', min: 1, max: 2 },
    meta: { type: 'object' },
    email: { type: 'string', format: 'email' },
    externalId: { type: 'string', format: 'uuid' },
    dueAt: { type: 'string', format: 'date-time' },
    startsOn: { type: 'string', format: 'date' },
    homepage: { type: 'string', format: 'url' },
    ownerId: { type: 'integer', readOnly: true, required: true },
  },
}

const valid = { title: 'Write', status: 'todo' }

describe('validateRecord', () => {
  it('accepts a minimal valid create body', () => {
    expect(validateRecord(tasks, valid, 'create')).toEqual([])
  })

  it('accepts a body that sets every writable field to a valid value', () => {
    const body = {
      ...valid,
      code: 'ab',
      note: null,
      priority: 5,
      level: 2,
      age: 18,
      score: -3.25,
      ratio: 1,
      done: false,
      tags: ['a', 'b'],
      meta: { any: ['thing'] },
      email: 'ada.lovelace+test@example.co.uk',
      externalId: '123e4567-E89B-12d3-a456-426614174000',
      dueAt: '2024-02-29T23:59:60.123+05:30',
      startsOn: '2000-02-29',
      homepage: 'https://example.com/a?b=c#d',
    }
    expect(validateRecord(tasks, body, 'create')).toEqual([])
  })

  it.each([
    ['an array', []],
    ['a string', 'title'],
    ['null', null],
    ['a number', 42],
  ])('refuses a body that is %s', (_, body) => {
    expect(validateRecord(tasks, body, 'create')).toEqual([
      { field: '(body)', message: 'must be a JSON object' },
    ])
  })

  it.each([
    ['title', 42, 'must be a string'],
    ['priority', '3', 'must be an integer'],
    ['priority', 2.5, 'must be an integer'],
    ['score', '1', 'must be a number'],
    ['done', 'yes', 'must be a boolean'],
    ['tags', 'a', 'must be an array'],
    ['meta', [], 'must be an object'],
    ['meta', 'x', 'must be an object'],
    ['title', null, 'must not be null'],
    ['priority', null, 'must not be null'],
    ['status', 'blocked', 'must be one of: todo, doing, done'],
    ['level', 4, 'must be one of: 1, 2, 3'],
    ['level', '1', 'must be an integer'],
    ['priority', 0, 'must be an integer between 1 and 5'],
    ['priority', 6, 'must be an integer between 1 and 5'],
    ['ratio', 1.01, 'must be a number between 0 and 1'],
    ['age', 17, 'must be at least 18'],
    ['score', 1.6, 'must be at most 1.5'],
    ['title', 'ab', 'must be between 3 and 10 characters long'],
    ['title', 'abcdefghijk', 'must be between 3 and 10 characters long'],
    ['code', 'abc', 'must be exactly 2 characters long'],
    ['note', 'abcdef', 'must be at most 5 characters long'],
    ['tags', [], 'must have between 1 and 2 items'],
    ['tags', [1, 2, 3], 'must have between 1 and 2 items'],
    ['email', 'ada@', 'must be a valid email address'],
    ['email', 'ada@localhost', 'must be a valid email address'],
    ['email', 'a b@example.com', 'must be a valid email address'],
    ['externalId', '123e4567-e89b-12d3-a456-42661417400', 'must be a valid UUID'],
    ['dueAt', '2024-05-01', 'must be an RFC 3339 date-time such as 2024-05-01T12:00:00Z'],
    ['dueAt', '2024-05-01T12:00:00', 'must be an RFC 3339 date-time such as 2024-05-01T12:00:00Z'],
    ['dueAt', '2024-05-01T24:00:00Z', 'must be an RFC 3339 date-time such as 2024-05-01T12:00:00Z'],
    ['dueAt', '2024-13-01T12:00:00Z', 'must be an RFC 3339 date-time such as 2024-05-01T12:00:00Z'],
    [
      'dueAt',
      '2024-05-01T12:00:00+24:00',
      'must be an RFC 3339 date-time such as 2024-05-01T12:00:00Z',
    ],
    ['startsOn', '2023-02-29', 'must be a date in YYYY-MM-DD form'],
    ['startsOn', '2024-04-31', 'must be a date in YYYY-MM-DD form'],
    ['startsOn', '2024-5-1', 'must be a date in YYYY-MM-DD form'],
    ['startsOn', '2024-05-01T00:00:00Z', 'must be a date in YYYY-MM-DD form'],
    ['homepage', '/relative/path', 'must be an absolute http or https URL'],
    ['homepage', 'ftp://example.com', 'must be an absolute http or https URL'],
    ['homepage', 'http:example.com', 'must be an absolute http or https URL'],
    ['homepage', ' https://example.com', 'must be an absolute http or https URL'],
    ['homepage', 'javascript:alert(1)', 'must be an absolute http or https URL'],
    ['id', 7, 'is read-only'],
    ['createdAt', '2024-05-01T12:00:00Z', 'is read-only'],
    ['updatedAt', null, 'is read-only'],
    ['ownerId', 1, 'is read-only'],
    ['nickname', 'x', 'is not a field of tasks'],
    ['__proto__', { polluted: true }, 'is not a field of tasks'],
    ['constructor', 'x', 'is not a field of tasks'],
    ['prototype', 'x', 'is not a field of tasks'],
    ['toString', 'x', 'is not a field of tasks'],
  ])('reports %s = %j as "%s"', (field, value, message) => {
    const body = JSON.parse(JSON.stringify({ ...valid, [field]: value })) as unknown
    expect(validateRecord(tasks, body, 'create')).toEqual([{ field, message }])
    expect(validateRecord(tasks, body, 'update')).toEqual([{ field, message }])
  })

  it('counts string lengths in characters, not UTF-16 units', () => {
    expect(validateRecord(tasks, { code: '😀😀' }, 'update')).toEqual([])
    expect(validateRecord(tasks, { code: '😀' }, 'update')).toEqual([
      { field: 'code', message: 'must be exactly 2 characters long' },
    ])
  })

  it('reports a __proto__ key parsed from JSON without touching the prototype', () => {
    const body: unknown = JSON.parse('{"__proto__": {"title": "x"}, "status": "todo"}')
    expect(validateRecord(tasks, body, 'update')).toEqual([
      { field: '__proto__', message: 'is not a field of tasks' },
    ])
  })

  it('requires the required writable fields on create only', () => {
    expect(validateRecord(tasks, {}, 'create')).toEqual([
      { field: 'title', message: 'is required' },
      { field: 'status', message: 'is required' },
    ])
    expect(validateRecord(tasks, {}, 'update')).toEqual([])
  })

  it('allows null on a nullable field on create and update', () => {
    expect(validateRecord(tasks, { ...valid, note: null }, 'create')).toEqual([])
    expect(validateRecord(tasks, { note: null }, 'update')).toEqual([])
  })

  it('reports every problem at once, one per field', () => {
    const body = { id: 1, title: 3, priority: 9, email: 'x', nickname: 'n' }
    expect(validateRecord(tasks, body, 'create')).toEqual([
      { field: 'id', message: 'is read-only' },
      { field: 'title', message: 'must be a string' },
      { field: 'priority', message: 'must be an integer between 1 and 5' },
      { field: 'email', message: 'must be a valid email address' },
      { field: 'nickname', message: 'is not a field of tasks' },
      { field: 'status', message: 'is required' },
    ])
  })

  it('never treats a declared unsafe or system field name as writable', () => {
    const odd: ResourceSpec = {
      name: 'odd',
      fields: JSON.parse('{"__proto__": {"type": "string"}, "id": {"type": "integer"}}'),
    }
    expect(validateRecord(odd, JSON.parse('{"__proto__": "x", "id": 1}'), 'create')).toEqual([
      { field: '__proto__', message: 'is not a field of odd' },
      { field: 'id', message: 'is read-only' },
    ])
  })

  it('gives the same answers when called again with the same resource (prepared once)', () => {
    const first = validateRecord(tasks, { priority: 0 }, 'update')
    expect(validateRecord(tasks, { priority: 0 }, 'update')).toEqual(first)
  })
})
