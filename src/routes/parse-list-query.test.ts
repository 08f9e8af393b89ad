import { describe, expect, it } from 'vitest'
import { HttpError } from '../errors/http-error.js'
import type { ResourceSpec } from '../resources/resource-spec.js'
import { FILTER_OPERATORS, isFilterOperator, type ListQuery } from '../store/list-query.js'
import {
  DEFAULT_PER_PAGE,
  MAX_FILTERS,
  MAX_PER_PAGE,
  MAX_SEARCH_TERMS,
  MAX_SORT_KEYS,
  parseListQuery,
} from './parse-list-query.js'

const tasks: ResourceSpec = {
  name: 'tasks',
  fields: {
    title: { type: 'string', required: true },
    status: { type: 'string', enum: ['open', 'done'] },
    priority: { type: 'integer', min: 1, max: 5 },
    estimate: { type: 'number', nullable: true },
    done: { type: 'boolean' },
    dueAt: { type: 'string', format: 'date-time', nullable: true },
    due_at: { type: 'string', format: 'date-time' },
    tags: { type: 'array' },
    meta: { type: 'object' },
  },
}

function parse(query: string): ListQuery {
  return parseListQuery(new URLSearchParams(query), tasks)
}

function errorsOf(query: string): unknown {
  try {
    parse(query)
  } catch (error) {
    if (error instanceof HttpError)
      return { status: error.status, code: error.code, errors: error.errors }
    throw error
  }
  throw new Error(`expected '${query}' to be rejected`)
}

