import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCliHarness } from './cli-process.test-support.js'
import {
  CLIENT_COMPILER_OPTIONS,
  EXPANDED,
  MUSEUM,
  PETSTORE3,
} from './openapi-generated-clients.test-support.js'
import { createJudge, type Doc, declared, readDoc } from './openapi-walk.test-support.js'

// "A generated client of that document can use it unchanged, errors included": for each imported
// document, openapi-typescript generates its `paths` types, a client written with openapi-fetch
// against them is type-checked (strict) and run against the built CLI serving the document, and
// every answer it meets is judged by Ajv against the document's own schemas.

const ROOT = fileURLToPath(new URL('..', import.meta.url))
// Inside the repository, so the generated clients resolve openapi-fetch from node_modules.
const WORK = join(ROOT, `test-artifacts/openapi-generated-clients-${process.pid}`)
const cli = createCliHarness(() => ROOT)

interface Step {
  status: number
  type: string | null
  retryAfter: string | null
  body: unknown
}
type Run = (baseUrl: string) => Promise<Record<string, unknown> & { steps: Record<string, Step> }>

const DOCUMENTS = {
  petstore3: {
    base: '/api/v3',
    client: PETSTORE3,
    // A client that forgets a required field does not compile.
    wrong: ["name: 'Rex', photoUrls: ['https://example.test/rex.png'], ", "name: 'Rex', "],
    fails: /Property 'photoUrls' is missing/,
  },
  museum: {
    base: '/_mock/docs/openapi/museum-api',
    client: MUSEUM,
    wrong: ["location: 'Hall 2', price: 20", "location: 'Hall 2', price: '20'"],
    fails: /Type 'string' is not assignable to type 'number'/,
  },
  'petstore-expanded': {
    base: '/v2',
    client: EXPANDED,
    // Its Error has code and message; no title.
    wrong: ['gone.error?.message', 'gone.error?.title'],
    fails: /Property 'title' does not exist/,
  },
} as const
type Name = keyof typeof DOCUMENTS
const NAMES = Object.keys(DOCUMENTS) as Name[]

const served = new Map<Name, { url: string; doc: Doc; run: Run }>()
let diagnostics = new Map<string, string[]>()

beforeAll(async () => {
  mkdirSync(WORK, { recursive: true })
  await Promise.all(
    NAMES.map(async (name) => {
      const file = join(ROOT, `test/fixtures/openapi/${name}.yaml`)
      const d = DOCUMENTS[name]
      writeFileSync(join(WORK, `${name}.ts`), astToString(await openapiTS(pathToFileURL(file))))
      writeFileSync(join(WORK, `${name}-client.ts`), d.client)
      writeFileSync(join(WORK, `${name}-wrong.ts`), d.client.replace(d.wrong[0], d.wrong[1]))
      const js = ts.transpileModule(d.client, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText
      writeFileSync(join(WORK, `${name}-client.mjs`), js)
      const { run } = (await import(pathToFileURL(join(WORK, `${name}-client.mjs`)).href)) as {
        run: Run
      }
      const args = ['--openapi', file, '--seed', '1', '--count', '3', '--quiet']
      const { url } = await cli.serve(args)
      served.set(name, { url: url + d.base, doc: await readDoc(file), run })
    }),
  )
  diagnostics = typeCheck(NAMES.flatMap((n) => [`${n}-client.ts`, `${n}-wrong.ts`]))
}, 30_000)

afterAll(async () => {
  await cli.stopAll()
  rmSync(WORK, { recursive: true, force: true })
})

/** One strict program for every client; its diagnostics by file name. */
function typeCheck(files: readonly string[]): Map<string, string[]> {
  const program = ts.createProgram(
    files.map((f) => join(WORK, f)),
    CLIENT_COMPILER_OPTIONS,
  )
  const byFile = new Map<string, string[]>(files.map((f) => [f, []]))
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file === undefined ? 'global' : relative(WORK, d.file.fileName)
    const list = byFile.get(file) ?? []
    list.push(ts.flattenDiagnosticMessageText(d.messageText, '\n'))
    byFile.set(file, list)
  }
  return byFile
}

describe.each(NAMES)('a client generated from %s.yaml', (name) => {
  it('type-checks strictly against the generated types, and a wrong one does not', () => {
    expect(diagnostics.get(`${name}-client.ts`)).toEqual([])
    // Nothing else in the program either: the generated types, openapi-fetch, the libraries.
    for (const [file, messages] of diagnostics) {
      if (!file.endsWith('-wrong.ts')) expect(messages, file).toEqual([])
    }
    expect((diagnostics.get(`${name}-wrong.ts`) ?? []).join('\n')).toMatch(DOCUMENTS[name].fails)
  })
})

type Plan = Record<string, readonly [method: string, path: string, status: number]>

/** Each step answered the planned status, which the operation declares, with a body that fits. */
function judgeSteps(doc: Doc, steps: Record<string, Step>, plan: Plan) {
  const judge = createJudge(doc)
  expect(Object.keys(steps).sort()).toEqual(Object.keys(plan).sort())
  for (const [what, [method, path, status]] of Object.entries(plan)) {
    const step = steps[what] as Step
    const seen = `${what}: ${method.toUpperCase()} ${path} → ${step.status} ${JSON.stringify(step.body)}`
    expect(step.status, seen).toBe(status)
    const op = doc.paths[path]?.[method]
    expect(op, seen).toBeDefined()
    // A success is one the operation names; an error may fall to its range or `default`.
    const response = op && (status < 400 ? op.responses[status] : declared(op, status))
    expect(response, `${seen}: not declared`).toBeDefined()
    const media = Object.entries(response?.content ?? {}).find(([type]) => /json/.test(type))
    if (media?.[1].schema !== undefined) {
      expect(step.type, seen).toMatch(new RegExp(`^${media[0].replace('+', '\\+')}`))
      expect(judge(media[1].schema, step.body), seen).toBeUndefined()
    } else if (status >= 400) {
      // Declared without content: the body stays the contract's problem+json.
      expect(step.type, seen).toBe('application/problem+json')
      expect(step.body, seen).toMatchObject({ status, code: expect.any(String) })
    }
  }
}

