import { describe, expect, it } from 'vitest'
import type { ResourceSpec } from '../resources/resource-spec.js'
import type { Filter, ListQuery, SortKey } from './list-query.js'
import { queryRecords } from './query-records.js'

const tasks: ResourceSpec = {
  name: 'tasks',
  fields: {
    title: { type: 'string', required: true },
    status: { type: 'string', enum: ['open', 'done'] },
    priority: { type: 'integer' },
    done: { type: 'boolean' },
    dueAt: { type: 'string', format: 'date-time', nullable: true },
    tags: { type: 'array' },
    meta: { type: 'object' },
  },
}

type Task = Record<string, unknown>

const records: Task[] = [
  {
    id: 1,
    title: 'Fix login bug',
    status: 'open',
    priority: 3,
    done: false,
    dueAt: '2024-03-01T09:00:00Z',
    tags: ['auth'],
  },
  { id: 2, title: 'Write docs', status: 'done', priority: 1, done: true, dueAt: null, tags: [] },
  {
    id: 3,
    title: 'Ship v2',
    status: 'open',
    priority: 5,
    done: false,
    dueAt: '2024-01-15T00:00:00Z',
    tags: ['Release', 'urgent'],
  },
  { id: 4, title: 'Refactor STORE', status: 'done', priority: 3, done: true, tags: ['tech-debt'] },
  {
    id: 5,
    title: 'Triage bugs',
    status: 'open',
    priority: 2,
    done: false,
    dueAt: '2024-02-10T12:00:00Z',
    meta: { note: 'bug' },
  },
]

function query(overrides: Partial<ListQuery> = {}): ListQuery {
  return { page: 1, perPage: 20, filters: [], q: undefined, sort: [], ...overrides }
}

function ids(overrides: Partial<ListQuery>, from: Iterable<Task> = records): unknown[] {
  return queryRecords(from, query(overrides), tasks).items.map((record) => record.id)
}

function filter(field: string, op: Filter['op'], ...values: Filter['values']): Filter {
  return { field, op, values }
}

