import { afterEach, describe, expect, it } from 'vitest'
import { type RunningMockApi, startMockApi } from '../start-mock-api.js'
import { readBasePath } from './read-base-path.js'

const PETSTORE = 'test/fixtures/openapi/petstore3.yaml'
const TOKEN = { authorization: 'Bearer dev-token' }
const running: RunningMockApi[] = []
const start = async (options: Parameters<typeof startMockApi>[0]) => {
  const api = await startMockApi({ port: 0, rateLimit: false, count: 3, ...options })
  running.push(api)
  return api
}
const status = async (url: string) => (await fetch(url, { headers: TOKEN })).status

afterEach(async () => {
  await Promise.all(running.splice(0).map((api) => api.close()))
})

/** A document with one collection, served under `servers`. */
const things = (servers: unknown[]) => {
  const json = {
    'application/json': {
      schema: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
    },
  }
  const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }]
  return {
    openapi: '3.1.0',
    info: { title: 'Things', version: '1' },
    servers,
    paths: {
      '/things': {
        post: {
          requestBody: { content: json },
          responses: { 201: { description: 'ok', content: json } },
        },
      },
      '/things/{id}': {
        get: { parameters: id, responses: { 200: { description: 'ok', content: json } } },
      },
    },
  }
}

describe('the base path of a mocked document, over HTTP', () => {
  it('serves under the path of the first server URL: /api/v3 for petstore3', async () => {
    const api = await start({ openapi: PETSTORE })
    expect(api.settings().openapi?.basePath).toBe('/api/v3')
    expect(await status(`${api.url}/api/v3/pet/1`)).toBe(200)
    expect(await status(`${api.url}/pet/1`)).toBe(404)
  })

  it('serves a relative server URL (servers: [{url: /api}]) under /api, the later ones ignored', async () => {
    const api = await start({ openapi: things([{ url: '/api' }, { url: '/other' }]), auth: false })
    expect(api.settings().openapi?.basePath).toBe('/api')
    const created = await fetch(`${api.url}/api/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"a"}',
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: number }
    expect(await (await fetch(`${api.url}/api/things/${id}`)).json()).toEqual({ id, name: 'a' })
    expect((await fetch(`${api.url}/things/${id}`)).status).toBe(404)
    expect((await fetch(`${api.url}/other/things/${id}`)).status).toBe(404)
  })

  it('takes the option basePath over the document’s server URL', async () => {
    const api = await start({ openapi: PETSTORE, basePath: '/v2' })
    expect(api.settings().openapi?.basePath).toBe('/v2')
    expect(await status(`${api.url}/v2/pet/1`)).toBe(200)
    expect(await status(`${api.url}/api/v3/pet/1`)).toBe(404)
    const served = (await (await fetch(`${api.url}/__mockapi/openapi.json`)).json()) as {
      servers: { url: string }[]
    }
    expect(served.servers[0]?.url).toBe(`${api.url}/v2`)
    // mockapi's own index links each collection where it is served.
    const index = (await (await fetch(`${api.url}/`, { headers: TOKEN })).json()) as {
      resources: { name: string; url: string }[]
    }
    expect(index.resources.find((r) => r.name === 'pet')?.url).toBe(`${api.url}/v2/pet`)
  })

  it('serves at the root with basePath "/", and a trailing slash is dropped', async () => {
    const root = await start({ openapi: PETSTORE, basePath: '/' })
    expect(root.settings().openapi?.basePath).toBe('')
    expect(await status(`${root.url}/pet/1`)).toBe(200)
    expect(await status(`${root.url}/api/v3/pet/1`)).toBe(404)
    const trailing = await start({ openapi: things([{ url: '/api' }]), basePath: '/v1/' })
    expect(trailing.settings().openapi?.basePath).toBe('/v1')
    expect((await fetch(`${trailing.url}/v1/things/1`)).status).toBe(200)
  })
})

describe('readBasePath', () => {
  it('takes the path of an absolute, relative or protocol-relative URL, variables at their defaults', () => {
    expect(readBasePath([{ url: 'https://petstore3.swagger.io/api/v3' }])).toBe('/api/v3')
    expect(readBasePath([{ url: '/api' }])).toBe('/api')
    expect(readBasePath([{ url: '/api/' }])).toBe('/api')
    expect(readBasePath([{ url: '//example.test/v1' }])).toBe('/v1')
    expect(
      readBasePath([
        {
          url: 'https://{host}/{version}',
          variables: { host: { default: 'a.test' }, version: { default: 'v7' } },
        },
      ]),
    ).toBe('/v7')
    expect(readBasePath([{ url: 'https://example.test' }])).toBe('')
    expect(readBasePath([{ url: '/' }])).toBe('')
    expect(readBasePath(undefined)).toBe('')
  })
})
