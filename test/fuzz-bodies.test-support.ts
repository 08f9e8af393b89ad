import fc from 'fast-check'

const ordinaryBody = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 4, arbitrary: recordLike().map((r) => JSON.stringify(r)) },
  { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => new Uint8Array(bytes)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      '   ',
      '{',
      '{"title": ',
      'null',
      '[]',
      '"text"',
      '{"__proto__": {"polluted": 1}, "title": "x"}',
      '{"constructor": {"prototype": {"polluted": 1}}}',
      '{"token": "dev-token"}',
      '{"api_key": "dev-token", "name": "x"}',
      '{"enabled": true}',
      '{"by": "61s"}',
      '{"names": ["unavailable"]}',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3000 }).map(deeplyNested) },
)

// Just over the 1 MB limit (413), rarely: each one costs a megabyte to build and send.
export const body = fc.oneof(
  { weight: 50, arbitrary: ordinaryBody },
  { weight: 1, arbitrary: fc.constant(`"${'a'.repeat(1024 * 1024)}"`) },
)

/** Objects shaped like records of the built-in resources, valid or nearly so. */
function recordLike() {
  const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('', 'x'.repeat(201)))
  const ref = fc.oneof(fc.integer({ min: 0, max: 14 }), fc.constantFrom('1', 1.5, null, -1))
  return fc.record(
    {
      name: text,
      title: text,
      body: text,
      email: fc.constantFrom('a@example.com', 'not-an-email', ''),
      role: fc.constantFrom('admin', 'member', 'viewer', 'root'),
      status: fc.constantFrom('todo', 'in_progress', 'done', 'active', 'planned', 'nope'),
      priority: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(2.5)),
      projectId: ref,
      ownerId: ref,
      taskId: ref,
      authorId: ref,
      assigneeId: ref,
      tags: fc.array(fc.string({ maxLength: 5 }), { maxLength: 12 }),
      budget: fc.oneof(fc.double(), fc.integer({ min: -10, max: 2_000_000 })),
      dueAt: fc.constantFrom('2030-01-01T00:00:00Z', 'tomorrow', null),
      id: fc.integer({ min: 1, max: 5 }),
      createdAt: fc.constant('2020-01-01T00:00:00Z'),
      nope: fc.boolean(),
    },
    { requiredKeys: [] },
  )
}

function deeplyNested(depth: number): string {
  return depth % 2 === 0
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
}
