import { describe, expect, it } from 'vitest'
import { shapeList, shapeRecord, unwrapBody } from './model-shapes.js'

const item = { type: 'object', properties: { id: { type: 'integer' }, title: { type: 'string' } } }
const page = {
  items: [{ id: 1 }, { id: 2 }],
  total: 12,
  links: {
    self: 'http://x/a?page=2',
    first: 'http://x/a?page=1',
    last: 'http://x/a?page=6',
    next: 'http://x/a?page=3',
    prev: 'http://x/a?page=1',
  },
}
const fill = () => 'filled'

describe('envelopes', () => {
  it('answers a plain array schema with the array', () => {
    expect(shapeList({ type: 'array', items: item }, page, fill)).toEqual(page.items)
  })

  it('fills an envelope: the array, count-like integers with the total', () => {
    const schema = {
      type: 'object',
      properties: { articles: { type: 'array', items: item }, articlesCount: { type: 'integer' } },
    }
    expect(shapeList(schema, page, fill)).toEqual({ articles: page.items, articlesCount: 12 })
  })

  it('fills paging links when the schema has them', () => {
    const schema = {
      type: 'object',
      properties: {
        data: { type: 'array', items: item },
        links: {
          type: 'object',
          properties: {
            next: { type: 'string' },
            prev: { type: 'string' },
            self: { type: 'string' },
          },
        },
        meta: { type: 'string' },
      },
    }
    expect(shapeList(schema, page, fill)).toEqual({
      data: page.items,
      links: { next: page.links.next, prev: page.links.prev, self: page.links.self },
      meta: 'filled',
    })
  })

  it('wraps and unwraps a single record as {"article": {...}}', () => {
    const wrapper = { type: 'object', properties: { article: item } }
    expect(shapeRecord(wrapper, { id: 1 })).toEqual({ article: { id: 1 } })
    expect(unwrapBody(wrapper, { article: { title: 'x' } })).toEqual({ title: 'x' })
    expect(shapeRecord(item, { id: 1 })).toEqual({ id: 1 })
    expect(unwrapBody(item, { title: 'x' })).toEqual({ title: 'x' })
  })
})

describe('paging fields of an envelope', () => {
  const window = { page: 2, limit: 5, offset: 5 }
  const int = { type: 'integer' }

  it('fills page, size and totals at the top (Spring: totalElements, totalPages)', () => {
    const schema = {
      type: 'object',
      properties: {
        content: { type: 'array', items: item },
        page: int,
        size: int,
        totalElements: int,
        totalPages: int,
      },
    }
    expect(shapeList(schema, { ...page, window }, fill)).toEqual({
      content: page.items,
      page: 2,
      size: 5,
      totalElements: 12,
      totalPages: 3,
    })
  })

  it('fills a meta or pagination object: total, page, per_page, last_page, its links', () => {
    const schema = {
      type: 'object',
      properties: {
        data: { type: 'array', items: item },
        meta: {
          type: 'object',
          properties: {
            total: int,
            current_page: int,
            per_page: int,
            last_page: int,
            note: { type: 'string' },
          },
        },
        paging: { type: 'object', properties: { next: { type: 'string' }, offset: int } },
      },
    }
    expect(shapeList(schema, { ...page, window }, fill)).toEqual({
      data: page.items,
      meta: { total: 12, current_page: 2, per_page: 5, last_page: 3, note: 'filled' },
      paging: { next: page.links.next, offset: 5 },
    })
  })
})
