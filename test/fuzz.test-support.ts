import fc from 'fast-check'
import { body } from './fuzz-bodies.test-support.js'

/** Fixed, so `npm test` fuzzes the same cases every time; `MOCKAPI_FUZZ_SEED` picks others. */
export const FUZZ_SEED = Number(process.env.MOCKAPI_FUZZ_SEED ?? 20_261_126)
/** Cases per property: a few thousand in all by default, `npm run fuzz` sets 100,000. */
export const FUZZ_RUNS = Number(process.env.MOCKAPI_FUZZ_RUNS ?? 1000)

/** fast-check's settings for the property at `index`: its own seed, derived from the one seed. */
export function fuzzSettings(index: number, numRuns = FUZZ_RUNS) {
  return { seed: FUZZ_SEED + index, numRuns }
}

/**
 * Runs `fc.assert`, adding to a failure the command that replays it (the same seed and run
 * count replay the same cases in the same order).
 */
export async function assertProperty(
  property: fc.IAsyncProperty<unknown> | fc.IAsyncProperty<never>,
  settings: { seed: number; numRuns: number },
): Promise<void> {
  try {
    await fc.assert(property as fc.IAsyncProperty<unknown>, settings)
  } catch (error) {
    const replay = `MOCKAPI_FUZZ_SEED=${FUZZ_SEED} MOCKAPI_FUZZ_RUNS=${FUZZ_RUNS} npx vitest run test/fuzz.test.ts`
    if (error instanceof Error) error.message = `${error.message}\n\nReplay: ${replay}`
    throw error
  }
}

/** One request as the fuzzer sends it: every part chosen on its own. */
export interface FuzzRequest {
  readonly method: string
  readonly path: string
  readonly query: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | Uint8Array<ArrayBuffer> | undefined
}

export const RESOURCES = ['users', 'projects', 'tasks', 'comments'] as const
export const SESSIONS = ['s1', 's2'] as const

const KNOWN_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']
// Lower-case `patch` stays lower-case in a Request (only the six "normalized" methods are
// upper-cased), so it is a method of its own to the router.
const ODD_METHODS = ['PROPFIND', 'PURGE', 'M-SEARCH', 'patch', 'get', 'LINK', 'X']

const method = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...KNOWN_METHODS) },
  { weight: 1, arbitrary: fc.constantFrom(...ODD_METHODS) },
)

const JUNK_SEGMENTS = [
  '0',
  '-1',
  '01',
  '1.5',
  '1e3',
  '999999',
  '9007199254740993',
  'abc',
  '%31',
  '%zz',
  '%E2%82%AC',
  '%00',
  '%2F',
  '..',
  '.',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '%F0%9F%92%A9',
  'a b',
  'x'.repeat(300),
]
const ADMIN_SEGMENTS = [
  'health',
  'version',
  'requests',
  'scenarios',
  'clock',
  'maintenance',
  'reset',
]

const id = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 12 }).map(String) },
  { weight: 2, arbitrary: fc.constantFrom(...JUNK_SEGMENTS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map(encodeURIComponent) },
)

const path = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...RESOURCES).map((r) => `/${r}`) },
  {
    weight: 5,
    arbitrary: fc.tuple(fc.constantFrom(...RESOURCES), id).map(([r, i]) => `/${r}/${i}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('/', '', '//users', '/users/', '/users/1/', '/USERS') },
  { weight: 1, arbitrary: fc.constantFrom(...ADMIN_SEGMENTS).map((s) => `/__mockapi/${s}`) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...RESOURCES), id), { minLength: 1, maxLength: 4 })
      .map((segments) => `/${segments.join('/')}`),
  },
)

const QUERY_KEYS = [
  'page',
  'per_page',
  'sort',
  'q',
  'status',
  'priority_gte',
  'priority_lt',
  'name_like',
  'ownerId',
  'active',
  'dueAt_gte',
  'nope',
  'token',
  'api_key',
  '__proto__',
  'limit',
]
const QUERY_VALUES = ['1', '2', '0', '-1', '100', '101', 'abc', '', 'done', '-dueAt', 'name,-id']
const queryValue = fc.oneof(
  fc.constantFrom(...QUERY_VALUES),
  fc.string({ maxLength: 10 }).map(encodeURIComponent),
  fc.constantFrom('%zz', '%', '+', '%2B', 'a=b', 'true', 'null', '1e999'),
)
const query = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.tuple(fc.constantFrom(...QUERY_KEYS), queryValue), { minLength: 1, maxLength: 4 })
      .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('?', '?&&', '?==', '?page', '?sort=', '?%zz=1') },
)

/** `value` one time in `every`, else no header (null). */
const sometimes = (value: fc.Arbitrary<string>, every: number) =>
  fc.oneof({ weight: every - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: value })
/** Mostly one of `values` (the first most often), now and then junk, one time in five absent. */
const usually = (values: readonly string[]) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: fc.constant(values[0] as string) },
    { weight: 1, arbitrary: fc.constantFrom(...values) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  )

const headers = fc
  .record({
    authorization: usually([
      'Bearer dev-token',
      'Bearer dev-token',
      'Bearer read-token',
      'Bearer revoked-token',
      'Bearer other-token',
      'bearer dev-token',
      'Bearer',
      'Basic ZGV2LXRva2Vu',
      'dev-token',
      'Bearer   dev-token  ',
    ]),
    'content-type': usually([
      'application/json',
      'application/json; charset=utf-8',
      'application/merge-patch+json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'APPLICATION/JSON',
    ]),
    prefer: sometimes(
      fc.constantFrom(
        'code=429',
        'code=503',
        'code=500',
        'code=418',
        'code=404',
        'code=200',
        'code=abc',
        'code=999',
        'delay=1',
        'delay=11m',
        'return=minimal',
        'code=503; delay=0',
        'code="400"',
      ),
      5,
    ),
    'x-mockapi-session': sometimes(
      fc.constantFrom(...SESSIONS, '', ' ', 'bad id!', 'x'.repeat(101)),
      6,
    ),
    // Read by the fuzz-faults scenario only: which injected status to force.
    'x-fault': sometimes(fc.constantFrom('500', '503', '429', '401', '400', '200'), 4),
    origin: sometimes(fc.constantFrom('http://localhost:3000', 'null'), 5),
  })
  .map((all) =>
    Object.fromEntries(
      Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== null),
    ),
  )

export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.record({
  method,
  path,
  query,
  headers,
  body,
})

/** The request itself; methods that cannot carry a body (GET, HEAD) are sent without one. */
export function toRequest(request: FuzzRequest): Request {
  const upper = request.method.toUpperCase()
  const bodyless = upper === 'GET' || upper === 'HEAD'
  return new Request(`http://mock${request.path}${request.query}`, {
    method: request.method,
    headers: request.headers,
    ...(bodyless || request.body === undefined ? {} : { body: request.body }),
  })
}
