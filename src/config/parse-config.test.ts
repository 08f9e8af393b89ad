import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FIELD_FORMATS, FIELD_TYPES } from '../resources/resource-spec.js'
import { issuesOf, lines } from './issues-of.test-support.js'
import { parseConfig } from './parse-config.js'

const fields = (...rows: string[]): string =>
  lines('resources:', '  books:', '    fields:', ...rows.map((row) => `      ${row}`))

describe('parseConfig', () => {
  it.each([
    [
      'a YAML syntax error',
      lines('resources:', '  books: [1, 2', 'count: 3'),
      3,
      1,
      'end with a ]',
    ],
    [
      'a tab used as indentation',
      lines('resources:', '\tbooks: {}'),
      2,
      1,
      'Tabs are not allowed as indentation',
    ],
    ['a duplicate key', fields('title: string', 'title: integer'), 5, 7, 'duplicate key "title"'],
    ['an unknown top-level key', lines('builtin: false'), 1, 1, 'did you mean "builtins"?'],
    [
      'an unknown field key',
      fields('title: { type: string, requird: true }'),
      4,
      30,
      'resources.books.fields.title: unknown key "requird"; did you mean "required"?',
    ],
    [
      'an unknown resource key',
      lines('resources:', '  books:', '    fields: {}', '    size: 3'),
      4,
      5,
      'unknown key "size"; expected one of: count, fields, records',
    ],
    ['a wrong type', lines('count: many'), 1, 8, 'count: must be an integer (got "many")'],
    ['a negative count', lines('count: -1'), 1, 8, 'count: must be >= 0'],
    ['builtins that is not a boolean', lines('builtins: yes'), 1, 11, 'must be true or false'],
    [
      'a bad type name',
      fields('title: { type: strng }'),
      4,
      22,
      'title.type: must be one of: string, integer, number, boolean, array, object (got "strng"; did you mean "string"?)',
    ],
    ['a bad shorthand type', fields('title: text'), 4, 14, 'title: must be one of: string,'],
    ['a field that is neither', fields('title: 5'), 4, 14, 'must be a string or a mapping (got 5)'],
    [
      'a field without a type',
      fields('title: { required: true }'),
      4,
      14,
      'missing the required key "type"',
    ],
    [
      'a resource without fields',
      lines('resources:', '  books: {}'),
      2,
      10,
      'books: missing the required key "fields"',
    ],
    [
      'an invalid resource name',
      lines('resources:', '  Books: { fields: {} }'),
      2,
      3,
      'invalid name "Books"',
    ],
    ['a declared system field', fields('createdAt: string'), 4, 7, 'invalid name "createdAt"'],
    ['a field named __proto__', fields('__proto__: string'), 4, 7, 'invalid name "__proto__"'],
    [
      'a faker path that is not module.method',
      fields('title: { type: string, faker: fullName }'),
      4,
      37,
      'a faker generator is module.method',
    ],
    [
      'an unknown faker generator',
      fields('title: { type: string, faker: person.fulName }'),
      4,
      37,
      'fields.title.faker: unknown faker generator "person.fulName"',
    ],
    [
      'a faker generator that needs arguments',
      fields('title: { type: string, faker: helpers.arrayElement }'),
      4,
      37,
      'faker generator "helpers.arrayElement" cannot be called without arguments',
    ],
    [
      'a ref to a missing resource',
      fields('authorId: { type: integer, ref: authors }'),
      4,
      39,
      'fields.authorId.ref: unknown resource "authors"; expected one of: books, users, projects,',
    ],
    [
      'a ref to a built-in when builtins are off',
      `builtins: false\n${fields('authorId: { type: integer, ref: users }')}`,
      5,
      39,
      'unknown resource "users"; expected one of: books',
    ],
    [
      'a ref on a non-integer field',
      fields('authorId: { type: string, ref: users }'),
      4,
      25,
      'authorId.type: must be integer',
    ],
    [
      'min greater than max',
      fields('pages: { type: integer, min: 10, max: 1 }'),
      4,
      36,
      'fields.pages.min: min (10) must not be greater than max (1)',
    ],
    [
      'min on a boolean',
      fields('done: { type: boolean, min: 1 }'),
      4,
      35,
      'min only applies to integer, number, string and array fields',
    ],
    [
      'an enum value of the wrong type',
      fields('level: { type: integer, enum: [1, two] }'),
      4,
      41,
      'fields.level.enum[1]: must be an integer like the field (got "two")',
    ],
    [
      'an enum on a boolean',
      fields('meta: { type: object, enum: [a] }'),
      4,
      35,
      'fields.meta.enum: enum only applies to string, integer and number fields, not object',
    ],
    [
      'an enum value that is neither string nor number',
      fields('done: { type: boolean, enum: [true] }'),
      4,
      37,
      'fields.done.enum[0]: must be a string or a number (got true)',
    ],
    [
      'a format on a non-string field',
      fields('age: { type: integer, format: email }'),
      4,
      37,
      'fields.age.format: format only applies to string fields, not integer',
    ],
    [
      'a bad fixture record value',
      `${fields('email: { type: string, format: email }')}    records:\n      - { email: nope }\n`,
      6,
      11,
      'resources.books.records[0].email: must be a valid email address',
    ],
    [
      'a fixture record missing a required field',
      `${fields('title: { type: string, required: true }')}    records:\n      - {}\n`,
      6,
      9,
      'records[0].title: is required',
    ],
    [
      'a fixture record with an unknown field',
      `${fields('title: string')}    records:\n      - title: Dune\n        pages: 3\n`,
      7,
      9,
      'records[0].pages: is not a field of books',
    ],
    [
      'a fixture record with a bad id',
      `${fields('title: string')}    records:\n      - { id: first }\n`,
      6,
      15,
      'records[0].id: must be a positive integer',
    ],
    [
      'two fixture records with one id',
      `${fields('title: string')}    records:\n      - { id: 4 }\n      - { id: 4 }\n`,
      7,
      15,
      'records[1].id: duplicate id 4 (also records[0])',
    ],
    [
      'a fixture record setting createdAt',
      `${fields('title: string')}    records:\n      - { createdAt: '2024-01-01T00:00:00Z' }\n`,
      6,
      11,
      'records[0].createdAt: is read-only',
    ],
    ['a rate limit that does not parse', lines('rateLimit: fast'), 1, 12, 'must look like 100/60s'],
    ['a rate limit of 0 requests', lines('rateLimit: 0/60s'), 1, 12, 'must allow 1 to 1000000000'],
    ['a rate limit that is a number', lines('rateLimit: 100'), 1, 12, 'must be a string (got 100)'],
    ['a misspelt rateLimit', lines('ratelimit: off'), 1, 1, 'did you mean "rateLimit"?'],
    ['maintenance: yes', lines('maintenance: yes'), 1, 14, 'must be true or false (got "yes")'],
    ['a maxInflight of 0', lines('maxInflight: 0'), 1, 14, 'maxInflight: must be >= 1'],
    ['a fractional maxInflight', lines('maxInflight: 2.5'), 1, 14, 'must be an integer (got 2.5)'],
  ])('refuses %s, at its line and column', (_, text, line, column, fragment) => {
    const issues = issuesOf(text)
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ file: 'mockapi.yaml', line, column })
    expect(issues[0]?.message).toContain(fragment)
  })

  it('parses a valid file into resource specs, shorthand expanded', () => {
    const text = lines(
      '# yaml-language-server: $schema=./node_modules/@mockapi-dev/mockapi/schema/mockapi.config.schema.json',
      '$schema: ./schema/mockapi.config.schema.json',
      'builtins: true',
      'count: 20',
      'seed: 7',
      'resources:',
      '  users:',
      '    count: 10',
      '    fields:',
      '      name: { type: string, required: true, faker: person.fullName }',
      '      email: { type: string, format: email, required: true }',
      '      role: { type: string, enum: [admin, member], required: true }',
      '      age: { type: integer, min: 18, max: 99 }',
      '      bio: { type: string, nullable: true, max: 500 }',
      '      secret: { type: string, readOnly: true }',
      '      nickname: string',
      '  books:',
      '    fields:',
      '      title: { type: string, required: true, faker: book.title }',
      '      authorId: { type: integer, ref: users, required: true }',
      '    records:',
      '      - { title: Dune, authorId: 1 }',
      '      - { id: 9, title: Emma, authorId: 2 }',
    )
    expect(parseConfig(text, 'mockapi.yaml')).toEqual({
      builtins: true,
      builtinsGiven: true,
      count: 20,
      seed: 7,
      resources: [
        {
          name: 'users',
          count: 10,
          fields: {
            name: { type: 'string', required: true, faker: 'person.fullName' },
            email: { type: 'string', format: 'email', required: true },
            role: { type: 'string', enum: ['admin', 'member'], required: true },
            age: { type: 'integer', min: 18, max: 99 },
            bio: { type: 'string', nullable: true, max: 500 },
            secret: { type: 'string', readOnly: true },
            nickname: { type: 'string' },
          },
        },
        {
          name: 'books',
          fields: {
            title: { type: 'string', required: true, faker: 'book.title' },
            authorId: { type: 'integer', ref: 'users', required: true },
          },
          records: [
            { title: 'Dune', authorId: 1 },
            { id: 9, title: 'Emma', authorId: 2 },
          ],
        },
      ],
    })
  })

  it.each([
    ['an empty file', ''],
    ['a file of comments', '# nothing yet\n'],
  ])('reads %s as the defaults', (_, text) => {
    expect(parseConfig(text, 'mockapi.yaml')).toEqual({ builtins: true, resources: [] })
  })

  it('lets a fixture record set a read-only field, which a client may not', () => {
    const text = `${fields('ownerId: { type: integer, readOnly: true, required: true }')}    records:\n      - { ownerId: 3 }\n      - {}\n`
    expect(parseConfig(text, 'mockapi.yaml').resources[0]?.records).toEqual([{ ownerId: 3 }, {}])
  })

  it('reports several schema problems at once, each at its place', () => {
    const text = lines(
      'count: many',
      'seed: 1.5',
      'resources:',
      '  books:',
      '    fields:',
      '      title: { type: strng, requird: true }',
    )
    expect(issuesOf(text).map(({ line, column }) => [line, column])).toEqual([
      [1, 8],
      [2, 7],
      [6, 22],
      [6, 29],
    ])
  })

  it('reports several semantic problems at once, in file order', () => {
    const text = lines(
      'resources:',
      '  books:',
      '    fields:',
      '      title: { type: string, faker: book.titel }',
      '      authorId: { type: integer, ref: authors }',
      '      pages: { type: integer, min: 10, max: 1 }',
      '    records:',
      '      - { title: 3, nickname: x }',
    )
    const issues = issuesOf(text)
    expect(issues.map(({ line, column }) => [line, column])).toEqual([
      [4, 37],
      [5, 39],
      [6, 36],
      [8, 11],
      [8, 21],
    ])
    expect(issues[3]?.message).toBe('resources.books.records[0].title: must be a string')
    expect(issues[4]?.message).toBe('resources.books.records[0].nickname: is not a field of books')
  })

  it('formats each issue as file:line:column: message, one per line', () => {
    const text = lines('count: many', 'seed: x')
    expect(() => parseConfig(text, 'conf/mockapi.yaml')).toThrow(
      'conf/mockapi.yaml:1:8: count: must be an integer (got "many")\nconf/mockapi.yaml:2:7: seed: must be an integer (got "x")',
    )
  })
})

