import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import openapiTS, { astToString } from 'openapi-typescript'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { type RunningMockApi, startMockApi } from '../src/start-mock-api.js'
import { createCliHarness } from './cli-process.test-support.js'
import { CLIENT_COMPILER_OPTIONS } from './openapi-generated-clients.test-support.js'

// The document the mock prints about itself, read by independent tools: an OpenAPI validator,
// openapi-typescript, and a client built on its types (openapi-fetch) run against the mock.

let api: RunningMockApi
let document: Record<string, unknown>
// Inside the repository, so the generated client resolves openapi-fetch from node_modules.
const WORK = resolve(import.meta.dirname, `../test-artifacts/openapi-client-${process.pid}`)

beforeAll(async () => {
  api = await startMockApi({ seed: 1, count: 5, adminToken: 'admin-secret' })
  document = (await (await fetch(`${api.url}/__mockapi/openapi.json`)).json()) as typeof document
  mkdirSync(WORK, { recursive: true })
})

afterAll(async () => {
  await api.close()
  rmSync(WORK, { recursive: true, force: true })
})

describe('GET /__mockapi/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document, served without the admin token', async () => {
    const result = await new Validator().validate(document)
    expect(result.errors).toBeUndefined()
    expect(result.valid).toBe(true)
    expect(document.openapi).toBe('3.1.0')
    expect(document.servers).toEqual([{ url: api.url, description: 'This mock' }])
    const locked = await fetch(`${api.url}/__mockapi/scenarios`)
    expect(locked.status).toBe(401)
  })

  it('describes every route, method, schema, list parameter, header and error code', () => {
    const paths = document.paths as Record<string, Record<string, Record<string, unknown>>>
    expect(Object.keys(paths['/tasks'] ?? {})).toEqual(['get', 'head', 'post', 'options'])
    expect(Object.keys(paths['/tasks/{id}'] ?? {})).toEqual(
      expect.arrayContaining(['get', 'head', 'patch', 'delete', 'options']),
    )
    const list = JSON.stringify(paths['/tasks']?.get)
    for (const name of [
      'page',
      'per_page',
      'sort',
      'q',
      'priority_gte',
      'title_like',
      'status_in',
    ]) {
      expect(list).toContain(name)
    }
    const text = JSON.stringify(document)
    for (const name of ['Location', 'Link', 'X-Total-Count', 'ETag', 'RateLimit', 'Retry-After']) {
      expect(text).toContain(`"${name}"`)
    }
    for (const code of ['precondition_failed', 'precondition_required', 'idempotency_key_reused']) {
      expect(text).toContain(code)
    }
    const components = document.components as Record<string, Record<string, unknown>>
    expect(components.securitySchemes?.token).toMatchObject({ type: 'http', scheme: 'bearer' })
    expect(components.schemas?.Users).toMatchObject({
      properties: {
        id: { readOnly: true },
        email: { format: 'email' },
        role: { enum: ['admin', 'member', 'viewer'] },
      },
    })
  })

  it('is the same document as YAML', async () => {
    const res = await fetch(`${api.url}/__mockapi/openapi.yaml`)
    expect(res.headers.get('content-type')).toBe('application/yaml; charset=utf-8')
    expect(parse(await res.text())).toEqual(document)
  })
})

const CLIENT = `
import createClient from 'openapi-fetch'
import type { paths } from './api.js'

export async function run(baseUrl: string) {
  const client = createClient<paths>({ baseUrl, headers: { Authorization: 'Bearer dev-token' } })
  const created = await client.POST('/users', {
    body: { name: 'Ada Lovelace', email: 'ada@example.test', role: 'admin' },
    params: { header: { 'Idempotency-Key': 'k-1' } },
  })
  const id: number = created.data?.id ?? 0
  const read = await client.GET('/users/{id}', { params: { path: { id: String(id) } } })
  const role: 'admin' | 'member' | 'viewer' | undefined = read.data?.role
  const page = await client.GET('/tasks', { params: { query: { per_page: 2, sort: '-priority' } } })
  const missing = await client.GET('/users/{id}', { params: { path: { id: '999999' } } })
  const code: string | undefined = missing.error?.code
  return { status: created.response.status, role, count: page.data?.length, code }
}
`

