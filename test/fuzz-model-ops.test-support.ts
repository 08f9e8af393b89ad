import fc from 'fast-check'

/** The tokens of the model run: two workspaces that write, and a reader. */
export const TOKENS = { 'dev-token': 'A', 'other-token': 'B', 'read-token': 'A' } as const
export type Token = keyof typeof TOKENS
export type Resource = 'users' | 'projects' | 'tasks' | 'comments'

/** Which id an operation aims at, resolved against the model when it runs. */
export type Target =
  | { readonly kind: 'live'; readonly index: number }
  | { readonly kind: 'deleted'; readonly index: number }
  | { readonly kind: 'other'; readonly index: number }
  | { readonly kind: 'missing'; readonly id: string }

/** One thing that makes a body invalid, or none. */
export type Defect =
  | 'none'
  | 'unknown field'
  | 'read-only field'
  | 'wrong type'
  | 'out of range'
  | 'missing required'
  | '__proto__ key'

/** A body's fields, with references still to resolve (`{ ref: Target }`). */
export type Draft = Readonly<Record<string, unknown>>

export type Op =
  | {
      readonly op: 'create'
      readonly resource: Resource
      readonly token: Token
      readonly draft: Draft
      readonly defect: Defect
    }
  | {
      readonly op: 'patch'
      readonly resource: Resource
      readonly token: Token
      readonly target: Target
      readonly draft: Draft
      readonly defect: Defect
    }
  | {
      readonly op: 'delete'
      readonly resource: Resource
      readonly token: Token
      readonly target: Target
    }
  | {
      readonly op: 'get'
      readonly resource: Resource
      readonly token: Token
      readonly target: Target
    }
  | {
      readonly op: 'list'
      readonly resource: Resource
      readonly token: Token
      readonly page: number
      readonly perPage: number
    }
  | { readonly op: 'reset' }

/** The reference fields of each resource, and the resource each names. */
export const REFS: Readonly<Record<Resource, Readonly<Record<string, Resource>>>> = {
  users: {},
  projects: { ownerId: 'users' },
  tasks: { projectId: 'projects', assigneeId: 'users' },
  comments: { taskId: 'tasks', authorId: 'users' },
}

export const REQUIRED: Readonly<Record<Resource, readonly string[]>> = {
  users: ['name', 'email', 'role'],
  projects: ['name', 'status', 'ownerId'],
  tasks: ['title', 'status', 'projectId'],
  comments: ['body', 'taskId', 'authorId'],
}

const target: fc.Arbitrary<Target> = fc.oneof(
  { weight: 6, arbitrary: fc.nat().map((index) => ({ kind: 'live' as const, index })) },
  { weight: 1, arbitrary: fc.nat().map((index) => ({ kind: 'deleted' as const, index })) },
  { weight: 1, arbitrary: fc.nat().map((index) => ({ kind: 'other' as const, index })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('0', '999999', '01', 'abc', '1.0', '-1')
      .map((id) => ({ kind: 'missing' as const, id })),
  },
)
const ref = target.map((t) => ({ ref: t }))
// Any code point (lone surrogates aside), so lengths and round trips meet real Unicode.
const text = (max: number) => fc.string({ unit: 'binary', minLength: 1, maxLength: max })
const nullable = <T>(value: fc.Arbitrary<T>) => fc.option(value, { freq: 4 })

const FIELDS: Readonly<Record<Resource, Readonly<Record<string, fc.Arbitrary<unknown>>>>> = {
  users: {
    name: text(40),
    email: fc.constantFrom('ada@example.com', 'a.b+c@mail.example.org'),
    role: fc.constantFrom('admin', 'member', 'viewer'),
    active: fc.boolean(),
    avatarUrl: nullable(fc.constant('https://example.com/a.png')),
    externalId: nullable(fc.uuid()),
  },
  projects: {
    name: text(40),
    status: fc.constantFrom('planned', 'active', 'archived'),
    ownerId: ref,
    description: nullable(text(80)),
    budget: nullable(fc.double({ min: 0, max: 1_000_000, noNaN: true })),
    homepage: nullable(fc.constant('https://example.com/')),
    startsOn: nullable(fc.constantFrom('2030-01-31', '1999-12-01')),
  },
  tasks: {
    title: text(40),
    status: fc.constantFrom('todo', 'in_progress', 'done'),
    projectId: ref,
    priority: fc.integer({ min: 1, max: 5 }),
    assigneeId: nullable(ref),
    dueAt: nullable(fc.constantFrom('2030-01-01T10:00:00.000Z', '2031-06-30T23:59:59Z')),
    estimateHours: nullable(fc.double({ min: 0, max: 1000, noNaN: true })),
    tags: fc.array(text(8), { maxLength: 10 }),
  },
  comments: { body: text(60), taskId: ref, authorId: ref },
}

/** Fields of `resource`: all required ones for a create, any subset for a patch. */
function draft(resource: Resource, create: boolean): fc.Arbitrary<Draft> {
  const requiredKeys = create ? [...REQUIRED[resource]] : []
  return fc.record(FIELDS[resource], { requiredKeys })
}

const defect: fc.Arbitrary<Defect> = fc.oneof(
  { weight: 12, arbitrary: fc.constant('none' as const) },
  {
    weight: 3,
    arbitrary: fc.constantFrom<Defect>(
      'unknown field',
      'read-only field',
      'wrong type',
      'out of range',
      'missing required',
      '__proto__ key',
    ),
  },
)

const resource = fc.constantFrom<Resource>('users', 'projects', 'tasks', 'comments')
const writer = fc.constantFrom<Token>('dev-token', 'dev-token', 'other-token', 'read-token')
const reader = fc.constantFrom<Token>('dev-token', 'other-token', 'read-token')

export const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 12,
    arbitrary: resource.chain((r) =>
      fc.record({
        op: fc.constant('create' as const),
        resource: fc.constant(r),
        token: writer,
        draft: draft(r, true),
        defect,
      }),
    ),
  },
  {
    weight: 9,
    arbitrary: resource.chain((r) =>
      fc.record({
        op: fc.constant('patch' as const),
        resource: fc.constant(r),
        token: writer,
        target,
        draft: draft(r, false),
        defect,
      }),
    ),
  },
  {
    weight: 6,
    arbitrary: fc.record({ op: fc.constant('delete' as const), resource, token: writer, target }),
  },
  {
    weight: 12,
    arbitrary: fc.record({ op: fc.constant('get' as const), resource, token: reader, target }),
  },
  {
    weight: 12,
    arbitrary: fc.record({
      op: fc.constant('list' as const),
      resource,
      token: reader,
      // Small pages: with 5 records a workspace, most larger pages past the first are empty.
      page: fc.integer({ min: 1, max: 3 }),
      perPage: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constant(100)),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'reset' as const }) },
)
