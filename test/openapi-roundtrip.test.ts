import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createCliHarness } from './cli-process.test-support.js'

// `mockapi openapi > api.json`, then `mockapi --openapi api.json`: the second mock serves the
// routes of the first with the same statuses, and its bodies are valid against the exported
// schemas, judged by Ajv set up here (not the mock's own validator).

type Doc = {
  servers: { url: string }[]
  paths: Record<string, Record<string, { responses: Record<string, { $ref?: string }> }>>
  components: { schemas: Record<string, unknown> }
}
type Answer = { readonly status: number; readonly body: unknown; readonly type: string }

// Referenced resources last: a deleted user would make the first mock refuse a project naming it
// (references are checked there; the document says them only in words).
const RESOURCES = ['comments', 'tasks', 'projects', 'users'] as const
const WRITE = { Authorization: 'Bearer dev-token', 'Content-Type': 'application/json' }
let dir = ''
let exported: Doc
const cli = createCliHarness(() => dir)

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mockapi-roundtrip-'))
  const printed = await cli.run(['openapi'])
  expect(printed.code).toBe(0)
  await writeFile(join(dir, 'api.json'), printed.stdout)
  exported = JSON.parse(printed.stdout) as Doc
})
afterEach(() => cli.stopAll())
afterAll(() => rm(dir, { recursive: true, force: true }))

/** Validates a body against the schema the exported document declares for the answer. */
function createJudge(doc: Doc) {
  const ajv = new Ajv2020({ allErrors: true, strict: false })
  addFormats.default(ajv)
  ajv.addSchema(doc as object, 'api.json')
  return (path: string, method: string, answer: Answer): string | undefined => {
    const declared = doc.paths[path]?.[method]?.responses[String(answer.status)]
    if (declared === undefined) return `${method} ${path} declares no ${answer.status}`
    const at = declared.$ref?.slice(1) ?? pointer('paths', path, method, 'responses', answer.status)
    if (answer.type === '') return undefined
    const validate = ajv.compile({
      $ref: `api.json#${at}${pointer('content', answer.type)}/schema`,
    })
    return validate(answer.body) ? undefined : ajv.errorsText(validate.errors)
  }
}

function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => `/${encodeURIComponent(String(s).replace(/\//g, '~1'))}`).join('')
}

async function call(url: string, method: string, body?: unknown, token = 'dev-token') {
  const res = await fetch(url, {
    method: method.toUpperCase(),
    headers: token === '' ? {} : { ...WRITE, Authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  const type = (res.headers.get('content-type') ?? '').split(';')[0] ?? ''
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text), type } as Answer
}

/** The writable fields of a record as read: what a POST body may hold. */
function writable(record: unknown, schema: string): Record<string, unknown> {
  const properties = Object.keys(
    (exported.components.schemas[schema] as { properties: object }).properties,
  )
  return Object.fromEntries(
    Object.entries(record as Record<string, unknown>).filter(([name]) => properties.includes(name)),
  )
}

/** Every request of the walk, in order, for one resource: path template, method, URL, body. */
async function walk(base: string, resource: string, sample: Record<string, unknown>) {
  const name = resource[0]?.toUpperCase() + resource.slice(1)
  const create = writable(sample, `${name}Create`)
  const [field = 'id', value] = Object.entries(create)[0] ?? []
  const one = `/${resource}/{id}`
  const steps: [string, string, string, unknown?, string?][] = [
    [`/${resource}`, 'get', `/${resource}?per_page=3`],
    [`/${resource}`, 'get', `/${resource}`, undefined, ''],
    [one, 'get', `/${resource}/1`],
    [one, 'get', `/${resource}/9999`],
    [`/${resource}`, 'post', `/${resource}`, create],
    [`/${resource}`, 'post', `/${resource}`, { ...create, notAField: 1 }],
    [`/${resource}`, 'post', `/${resource}`, create, 'read-token'],
    [one, 'patch', `/${resource}/2`, { [field]: value }],
    [one, 'put', `/${resource}/3`, sample],
    [one, 'delete', `/${resource}/4`],
    [one, 'get', `/${resource}/4`],
  ]
  const answers: { path: string; method: string; answer: Answer }[] = []
  for (const [path, method, url, body, token] of steps) {
    answers.push({ path, method, answer: await call(`${base}${url}`, method, body, token) })
  }
  return answers
}

describe('mockapi openapi > api.json, then mockapi --openapi api.json', () => {
  it('serves every built-in resource with the same statuses, bodies valid against the export', async () => {
    const args = ['--count', '5', '--quiet', '--rate-limit', 'off']
    const [first, second] = await Promise.all([
      cli.serve(args),
      cli.serve(['--openapi', 'api.json', ...args]),
    ])
    const judge = createJudge(exported)
    for (const resource of RESOURCES) {
      const sample = (await call(`${first.url}/${resource}/3`, 'GET')).body as Record<
        string,
        unknown
      >
      const expected = await walk(first.url, resource, sample)
      const actual = await walk(second.url, resource, sample)
      const statuses = (walked: typeof expected) => walked.map((w) => w.answer.status)
      expect(statuses(actual), resource).toEqual(statuses(expected))
      expect(statuses(expected)).toEqual([200, 401, 200, 404, 201, 400, 403, 200, 200, 204, 404])
      for (const { path, method, answer } of [...expected, ...actual]) {
        expect(judge(path, method, answer), `${method} ${path} ${answer.status}`).toBeUndefined()
      }
    }
  })

  it('answers the document as written, servers set to the mock and its base path', async () => {
    const printed = await cli.run(['openapi', '--openapi', 'api.json', '--base-path', '/v2'])
    expect(printed.code).toBe(0)
    const reprinted = JSON.parse(printed.stdout) as Doc
    expect(reprinted).toEqual({
      ...exported,
      servers: [{ url: 'http://127.0.0.1:4000/v2', description: 'This mock' }],
    })
    const { url } = await cli.serve(['--openapi', 'api.json', '--base-path', '/v2', '--quiet'])
    const served = (await call(`${url}/__mockapi/openapi.json`, 'GET', undefined, '')).body
    expect(served).toEqual({
      ...exported,
      servers: [{ url: `${url}/v2`, description: 'This mock' }],
    })
    const yaml = await cli.run(['openapi', '--openapi', 'api.json', '--format', 'yaml'])
    expect(yaml.stdout).toMatch(/^servers:\n {2}- url: http:\/\/127\.0\.0\.1:4000\n/m)
    expect((await call(`${url}/v2/users/1`, 'GET')).status).toBe(200)
  })
})