describe('the config JSON Schema', () => {
  const schema: unknown = JSON.parse(
    readFileSync(new URL('../../schema/mockapi.config.schema.json', import.meta.url), 'utf8'),
  )

  it('documents every property with a title and a description', () => {
    const undocumented: string[] = []
    visitProperties(schema, '', (path, property) => {
      if (!hasText(property, 'title') || !hasText(property, 'description')) undocumented.push(path)
    })
    expect(undocumented).toEqual([])
  })

  it('lists the same field types and formats as the code', () => {
    const text = JSON.stringify(schema)
    expect(text).toContain(`"enum":${JSON.stringify(FIELD_TYPES)}`)
    expect(text).toContain(`"enum":${JSON.stringify(FIELD_FORMATS)}`)
  })
})

function visitProperties(
  node: unknown,
  path: string,
  visit: (path: string, property: unknown) => void,
): void {
  if (typeof node !== 'object' || node === null) return
  for (const [key, child] of Object.entries(node)) {
    if (key === 'properties' && typeof child === 'object' && child !== null) {
      for (const [name, property] of Object.entries(child)) visit(`${path}/${name}`, property)
    }
    visitProperties(child, `${path}/${key}`, visit)
  }
}

function hasText(node: unknown, key: string): boolean {
  return typeof node === 'object' && node !== null && typeof Reflect.get(node, key) === 'string'
}
