import type { MockApi } from '../create-mock-api.js'
import { type LoadedOpenApi, loadOpenApi } from './load-openapi.js'

// One collection of each fixture document, and the requests that exercise issue 13's semantics on
// it: what openapi-http-semantics.test.ts walks.

export interface Write {
  readonly path: string
  readonly method: string
  readonly body?: unknown
}

export interface Case {
  readonly document: string
  readonly loaded: LoadedOpenApi
  /** A list whose `X-Total-Count` counts what `create` adds. */
  readonly list: string
  readonly item: (key: string) => string
  readonly key: (api: MockApi) => Promise<string>
  readonly create: { readonly path: string; readonly body: unknown; readonly status: number }
  /** A write that changes the record the key names (a DELETE where the document has no other). */
  readonly write: (key: string) => Write
  /** A write on the record's own path, where the `conflict` scenario acts. */
  readonly itemWrite: (key: string) => Write
  /** Whether the document shapes 4xx answers itself (a `default` response) instead of problem+json. */
  readonly shaped: boolean
}

const MUSEUM = '/_mock/docs/openapi/museum-api/special-events'
export const CASES: readonly Case[] = [
  {
    document: 'museum.yaml',
    loaded: await loadOpenApi('test/fixtures/openapi/museum.yaml'),
    list: MUSEUM,
    item: (key) => `${MUSEUM}/${key}`,
    key: async (api) => {
      const events = (await (await api.app.request(MUSEUM)).json()) as { eventId: string }[]
      return events[0]?.eventId ?? ''
    },
    create: {
      path: MUSEUM,
      status: 201,
      body: { name: 'Tea', location: 'Hall', eventDescription: 'Tea.', dates: [], price: 1 },
    },
    write: (key) => ({ path: `${MUSEUM}/${key}`, method: 'PATCH', body: { name: 'Renamed' } }),
    itemWrite: (key) => ({ path: `${MUSEUM}/${key}`, method: 'PATCH', body: { name: 'Renamed' } }),
    shaped: false,
  },
  {
    document: 'petstore3.yaml',
    loaded: await loadOpenApi('test/fixtures/openapi/petstore3.yaml'),
    list: '/api/v3/pet/findByStatus?status=pending',
    item: (key) => `/api/v3/pet/${key}`,
    key: async () => '1',
    create: {
      path: '/api/v3/pet',
      status: 200,
      body: { name: 'Zed', photoUrls: [], status: 'pending' },
    },
    // The collection-path PUT: the key is in the body.
    write: (key) => ({
      path: '/api/v3/pet',
      method: 'PUT',
      body: { id: Number(key), name: 'Rex', photoUrls: [], status: 'sold' },
    }),
    itemWrite: (key) => ({ path: `/api/v3/pet/${key}`, method: 'DELETE' }),
    shaped: false,
  },
  {
    document: 'petstore-expanded.yaml',
    loaded: await loadOpenApi('test/fixtures/openapi/petstore-expanded.yaml'),
    list: '/v2/pets',
    item: (key) => `/v2/pets/${key}`,
    key: async () => '1',
    create: { path: '/v2/pets', status: 200, body: { name: 'Zed', tag: 'cat' } },
    write: (key) => ({ path: `/v2/pets/${key}`, method: 'DELETE' }),
    itemWrite: (key) => ({ path: `/v2/pets/${key}`, method: 'DELETE' }),
    shaped: true,
  },
]
