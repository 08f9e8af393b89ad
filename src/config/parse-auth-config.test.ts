import { describe, expect, it } from 'vitest'
import { DEFAULT_AUTH, DEFAULT_TOKENS } from '../auth/token-spec.js'
import { issuesOf, lines } from './issues-of.test-support.js'
import { parseConfig } from './parse-config.js'

/** `auth` with the given rows; the first row is on line 2, its value at column 11 for `header:`. */
const auth = (...rows: string[]): string => lines('auth:', ...rows.map((row) => `  ${row}`))

/** `auth.tokens` with the given rows; the first row is on line 3, its value at column 14. */
const tokens = (...rows: string[]): string =>
  lines('auth:', '  tokens:', ...rows.map((row) => `    ${row}`))

/** One token, `ci`, on line 3; the given rows are its other keys, from line 4 on. */
const ci = (...rows: string[]): string => tokens('- token: ci', ...rows.map((row) => `  ${row}`))

describe('parseConfig: auth', () => {
  it.each([
    ['auth: yes', lines('auth: yes'), 1, 7, 'auth: must be true or false or a mapping (got "yes")'],
    ['a misspelt auth key', auth('headers: X-Token'), 2, 3, 'did you mean "header"?'],
    ['a header name with spaces', auth('header: X API Token'), 2, 11, 'a header name is letters,'],
    ['a header name with a colon', auth("header: 'X-Token:'"), 2, 11, '(got "X-Token:")'],
    ['an empty header name', auth("header: ''"), 2, 11, 'auth.header: a header name is'],
    ['a scheme of two words', auth('scheme: Bearer Token'), 2, 11, 'a scheme is one word'],
    ['tokens that are not a list', auth('tokens: dev-token'), 2, 11, 'tokens: must be a list'],
    ['a token entry without a token', tokens('- workspace: B'), 3, 7, 'missing the required key'],
    ['an empty token', tokens("- token: ''"), 3, 14, 'a token is one or more visible ASCII'],
    ['a token with a space', tokens('- token: my token'), 3, 14, '(got "my token")'],
    ['a token that is a number', tokens('- token: 1234'), 3, 14, 'must be a string (got 1234)'],
    ['a duplicate token', tokens('- token: ci', '- token: ci'), 4, 14, 'duplicate token "ci"'],
    ['a misspelt token key', ci('revokd: true'), 4, 7, 'did you mean "revoked"?'],
    ['a blank workspace', ci("workspace: ' '"), 4, 18, 'a workspace is a non-empty name'],
    ['revoked: 1', ci('revoked: 1'), 4, 16, 'revoked: must be true or false (got 1)'],
    [
      'a token rate limit in words',
      ci('rateLimit: 10 per minute'),
      4,
      18,
      'must look like 100/60s',
    ],
    ['a token rate limit of 10/0s', ci('rateLimit: 10/0s'), 4, 18, 'window must be a whole number'],
    [
      'an unknown access level',
      ci('access: { tasks: admin }'),
      4,
      24,
      'must be one of: none, read,',
    ],
    ['a misspelt access level', ci("access: { '*': wrte }"), 4, 22, 'did you mean "write"?'],
    ['access that is not a mapping', ci('access: read'), 4, 15, 'must be a mapping (got "read")'],
    ['an access key in capitals', ci('access: { Tasks: read }'), 4, 17, 'invalid name "Tasks"'],
    [
      'access to a missing resource',
      ci('access: { taks: read }'),
      4,
      17,
      'unknown resource "taks"',
    ],
    [
      'access to a built-in when builtins are off',
      `builtins: false\nresources: { books: { fields: {} } }\n${ci('access: { users: read }')}`,
      6,
      17,
      'unknown resource "users"; expected * or one of: books',
    ],
  ])('refuses %s, at its line and column', (_, text, line, column, fragment) => {
    const issues = issuesOf(text)
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ file: 'mockapi.yaml', line, column })
    expect(issues[0]?.message).toContain(fragment)
  })

  it('says what each problem is and where, in full', () => {
    const text = ci('access:', '  taks: write', '  tasks: admin', 'rateLimit: 10/0s')
    expect(issuesOf(text).map((issue) => issue.message)).toEqual([
      'auth.tokens[0].access.taks: unknown resource "taks"; expected * or one of: users, projects, tasks, comments',
      'auth.tokens[0].access.tasks: must be one of: none, read, write (got "admin")',
      'auth.tokens[0].rateLimit: rate limit window must be a whole number of milliseconds from 1ms to 24h, got "10/0s"',
    ])
  })

  it('parses the new keys, filling in each token’s defaults', () => {
    const text = lines(
      'resources:',
      '  books: { fields: { title: string } }',
      'auth:',
      '  header: X-API-Token',
      '  scheme: none',
      '  tokens:',
      '    - token: ci-token',
      '      workspace: B',
      '      access:',
      "        '*': read",
      '        tasks: write',
      '        books: write',
      '        users: none',
      '      rateLimit: 1000/60s',
      '    - token: unlimited',
      '      rateLimit: off',
      '    - token: old-token',
      '      revoked: true',
      'rateLimit: 100/60s',
      'maintenance: true',
      'maxInflight: 50',
      'prefer: false',
    )
    expect(parseConfig(text, 'mockapi.yaml')).toStrictEqual({
      builtins: true,
      resources: [{ name: 'books', fields: { title: { type: 'string' } } }],
      auth: {
        header: 'x-api-token',
        scheme: undefined,
        tokens: [
          {
            token: 'ci-token',
            workspace: 'B',
            access: { '*': 'read', tasks: 'write', books: 'write', users: 'none' },
            rateLimit: { limit: 1000, windowMs: 60_000 },
          },
          { token: 'unlimited', workspace: 'A', access: { '*': 'write' }, rateLimit: false },
          { token: 'old-token', workspace: 'A', access: { '*': 'write' }, revoked: true },
        ],
      },
      rateLimit: { limit: 100, windowMs: 60_000 },
      maintenance: true,
      maxInflight: 50,
      prefer: false,
    })
  })

  it.each([
    ['auth: true', DEFAULT_AUTH],
    ['auth: false', false],
    ['auth: {}', DEFAULT_AUTH],
    ['auth: { header: Authorization, scheme: Token }', { ...DEFAULT_AUTH, scheme: 'Token' }],
    [
      'auth: { header: X-Key, scheme: None }',
      { header: 'x-key', scheme: undefined, tokens: DEFAULT_TOKENS },
    ],
  ])('reads %s', (text, auth) => {
    expect(parseConfig(`${text}\n`, 'mockapi.yaml').auth).toStrictEqual(auth)
  })

  it('reads rateLimit: off and maintenance: false as given, not as absent', () => {
    const config = parseConfig(lines('rateLimit: off', 'maintenance: false'), 'mockapi.yaml')
    expect(config).toMatchObject({ rateLimit: false, maintenance: false })
    expect(config).not.toHaveProperty('auth')
    expect(config).not.toHaveProperty('maxInflight')
  })

  it('reports every auth problem at once, also when the schema refuses another key', () => {
    const body = [
      'rateLimit: fast',
      'auth:',
      '  tokens:',
      '    - token: ci',
      '      access: { taks: read }',
      '    - token: ci',
      '      rateLimit: 1/0s',
    ]
    const semantic = [
      [1, 12],
      [5, 17],
      [6, 14],
      [7, 18],
    ]
    expect(issuesOf(lines(...body)).map(({ line, column }) => [line, column])).toEqual(semantic)
    const withSchemaError = issuesOf(lines('count: many', ...body))
    expect(withSchemaError.map(({ line, column }) => [line - 1, column])).toEqual([
      [0, 8],
      ...semantic,
    ])
  })
})