describe('the document of a data file', () => {
  it('describes its singular object, its nested lists and its records as served: every read answers its declared schema', async () => {
    const db = join(WORK, 'db.json')
    writeFileSync(
      db,
      JSON.stringify({
        users: [{ id: 1, name: 'Ada' }],
        posts: [{ id: 'p1', title: 'Hello', userId: 1 }],
        drafts: [],
        profile: { name: 'typicode' },
      }),
    )
    const served = await startMockApi({ db, auth: false, rateLimit: false })
    try {
      const doc = (await (await fetch(`${served.url}/__mockapi/openapi.json`)).json()) as {
        paths: Record<string, Record<string, { responses: Record<string, unknown> }>>
      }
      expect((await new Validator().validate(doc as never)).valid).toBe(true)
      // A singular object has no list and no item path; a reference gives a nested list.
      expect(Object.keys(doc.paths['/profile'] ?? {})).toEqual([
        'get',
        'head',
        'put',
        'patch',
        'options',
      ])
      expect(doc.paths['/profile/{id}']).toBeUndefined()
      expect(Object.keys(doc.paths['/users/{id}/posts'] ?? {})).toContain('post')
      const ajv = addFormats.default(new Ajv2020({ strict: false, allErrors: true }))
      ajv.addSchema(doc, 'doc')
      const reads = [
        '/profile',
        '/users',
        '/users/{id}',
        '/posts',
        '/posts/{id}',
        '/users/{id}/posts',
        '/drafts',
      ]
      for (const path of reads) {
        const url = path.replace('{id}', path.startsWith('/posts') ? 'p1' : '1')
        const res = await fetch(`${served.url}${url}`)
        expect(`${path} ${res.status}`).toBe(`${path} 200`)
        const pointer = `doc#/paths/${path.replaceAll('/', '~1')}/get/responses/200/content/application~1json/schema`
        const validate = ajv.compile({ $ref: pointer })
        expect(validate(await res.json()), `${path}: ${JSON.stringify(validate.errors)}`).toBe(true)
      }
    } finally {
      await served.close()
    }
  })
})

describe('a client generated with openapi-typescript', () => {
  it('type-checks against the document and works against the running mock unchanged', async () => {
    writeFileSync(join(WORK, 'api.ts'), astToString(await openapiTS(document as never)))
    writeFileSync(join(WORK, 'client.ts'), CLIENT)
    writeFileSync(join(WORK, 'wrong.ts'), CLIENT.replace("role: 'admin'", 'role: 42'))
    expect(typeCheck(join(WORK, 'client.ts'))).toEqual([])
    expect(typeCheck(join(WORK, 'wrong.ts')).join('\n')).toMatch(/'number' is not assignable/)
    const js = ts.transpileModule(CLIENT, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText
    writeFileSync(join(WORK, 'client.mjs'), js)
    const { run } = (await import(pathToFileURL(join(WORK, 'client.mjs')).href)) as {
      run: (url: string) => Promise<Record<string, unknown>>
    }
    expect(await run(api.url)).toEqual({ status: 201, role: 'admin', count: 2, code: 'not_found' })
  })
})

function typeCheck(file: string): string[] {
  const program = ts.createProgram([file], CLIENT_COMPILER_OPTIONS)
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
}

describe('mockapi openapi', () => {
  const cli = createCliHarness(() => WORK)

  it('prints the document of what the same flags would serve, as JSON or YAML', async () => {
    const json = await cli.run(['openapi', '--port', '4321', '--no-auth'])
    expect(json.code).toBe(0)
    const printed = JSON.parse(json.stdout) as Record<string, unknown>
    expect(printed.servers).toEqual([{ url: 'http://127.0.0.1:4321', description: 'This mock' }])
    expect(printed.security).toBeUndefined()
    expect((await new Validator().validate(printed)).valid).toBe(true)
    const yaml = await cli.run(['openapi', '--format', 'yaml', '--port', '4321', '--no-auth'])
    expect(parse(yaml.stdout)).toEqual(printed)
    const bad = await cli.run(['openapi', '--format', 'xml'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--format must be json or yaml')
  })
})