function servedAs(name: Name) {
  const s = served.get(name)
  if (s === undefined) throw new Error(`${name} is not served`)
  return s
}

describe('the generated clients against the built CLI', () => {
  it('petstore3: bearer and api_key, pet and user round trips, 404 and 422 as problem+json', async () => {
    const { url, doc, run } = servedAs('petstore3')
    const result = await run(url)
    judgeSteps(doc, result.steps, {
      created: ['post', '/pet', 200],
      read: ['get', '/pet/{petId}', 200],
      updated: ['put', '/pet', 200],
      found: ['get', '/pet/findByStatus', 200],
      removed: ['delete', '/pet/{petId}', 200],
      gone: ['get', '/pet/{petId}', 404],
      invalid: ['post', '/pet', 422],
      anonymous: ['get', '/pet/{petId}', 401],
      badKey: ['get', '/pet/{petId}', 400],
      inventory: ['get', '/store/inventory', 200],
      order: ['post', '/store/order', 200],
      placed: ['get', '/store/order/{orderId}', 200],
      cancelled: ['delete', '/store/order/{orderId}', 200],
      noOrder: ['get', '/store/order/{orderId}', 404],
      user: ['post', '/user', 200],
      profile: ['get', '/user/{username}', 200],
      renamed: ['put', '/user/{username}', 200],
      after: ['get', '/user/{username}', 200],
      dropped: ['delete', '/user/{username}', 200],
      noUser: ['get', '/user/{username}', 404],
      logout: ['get', '/user/logout', 200],
    })
    const { steps } = result
    expect(result).toMatchObject({ name: 'Rex', listed: true, username: 'ada-12c' })
    expect(result.firstName).toBe('Augusta')
    expect(result.id).toBeGreaterThan(3)
    expect(steps.gone?.body).toMatchObject({ code: 'not_found' })
    expect(steps.noUser?.body).toMatchObject({ code: 'not_found' })
    expect(steps.noOrder?.body).toMatchObject({ code: 'not_found' })
    expect(steps.placed?.body).toMatchObject({ petId: result.id, quantity: 2 })
    expect(steps.badKey?.body).toMatchObject({ code: 'invalid_parameters' })
    expect(steps.anonymous?.body).toMatchObject({ code: 'token_missing' })
    expect(steps.invalid?.body).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'photoUrls' }, { field: 'name' }],
    })
  })

  it('museum: HTTP basic, special events round trip, errors in its Error shape', async () => {
    const { url, doc, run } = servedAs('museum')
    const result = await run(url)
    judgeSteps(doc, result.steps, {
      created: ['post', '/special-events', 201],
      read: ['get', '/special-events/{eventId}', 200],
      updated: ['patch', '/special-events/{eventId}', 200],
      list: ['get', '/special-events', 200],
      removed: ['delete', '/special-events/{eventId}', 204],
      gone: ['get', '/special-events/{eventId}', 404],
      invalid: ['post', '/special-events', 400],
      anonymous: ['delete', '/special-events/{eventId}', 401],
      badKey: ['get', '/special-events/{eventId}', 400],
      bought: ['post', '/tickets', 201],
      qr: ['get', '/tickets/{ticketId}/qr', 200],
      hours: ['get', '/museum-hours', 200],
    })
    expect(result.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/)
    expect(result).toMatchObject({ price: 20, listed: true })
    expect(result.steps.read?.body).toMatchObject({ eventId: result.eventId, name: 'Night tour' })
    expect(result.title).toEqual(expect.any(String))
    expect(result.unauthorized).toEqual(expect.any(String))
    expect(JSON.stringify(result.steps.invalid?.body)).toMatch(/location.*price|price.*location/)
    expect(JSON.stringify(result.steps.badKey?.body)).toContain('eventId')
    expect(result.steps.qr?.type).toBe('image/png')
    expect(result.png).toEqual([0x89, 0x50, 0x4e, 0x47])
  })

  it('petstore-expanded: public, pets round trip, every error in its default Error shape', async () => {
    const { url, doc, run } = servedAs('petstore-expanded')
    const result = await run(url)
    judgeSteps(doc, result.steps, {
      created: ['post', '/pets', 200],
      read: ['get', '/pets/{id}', 200],
      list: ['get', '/pets', 200],
      removed: ['delete', '/pets/{id}', 204],
      gone: ['get', '/pets/{id}', 404],
      invalid: ['post', '/pets', 400],
      limited: ['get', '/pets', 429],
      down: ['post', '/pets', 503],
    })
    expect(result.listed).toEqual([result.id])
    expect(result.code).toBe(404)
    expect(result.message).toContain(String(result.id))
    expect(result.limitedCode).toBe(429)
    expect(Number(result.steps.limited?.retryAfter)).toBeGreaterThan(0)
    expect(result.steps.invalid?.body).toMatchObject({ code: 400, message: /name/ })
    expect(result.steps.down?.body).toMatchObject({ code: 503 })
    expect(Number(result.steps.down?.retryAfter)).toBeGreaterThan(0)
  })
})