describe('parseListQuery', () => {
  it('defaults to the first page of 20 with no filters, search or sort', () => {
    expect(parse('')).toEqual({
      page: 1,
      perPage: DEFAULT_PER_PAGE,
      filters: [],
      q: undefined,
      sort: [],
    })
  })

  it.each([
    ['page=3', { page: 3 }],
    ['per_page=1', { perPage: 1 }],
    [`per_page=${MAX_PER_PAGE}`, { perPage: 100 }],
    ['page=9007199254740991', { page: Number.MAX_SAFE_INTEGER }],
  ])('reads %s', (query, expected) => {
    expect(parse(query)).toMatchObject(expected)
  })

  it.each([
    [
      'page',
      ['abc', '-1', '0', '1.5', '1e9', '', '01', '+1', '9007199254740993'],
      'must be a positive integer',
    ],
    [
      'per_page',
      ['abc', '-1', '0', '1.5', '1e2', '', '101'],
      'must be an integer between 1 and 100',
    ],
  ])('rejects every malformed %s', (name, values, message) => {
    for (const value of values) {
      expect(errorsOf(`${name}=${value}`)).toMatchObject({ errors: [{ field: name, message }] })
    }
  })

  it.each([
    ['sort=priority', [{ field: 'priority', direction: 'asc' }]],
    ['sort=-priority', [{ field: 'priority', direction: 'desc' }]],
    [
      'sort=status,-createdAt,id,-updatedAt',
      [
        { field: 'status', direction: 'asc' },
        { field: 'createdAt', direction: 'desc' },
        { field: 'id', direction: 'asc' },
        { field: 'updatedAt', direction: 'desc' },
      ],
    ],
  ])('reads %s', (query, sort) => {
    expect(parse(query).sort).toEqual(sort)
  })

  it('keeps q as sent and ignores an empty q', () => {
    expect(parse('q=Fix%20Bug').q).toBe('Fix Bug')
    expect(parse('q=').q).toBeUndefined()
  })

  it.each([
    ['status=open', { field: 'status', op: 'eq', values: ['open'] }],
    ['status=open&status=done', { field: 'status', op: 'eq', values: ['open', 'done'] }],
    ['status_ne=done', { field: 'status', op: 'ne', values: ['done'] }],
    ['priority_gt=2', { field: 'priority', op: 'gt', values: [2] }],
    ['priority_gte=-2', { field: 'priority', op: 'gte', values: [-2] }],
    ['estimate_lt=1.5', { field: 'estimate', op: 'lt', values: [1.5] }],
    ['estimate_lte=2e1', { field: 'estimate', op: 'lte', values: [20] }],
    ['title_like=Bug', { field: 'title', op: 'like', values: ['Bug'] }],
    ['priority_in=1,3', { field: 'priority', op: 'in', values: [1, 3] }],
    ['priority_in=1&priority_in=4,5', { field: 'priority', op: 'in', values: [1, 4, 5] }],
    ['done=true', { field: 'done', op: 'eq', values: [true] }],
    ['done_ne=false', { field: 'done', op: 'ne', values: [false] }],
    ['dueAt=null', { field: 'dueAt', op: 'eq', values: [null] }],
    ['estimate_in=null,2', { field: 'estimate', op: 'in', values: [null, 2] }],
    ['dueAt_ne=null', { field: 'dueAt', op: 'ne', values: [null] }],
    ['title=null', { field: 'title', op: 'eq', values: ['null'] }],
    ['dueAt_gte=2024-01-01', { field: 'dueAt', op: 'gte', values: ['2024-01-01'] }],
    ['due_at_lt=2024-01-01', { field: 'due_at', op: 'lt', values: ['2024-01-01'] }],
    [
      'due_at=2024-01-01T00:00:00Z',
      { field: 'due_at', op: 'eq', values: ['2024-01-01T00:00:00Z'] },
    ],
    ['id=7', { field: 'id', op: 'eq', values: [7] }],
    ['createdAt_gt=2024', { field: 'createdAt', op: 'gt', values: ['2024'] }],
    ['title=', { field: 'title', op: 'eq', values: [''] }],
  ])('reads the filter %s', (query, filter) => {
    expect(parse(query).filters).toEqual([filter])
  })

  it('keeps one filter per parameter name, to be AND-ed', () => {
    expect(parse('priority_gte=2&priority_lte=4&status=open').filters).toEqual([
      { field: 'priority', op: 'gte', values: [2] },
      { field: 'priority', op: 'lte', values: [4] },
      { field: 'status', op: 'eq', values: ['open'] },
    ])
  })

  it.each([
    ['priority=1.5', "must be an integer, got '1.5'"],
    ['priority=1e3', "must be an integer, got '1e3'"],
    ['priority=null', "must be an integer, got 'null'"],
    ['priority_in=1,x', "must be an integer, got 'x'"],
    ['estimate=abc', "must be a number or null, got 'abc'"],
    ['estimate=0x10', "must be a number or null, got '0x10'"],
    ['estimate_gt=1e999', "must be a number, got '1e999'"],
    ['done=yes', "must be true or false, got 'yes'"],
    ['done=1', "must be true or false, got '1'"],
    ['done_gt=true', '_gt works only on integer, number and string fields'],
    ['priority_like=1', '_like works only on string fields'],
    ['dueAt_gt=null', 'null can only be matched with =, _ne or _in'],
    ['dueAt_like=null', 'null can only be matched with =, _ne or _in'],
    ['tags=a', "cannot filter on 'tags': it is an array field"],
    ['meta_ne=a', "cannot filter on 'meta': it is an object field"],
    ['sort=nope', "cannot sort by 'nope': not a field of this resource"],
    ['sort=-tags', "cannot sort by 'tags': it is an array field"],
    ['sort=title,,id', 'must list field names separated by commas, such as status,-createdAt'],
    ['sort=', 'must list field names separated by commas, such as status,-createdAt'],
    ['page=1&page=2', 'must be given only once'],
    ['q=a&q=b', 'must be given only once'],
  ])('rejects %s', (query, message) => {
    expect(errorsOf(query)).toMatchObject({ errors: [{ message }] })
  })

  it.each([
    'nope',
    'title_foo',
    'nope_gt',
    '__proto__',
    'constructor',
    'toString_in',
    'hasOwnProperty',
    '_gt',
    'Title',
    'token',
  ])('rejects the unknown parameter %s', (name) => {
    expect(errorsOf(`${name}=1`)).toMatchObject({
      errors: [{ field: name, message: expect.stringMatching(/^unknown query parameter/) }],
    })
  })

  it('collects every problem into one 400 invalid_query', () => {
    const query = 'page=0&per_page=500&sort=-nope&priority_gt=x&done=maybe&bogus=1&status=open'
    expect(() => parse(query)).toThrow(HttpError)
    expect(errorsOf(query)).toEqual({
      status: 400,
      code: 'invalid_query',
      errors: [
        { field: 'page', message: 'must be a positive integer' },
        { field: 'per_page', message: 'must be an integer between 1 and 100' },
        { field: 'sort', message: "cannot sort by 'nope': not a field of this resource" },
        { field: 'priority_gt', message: "must be an integer, got 'x'" },
        { field: 'done', message: "must be true or false, got 'maybe'" },
        {
          field: 'bogus',
          message: 'unknown query parameter: expected page, per_page, sort, q, or a field filter',
        },
      ],
    })
  })

  it('says how many parameters are invalid in the detail', () => {
    expect(() => parse('page=0&page=x&bogus=1')).toThrow(/2 parameters are invalid/)
    expect(() => parse('priority_in=a,b')).toThrow(/1 parameter is invalid/)
  })

  it('prefers the operator reading when both the field and field_op exist', () => {
    const spec: ResourceSpec = {
      name: 'p',
      fields: { price: { type: 'number' }, price_in: { type: 'string' } },
    }
    expect(parseListQuery(new URLSearchParams('price_in=1,2'), spec).filters).toEqual([
      { field: 'price', op: 'in', values: [1, 2] },
    ])
  })

  it('lets a declared id override the implicit integer type', () => {
    const spec: ResourceSpec = { name: 'p', fields: { id: { type: 'string', format: 'uuid' } } }
    expect(parseListQuery(new URLSearchParams('id=abc'), spec).filters).toEqual([
      { field: 'id', op: 'eq', values: ['abc'] },
    ])
  })

  it('recognises exactly the documented operators', () => {
    expect(FILTER_OPERATORS.filter(isFilterOperator)).toEqual([
      'ne',
      'gt',
      'gte',
      'lt',
      'lte',
      'like',
      'in',
    ])
    expect(['eq', 'constructor', '', 'GT'].some(isFilterOperator)).toBe(false)
  })

  it('bounds a query: at most 10 sort keys, each field once', () => {
    const keys = ['title', 'status', 'priority', 'estimate', 'done', 'dueAt', 'due_at', 'id']
    const ten = [...keys, 'createdAt', 'updatedAt']
    expect(parse(`sort=${ten.join(',')}`).sort).toHaveLength(MAX_SORT_KEYS)
    expect(errorsOf(`sort=${[...ten, 'title'].join(',')}`)).toMatchObject({
      code: 'invalid_query',
      errors: [{ field: 'sort', message: 'at most 10 sort keys' }],
    })
    expect(errorsOf('sort=status,-status')).toMatchObject({
      errors: [{ field: 'sort', message: "sorts by 'status' twice: name each field once" }],
    })
    const attack = Array.from({ length: 2000 }, (_, i) => (i % 2 ? '-status' : 'status'))
    expect(errorsOf(`sort=${attack.join(',')}`)).toMatchObject({ status: 400 })
  })

  it('bounds a query: at most 50 filter values in all, and 10 search terms', () => {
    const fifty = Array.from({ length: MAX_FILTERS }, () => 'priority_ne=1').join('&')
    expect(parse(fifty).filters[0]?.values).toHaveLength(MAX_FILTERS)
    expect(errorsOf(`${fifty}&status=open`)).toMatchObject({
      code: 'invalid_query',
      errors: [{ field: 'filters', message: expect.stringMatching(/^at most 50 filters/) }],
    })
    const list = Array.from({ length: MAX_FILTERS + 1 }, (_, i) => i % 5).join(',')
    expect(errorsOf(`priority_in=${list}`)).toMatchObject({ errors: [{ field: 'filters' }] })
    const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ')
    expect(parse(`q=${words(MAX_SEARCH_TERMS)}`).q).toBe(words(MAX_SEARCH_TERMS))
    expect(errorsOf(`q=${words(MAX_SEARCH_TERMS + 1)}`)).toMatchObject({
      errors: [{ field: 'q', message: 'at most 10 search terms' }],
    })
  })
})
