import { describe, expect, it } from 'vitest'
import { linkHeader } from './link-header.js'

const base = 'http://localhost:3000/tasks'

function links(url: string, page: number, perPage: number, total: number) {
  return Object.fromEntries(parseLinks(linkHeader(new URL(url), page, perPage, total)))
}

/** Splits `<url>; rel="x", …` into [rel, url] pairs. */
function parseLinks(header: string): [string, string][] {
  return header.split(', ').map((part) => {
    const match = /^<([^>]+)>; rel="(\w+)"$/.exec(part)
    if (!match?.[1] || !match[2]) throw new Error(`not a link: ${part}`)
    return [match[2], match[1]]
  })
}

describe('linkHeader', () => {
  it('formats first, prev, next and last as RFC 8288 links, in that order', () => {
    expect(linkHeader(new URL(`${base}?page=2`), 2, 20, 100)).toBe(
      [
        `<${base}?page=1&per_page=20>; rel="first"`,
        `<${base}?page=1&per_page=20>; rel="prev"`,
        `<${base}?page=3&per_page=20>; rel="next"`,
        `<${base}?page=5&per_page=20>; rel="last"`,
      ].join(', '),
    )
  })

  it.each([
    ['the first page', 1, 20, 45, { first: 1, next: 2, last: 3 }],
    ['a middle page', 2, 20, 45, { first: 1, prev: 1, next: 3, last: 3 }],
    ['the last page', 3, 20, 45, { first: 1, prev: 2, last: 3 }],
    ['an exactly full last page', 2, 20, 40, { first: 1, prev: 1, last: 2 }],
    ['a page past the end', 9, 20, 45, { first: 1, prev: 3, last: 3 }],
    ['a page past the end of an empty list', 2, 20, 0, { first: 1, prev: 1, last: 1 }],
    ['pages of one', 2, 1, 3, { first: 1, prev: 1, next: 3, last: 3 }],
  ])('links %s', (_name, page, perPage, total, expected) => {
    const pages = Object.entries(links(`${base}?page=${page}`, page, perPage, total) ?? {}).map(
      ([rel, url]) => [rel, Number(new URL(url).searchParams.get('page'))],
    )
    expect(Object.fromEntries(pages)).toEqual(expected)
  })

  it.each([
    ['one partial page', 1, 20, 5],
    ['one full page', 1, 20, 20],
    ['an empty list', 1, 20, 0],
  ])('links only first and last for %s, both page 1', (_name, page, perPage, total) => {
    const one = `<${base}?page=1&per_page=20>`
    expect(linkHeader(new URL(base), page, perPage, total)).toBe(
      `${one}; rel="first", ${one}; rel="last"`,
    )
  })

  it('keeps every other query parameter, repeated ones included, and replaces paging', () => {
    const url = `${base}?status=open&status=done&q=a%20b&sort=-dueAt&per_page=5&page=2#top`
    expect(links(url, 2, 5, 12)?.next).toBe(
      `${base}?status=open&status=done&q=a+b&sort=-dueAt&per_page=5&page=3`,
    )
  })

  it('adds page and per_page when the request had none', () => {
    expect(links(`${base}?status=open`, 1, 20, 30)?.last).toBe(
      `${base}?status=open&page=2&per_page=20`,
    )
  })
})
