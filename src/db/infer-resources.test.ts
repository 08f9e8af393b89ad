import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'
import { inferResources } from './infer-resources.js'
import { parseDbText } from './read-db-file.js'

const infer = (data: unknown) => inferResources(parseDbText(JSON.stringify(data), 'db.json'))

describe('inferResources', () => {
  it('types fields, requires what every record has, and makes sometimes-null fields nullable', () => {
    const [users] = infer({
      users: [
        { id: 1, name: 'a', age: 3, score: 1.5, nick: null, tags: [], meta: {} },
        { id: 2, name: 'b', age: 4, score: 2, nick: 'x', tags: ['t'], meta: {}, extra: true },
      ],
    })
    expect(users?.fields).toEqual({
      id: { type: 'integer', readOnly: true },
      name: { type: 'string', required: true },
      age: { type: 'integer', required: true },
      score: { type: 'number', required: true },
      nick: { type: 'string', required: true, nullable: true },
      tags: { type: 'array', required: true },
      meta: { type: 'object', required: true },
      extra: { type: 'boolean' },
    })
  })

  it('detects email, uuid, date-time and url only when every value fits', () => {
    const [things] = infer({
      things: [
        {
          mail: 'a@b.io',
          uid: '7d9f0a4e-1c2b-4d3e-8f9a-0b1c2d3e4f5a',
          at: '2024-05-01T12:00:00Z',
          site: 'https://example.test/a',
          mixed: 'a@b.io',
        },
        {
          mail: 'c@d.io',
          uid: '8d9f0a4e-1c2b-4d3e-8f9a-0b1c2d3e4f5a',
          at: '2024-05-02T12:00:00Z',
          site: 'http://example.test',
          mixed: 'not an email',
        },
      ],
    })
    const formats = Object.fromEntries(
      Object.entries(things?.fields ?? {}).map(([name, f]) => [name, f.format]),
    )
    expect(formats).toMatchObject({
      mail: 'email',
      uid: 'uuid',
      at: 'date-time',
      site: 'url',
      mixed: undefined,
    })
  })

  it('links <singular>Id and <resource>Id fields that hold the other resource ids', () => {
    const specs = infer({
      authors: [{ id: 'x' }],
      books: [{ id: 1, authorId: 'x', authorsId: 'x', shelfId: 3 }],
    })
    const fields = specs.find((s) => s.name === 'books')?.fields
    expect(fields?.authorId?.ref).toBe('authors')
    expect(fields?.authorsId?.ref).toBe('authors')
    expect(fields?.shelfId?.ref).toBeUndefined()
  })

  it.each([
    ['integer', [{ id: 7, n: 1 }], (id: unknown) => id === 8],
    [
      'uuid',
      [{ id: '7d9f0a4e-1c2b-4d3e-8f9a-0b1c2d3e4f5a', n: 1 }],
      (id: unknown) => UUID.test(String(id)),
    ],
    ['string', [{ id: 'abc', n: 1 }], (id: unknown) => typeof id === 'string' && id.length === 4],
  ])('gives a new record a key like the file has (%s)', async (_kind, records, fits) => {
    const dir = mkdtempSync(join(tmpdir(), 'mockapi-keys-'))
    const file = join(dir, 'db.json')
    writeFileSync(file, JSON.stringify({ things: records }))
    const api = createMockApi({ db: file, auth: false })
    const res = await api.fetch(
      new Request('http://localhost/things', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"n":2}',
      }),
    )
    const { id } = (await res.json()) as { id: unknown }
    expect(fits(id)).toBe(true)
    await api.close()
    rmSync(dir, { recursive: true })
  })
})

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
