import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createCliHarness, waitFor } from './cli-process.test-support.js'

const ROOT = new URL('..', import.meta.url).pathname
const EXPANDED = join(ROOT, 'test/fixtures/openapi/petstore-expanded.yaml')
const UNSUPPORTED = join(ROOT, 'test/fixtures/openapi/unsupported-features.yaml')
let dir = ''
const cli = createCliHarness(() => dir)

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mockapi-openapi-'))
  await writeFile(
    join(dir, 'broken.yaml'),
    [
      'openapi: 3.0.3',
      'info: { title: Broken, version: "1" }',
      'paths:',
      '  /things:',
      '    get:',
      '      respons: {}',
      '      responses:',
      '        "200":',
      '          description: ok',
      '          content:',
      '            application/json:',
      '              schema: { $ref: "#/components/schemas/Missing" }',
      '',
    ].join('\n'),
  )
  await writeFile(
    join(dir, 'split.yaml'),
    [
      'openapi: 3.1.0',
      'info: { title: Split, version: "1" }',
      'servers: [{ url: /api }]',
      'paths:',
      '  /things:',
      '    post:',
      '      requestBody: { required: true, content: { application/json: { schema: { $ref: "./thing.yaml" } } } }',
      '      responses: { "201": { description: ok, content: { application/json: { schema: { $ref: "./thing.yaml" } } } } }',
      '  /things/{id}:',
      '    get:',
      '      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]',
      '      responses: { "200": { description: ok, content: { application/json: { schema: { $ref: "./thing.yaml" } } } } }',
      '',
    ].join('\n'),
  )
  await writeFile(
    join(dir, 'thing.yaml'),
    'type: object\nrequired: [name]\nproperties:\n  id: { type: integer }\n  name: { type: [string, "null"] }\n',
  )
  await mkdir(join(dir, 'conf'))
  await writeFile(join(dir, 'conf', 'mockapi.yaml'), 'openapiFile: ../split.yaml\nbasePath: /v1\n')
})
afterEach(() => cli.stopAll())
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('loading an OpenAPI document', () => {
  it('refuses a broken document with file:line:column lines and exit 2, serving nothing', async () => {
    const { code, stderr } = await cli.run(['--openapi', 'broken.yaml', '--port', '0'])
    expect(code).toBe(2)
    expect(stderr).toMatch(
      /^broken\.yaml:12:\d+: .*Missing \$ref pointer "#\/components\/schemas\/Missing"/m,
    )
  })

  it('says a Swagger 2.0 document is one, at its swagger: line, and exit 2', async () => {
    await writeFile(
      join(dir, 'swagger2.yaml'),
      "# An old one\nswagger: '2.0'\ninfo: { title: Old, version: '1' }\npaths: {}\n",
    )
    const old = await cli.run(['--openapi', 'swagger2.yaml', '--port', '0'])
    expect(old.code).toBe(2)
    expect(old.stderr).toMatch(
      /^swagger2\.yaml:2:10: swagger: "2\.0" is Swagger 2\.0, which is not read/m,
    )
  })

  it('checks a document without serving: problems and exit 2, or OK and exit 0', async () => {
    const bad = await cli.run(['check', 'broken.yaml'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^broken\.yaml:\d+:\d+: /m)
    const good = await cli.run(['check', 'split.yaml', EXPANDED])
    expect(good).toMatchObject({ code: 0, stdout: '2 files OK\n' })
  })

  it('takes `scheme: Bearer` with a bearerFormat, as ASP.NET writes it (scheme names ignore case)', async () => {
    await writeFile(
      join(dir, 'bearer.yaml'),
      [
        'openapi: 3.0.3',
        'info: { title: Bearer, version: "1" }',
        'components: { securitySchemes: { JWT: { type: http, scheme: Bearer, bearerFormat: JWT } } }',
        'security: [{ JWT: [] }]',
        'paths: { /ping: { get: { responses: { "204": { description: pong } } } } }',
        '',
      ].join('\n'),
    )
    expect(await cli.run(['check', 'bearer.yaml'])).toMatchObject({ code: 0 })
    const { url } = await cli.serve(['--openapi', 'bearer.yaml'])
    expect((await fetch(`${url}/ping`)).status).toBe(401)
    const authorized = await fetch(`${url}/ping`, {
      headers: { authorization: 'Bearer dev-token' },
    })
    expect(authorized.status).toBe(204)
  })

  it('resolves $refs to other local files, serves 3.1 type arrays, at the first server URL', async () => {
    const { url } = await cli.serve(['--openapi', 'split.yaml', '--no-auth', '--quiet'])
    const created = await fetch(`${url}/api/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: null }),
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: number }
    expect(await (await fetch(`${url}/api/things/${id}`)).json()).toEqual({ id, name: null })
    const bad = await fetch(`${url}/api/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 5 }),
    })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('name')
  })

  it('takes MOCKAPI_OPENAPI and MOCKAPI_BASE_PATH; --base-path / serves at the root', async () => {
    const env = await cli.serve(['--quiet'], { MOCKAPI_OPENAPI: EXPANDED, MOCKAPI_BASE_PATH: '/x' })
    expect((await fetch(`${env.url}/x/pets/1`)).status).toBe(200)
    const root = await cli.serve([
      '--openapi',
      EXPANDED,
      '--base-path',
      '/',
      '--no-auth',
      '--quiet',
    ])
    expect((await fetch(`${root.url}/pets/1`)).status).toBe(200)
    expect((await fetch(`${root.url}/users/1`)).status).toBe(404)
  })

  it('reads openapiFile: and basePath: from the config, beside the config file', async () => {
    const { url } = await cli.serve(['--config', 'conf/mockapi.yaml', '--no-auth', '--quiet'])
    const res = await fetch(`${url}/v1/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"a"}',
    })
    expect(res.status).toBe(201)
  })

  it('answers and prints the document as written, servers at the mock, other files inlined', async () => {
    const printed = await cli.run(['openapi', '--openapi', 'split.yaml', '--port', '5000'])
    expect(printed.code).toBe(0)
    const doc = JSON.parse(printed.stdout) as { servers: unknown; paths: object }
    expect(doc.servers).toEqual([{ url: 'http://127.0.0.1:5000/api', description: 'This mock' }])
    expect(printed.stdout).not.toContain('thing.yaml')
    expect(JSON.stringify(doc.paths)).toContain('"$ref":"#/paths/')
    const configured = await cli.run([
      'openapi',
      '--config',
      'conf/mockapi.yaml',
      '--format',
      'yaml',
    ])
    expect(configured.stdout).toMatch(/^servers:\n {2}- url: http:\/\/127\.0\.0\.1:4000\/v1\n/m)
    const { url } = await cli.serve(['--openapi', 'split.yaml', '--quiet'])
    const served = (await (await fetch(`${url}/__mockapi/openapi.json`)).json()) as typeof doc
    expect(served).toEqual({ ...doc, servers: [{ url: `${url}/api`, description: 'This mock' }] })
    const missing = await cli.run(['openapi', '--openapi', 'missing.yaml'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/^missing\.yaml:1:1: cannot read file/m)
  })

  it('prints the collections, operations, token and warnings in the banner', async () => {
    const { cli: server } = await cli.serve([
      '--openapi',
      join(ROOT, 'test/fixtures/openapi/petstore3.yaml'),
    ])
    await new Promise((r) => setTimeout(r, 200))
    expect(server.stderr).toMatch(/Collections \/api\/v3\/pet \(key id, 50 records\)/)
    expect(server.stderr).toMatch(/\/api\/v3\/user \(key username, 50 records\)/)
    expect(server.stderr).toMatch(/ {4}GET \/api\/v3\/pet\/findByStatus \(lists it\)/)
    expect(server.stderr).toMatch(/Operations {2}POST \/api\/v3\/pet\/\{petId\}\/uploadImage/)
    expect(server.stderr).toMatch(
      /Token {7}send one as Authorization: Bearer <token>, or in the api_key header/,
    )
    expect(server.stderr).toMatch(/warning: PUT \/pet: request bodies in application\/xml/)
  })

  it('warns once at start, naming the path and the reason, for each thing it does not serve as written', async () => {
    const { cli: server, url } = await cli.serve(['--openapi', UNSUPPORTED])
    await waitFor(server, () => server.stderr.includes('Try: curl'), 'the banner')
    const warnings = server.stderr.split('\n').filter((line) => line.startsWith('  warning: '))
    expect(warnings).toEqual([
      '  warning: POST /things: callbacks are not sent (thingCreated)',
      '  warning: GET /preferences: cookie parameters are not checked (theme)',
      '  warning: POST /imports: request bodies in application/xml are accepted but not read',
      '  warning: GET /report: XML is not generated, so the 200 answer declared only in application/xml is not built from its schema',
      '  warning: security scheme sessionCookie: an API key in a cookie is not checked (cookies as security); GET /me needs only it, so it is public',
      '  warning: TRACE /report: TRACE operations are not served',
      '  warning: webhook thingDeleted: webhooks are not sent',
      "  warning: GET /health: served under the document's base path, not at its own server http://localhost:8080",
      '  warning: /files/{name}.json (GET, DELETE): a parameter inside a path segment cannot be placed, so the path is not served',
    ])
    // The path it cannot place is no operation in the banner either.
    expect(server.stderr).not.toContain('/api/files/')

    // The rest of the document is served, under its server URL /api.
    const created = await fetch(`${url}/api/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'kept', callbackUrl: 'http://127.0.0.1:9/hook' }),
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: number }
    expect(await (await fetch(`${url}/api/things/${id}`)).json()).toMatchObject({ name: 'kept' })
    const preferences = await fetch(`${url}/api/preferences`, { headers: { cookie: 'theme=neon' } })
    expect(preferences.status).toBe(200)
    expect(await preferences.json()).toEqual({ language: expect.any(String) })
    const me = await fetch(`${url}/api/me`)
    expect(me.status).toBe(200)
    expect(await me.json()).toEqual({ name: expect.any(String) })
    const imported = await fetch(`${url}/api/imports`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<import><name>a</name></import>',
    })
    expect(imported.status).toBe(202)
    const report = await fetch(`${url}/api/report`)
    expect(report.status).toBe(200)
    expect(report.headers.get('content-type')).toBe('application/xml')
    const file = await fetch(`${url}/api/files/a.json`, {
      headers: { authorization: 'Bearer dev-token' },
    })
    expect(file.status).toBe(404)
  })
})