describe('queryRecords', () => {
  it('returns every record in insertion order when nothing is asked', () => {
    expect(queryRecords(records, query(), tasks)).toEqual({ items: records, total: 5 })
  })

  it.each([
    ['eq', filter('status', 'eq', 'open'), [1, 3, 5]],
    ['eq with several values (OR)', filter('status', 'eq', 'open', 'done'), [1, 2, 3, 4, 5]],
    ['eq on a boolean', filter('done', 'eq', true), [2, 4]],
    ['eq null, which also matches a missing value', filter('dueAt', 'eq', null), [2, 4]],
    ['ne', filter('status', 'ne', 'open'), [2, 4]],
    ['ne with several values (none of them)', filter('priority', 'ne', 3, 5), [2, 5]],
    ['ne null', filter('dueAt', 'ne', null), [1, 3, 5]],
    ['gt', filter('priority', 'gt', 3), [3]],
    ['gte', filter('priority', 'gte', 3), [1, 3, 4]],
    ['lt', filter('priority', 'lt', 3), [2, 5]],
    ['lte', filter('priority', 'lte', 2), [2, 5]],
    ['gte on date-times, skipping nulls', filter('dueAt', 'gte', '2024-02'), [1, 5]],
    ['lt on a date prefix', filter('dueAt', 'lt', '2024-02-10T12:00:00Z'), [3]],
    ['like, case-insensitively', filter('title', 'like', 'BUG'), [1, 5]],
    ['like with several values (all of them)', filter('title', 'like', 'bug', 'fix'), [1]],
    ['in', filter('priority', 'in', 1, 5), [2, 3]],
    ['in with null', filter('dueAt', 'in', null, '2024-01-15T00:00:00Z'), [2, 3, 4]],
    ['eq on id', filter('id', 'eq', 4), [4]],
    ['eq that matches nothing', filter('status', 'eq', 'archived'), []],
    ['a range bound of another type', filter('title', 'gt', 1), []],
  ])('filters with %s', (_name, condition, expected) => {
    expect(ids({ filters: [condition] })).toEqual(expected)
  })

  it('ANDs filters together and with q', () => {
    const filters = [filter('status', 'eq', 'open'), filter('priority', 'lte', 3)]
    expect(ids({ filters })).toEqual([1, 5])
    expect(ids({ filters, q: 'triage' })).toEqual([5])
  })

  it.each([
    ['bug', [1, 5]],
    ['STORE', [4]],
    ['release', [3]],
    ['tech-debt', [4]],
    ['2024-03', [1]],
    ['note', []],
    ['zzz', []],
    ['v2', [3]],
    ['.', []],
    ['(', []],
  ])('searches string fields and string array items for q=%s', (q, expected) => {
    expect(ids({ q })).toEqual(expected)
  })

  it.each<[string, SortKey[], number[]]>([
    ['ascending', [{ field: 'priority', direction: 'asc' }], [2, 5, 1, 4, 3]],
    ['descending', [{ field: 'priority', direction: 'desc' }], [3, 1, 4, 5, 2]],
    ['by string', [{ field: 'title', direction: 'asc' }], [1, 4, 3, 5, 2]],
    ['by boolean', [{ field: 'done', direction: 'asc' }], [1, 3, 5, 2, 4]],
    ['with nulls last ascending', [{ field: 'dueAt', direction: 'asc' }], [3, 5, 1, 2, 4]],
    ['with nulls last descending', [{ field: 'dueAt', direction: 'desc' }], [1, 5, 3, 2, 4]],
    [
      'by several keys',
      [
        { field: 'status', direction: 'asc' },
        { field: 'priority', direction: 'desc' },
      ],
      [4, 2, 3, 1, 5],
    ],
    [
      'by a field no record has, keeping insertion order',
      [{ field: 'nope', direction: 'desc' }],
      [1, 2, 3, 4, 5],
    ],
  ])('sorts %s', (_name, sort, expected) => {
    expect(ids({ sort })).toEqual(expected)
  })

  it('compares strings by code unit, not by locale', () => {
    const words = ['b', 'B', 'a', 'A', 'é', 'e'].map((title, index) => ({ id: index, title }))
    const result = queryRecords(
      words,
      query({ sort: [{ field: 'title', direction: 'asc' }] }),
      tasks,
    )
    expect(result.items.map((record) => record.title)).toEqual(['A', 'B', 'a', 'b', 'e', 'é'])
  })

  it('keeps insertion order for ties in both directions', () => {
    expect(ids({ sort: [{ field: 'status', direction: 'asc' }] })).toEqual([2, 4, 1, 3, 5])
    expect(ids({ sort: [{ field: 'status', direction: 'desc' }] })).toEqual([1, 3, 5, 2, 4])
  })

  it.each([
    [1, 2, [1, 2], 5],
    [2, 2, [3, 4], 5],
    [3, 2, [5], 5],
    [4, 2, [], 5],
    [1, 100, [1, 2, 3, 4, 5], 5],
    [1_000_000, 100, [], 5],
  ])('pages: page %i of %i items', (page, perPage, expected, total) => {
    for (const sort of [[], [{ field: 'id', direction: 'asc' } as const]]) {
      const result = queryRecords(records, query({ page, perPage, sort }), tasks)
      expect(result.items.map((record) => record.id)).toEqual(expected)
      expect(result.total).toBe(total)
    }
  })

  it('counts every match, not only the page', () => {
    const result = queryRecords(
      records,
      query({ perPage: 1, filters: [filter('status', 'eq', 'open')] }),
      tasks,
    )
    expect(result).toEqual({ items: [records[0]], total: 3 })
  })

  it('reads only own properties, so inherited names never match', () => {
    const hostile = [{ id: 1, title: 'x' }]
    const fields = Object.fromEntries([['constructor', { type: 'string' } as const]])
    const spec: ResourceSpec = { name: 'p', fields }
    const result = queryRecords(
      hostile,
      query({ filters: [filter('constructor', 'eq', null)] }),
      spec,
    )
    expect(result.total).toBe(1)
  })

  it('accepts any iterable, such as a Map of records', () => {
    const byId = new Map(records.map((record) => [record.id, record]))
    expect(ids({ filters: [filter('done', 'eq', true)] }, byId.values())).toEqual([2, 4])
  })

  const random = seededRandom(42)
  const shuffled: Task[] = Array.from({ length: 5_000 }, (_, index) => ({
    id: index + 1,
    priority: random() < 0.1 ? null : Math.floor(random() * 10),
    title: random() < 0.05 ? undefined : `t${Math.floor(random() * 50)}`,
    score: random() < 0.5 ? Math.floor(random() * 1e6) : `s${Math.floor(random() * 1e6)}`,
  }))

  it.each<[string, SortKey[]]>([
    ['heavy ties and nulls', [{ field: 'priority', direction: 'desc' }]],
    [
      'two keys',
      [
        { field: 'priority', direction: 'asc' },
        { field: 'title', direction: 'desc' },
      ],
    ],
    ['keys already in order', [{ field: 'id', direction: 'asc' }]],
    ['keys in reverse order', [{ field: 'id', direction: 'desc' }]],
    ['numbers mixed with strings', [{ field: 'score', direction: 'asc' }]],
  ])('selects any page exactly as a full stable sort would, with %s', (_name, sort) => {
    const expected = fullStableSort(shuffled, sort)
    const pages = [
      [1, 20],
      [2, 20],
      [7, 13],
      [1, 100],
      [3, 100],
      [25, 100],
      [26, 100],
      [40, 100],
      [50, 100],
      [51, 100],
      [1, 5000],
    ]
    for (const [page = 1, perPage = 1] of pages) {
      const result = queryRecords(shuffled, query({ page, perPage, sort }), tasks)
      const offset = (page - 1) * perPage
      expect(result.items).toEqual(expected.slice(offset, offset + perPage))
      expect(result.total).toBe(shuffled.length)
    }
  })

  it('answers a filtered, sorted page of 100,000 records the same as a full sort would', () => {
    const random = seededRandom(7)
    const statuses = ['open', 'done', 'blocked']
    const data: Task[] = Array.from({ length: 100_000 }, (_, index) => ({
      id: index + 1,
      title: `task ${index}`,
      status: statuses[index % 3],
      priority: Math.floor(random() * 5) + 1,
      dueAt: random() < 0.2 ? null : new Date(1.7e12 + Math.floor(random() * 1e10)).toISOString(),
    }))
    const listQuery = query({
      page: 3,
      filters: [filter('status', 'ne', 'done'), filter('priority', 'gte', 2)],
      sort: [
        { field: 'dueAt', direction: 'desc' },
        { field: 'id', direction: 'asc' },
      ],
    })
    // Speed is measured by `npm run bench`; here only the answer counts.
    const expected = data
      .filter((t) => t.status !== 'done' && (t.priority as number) >= 2)
      .sort((a, b) =>
        a.dueAt === b.dueAt
          ? 0
          : a.dueAt === null
            ? 1
            : b.dueAt === null
              ? -1
              : String(a.dueAt) < String(b.dueAt)
                ? 1
                : -1,
      )
    const result = queryRecords(data, listQuery, tasks)
    expect(result.total).toBe(expected.length)
    expect(result.items).toEqual(expected.slice(40, 60))
  })
})

/** Mulberry32: a tiny deterministic PRNG, so the random data is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The reference: Array#sort is stable, so ties keep insertion order. */
function fullStableSort(data: readonly Task[], sort: readonly SortKey[]): Task[] {
  return [...data].sort((a, b) => {
    for (const { field, direction } of sort) {
      const x = a[field] ?? null
      const y = b[field] ?? null
      if (x === y) continue
      if (x === null) return 1
      if (y === null) return -1
      const order = compareReference(x, y)
      return direction === 'asc' ? order : -order
    }
    return 0
  })
}

/** Numbers by subtraction, strings by `<`, numbers before strings. */
function compareReference(x: unknown, y: unknown): number {
  if (typeof x === 'number' && typeof y === 'number') return x - y
  if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : 1
  return typeof x === 'number' ? -1 : 1
}
