// Clients a user writes against the `paths` types openapi-typescript generates from each imported
// document, with openapi-fetch: only the document's own paths, parameters, bodies and security.
// Each `run` returns every answer it met as a Step, for the test to judge with its own validator.

import ts from 'typescript'

/** How a user's client is type-checked: strict, ES2022 with the DOM's fetch, NodeNext modules. */
export const CLIENT_COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  skipLibCheck: true,
  types: [],
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
}

/** Written into every client: one answer as the client saw it. */
const STEP = `
export interface Step { status: number; type: string | null; retryAfter: string | null; body: unknown }
function step(r: { data?: unknown; error?: unknown; response: Response }): Step {
  const headers = r.response.headers
  const body = r.data ?? r.error
  return { status: r.response.status, type: headers.get('content-type'), retryAfter: headers.get('retry-after'), body }
}
`

/** petstore3: oauth2 (a bearer token) on /pet, `api_key` on GET /pet/{petId}, /user public. */
export const PETSTORE3 = `
import createClient from 'openapi-fetch'
import type { components, paths } from './petstore3.js'
${STEP}
export async function run(baseUrl: string) {
  const owner = createClient<paths>({ baseUrl, headers: { Authorization: 'Bearer dev-token' } })
  const keyed = createClient<paths>({ baseUrl, headers: { api_key: 'dev-token' } })
  const anyone = createClient<paths>({ baseUrl })
  const created = await owner.POST('/pet', {
    body: { name: 'Rex', photoUrls: ['https://example.test/rex.png'], status: 'available' },
  })
  const id: number = created.data?.id ?? -1
  const read = await keyed.GET('/pet/{petId}', { params: { path: { petId: id } } })
  const name: string | undefined = read.data?.name
  const updated = await owner.PUT('/pet', { body: { id, name: 'Rex II', photoUrls: [], status: 'sold' } })
  const found = await owner.GET('/pet/findByStatus', { params: { query: { status: 'sold' } } })
  const listed = (found.data ?? []).some((pet) => pet.id === id && pet.name === 'Rex II')
  const removed = await owner.DELETE('/pet/{petId}', { params: { path: { petId: id } } })
  const gone = await keyed.GET('/pet/{petId}', { params: { path: { petId: id } } })
  // A body from elsewhere, cast: photoUrls is missing and name is a number.
  const invalid = await owner.POST('/pet', { body: { name: 7 } as unknown as components['schemas']['Pet'] })
  const anonymous = await anyone.GET('/pet/{petId}', { params: { path: { petId: 1 } } })
  const badKey = await keyed.GET('/pet/{petId}', { params: { path: { petId: 'abc' as unknown as number } } })
  const inventory = await keyed.GET('/store/inventory')
  // /store/order declares no security either; its key is an integer id.
  const order = await anyone.POST('/store/order', { body: { petId: id, quantity: 2, status: 'placed' } })
  const orderId: number = order.data?.id ?? -1
  const placed = await anyone.GET('/store/order/{orderId}', { params: { path: { orderId } } })
  const cancelled = await anyone.DELETE('/store/order/{orderId}', { params: { path: { orderId } } })
  const noOrder = await anyone.GET('/store/order/{orderId}', { params: { path: { orderId } } })
  // /user declares no security: no token needed; its key is the username.
  const user = await anyone.POST('/user', { body: { username: 'ada-12c', firstName: 'Ada', userStatus: 1 } })
  const username: string = user.data?.username ?? ''
  const profile = await anyone.GET('/user/{username}', { params: { path: { username } } })
  const renamed = await anyone.PUT('/user/{username}', {
    params: { path: { username } },
    body: { username, firstName: 'Augusta', userStatus: 2 },
  })
  const after = await anyone.GET('/user/{username}', { params: { path: { username } } })
  const firstName: string | undefined = after.data?.firstName
  const dropped = await anyone.DELETE('/user/{username}', { params: { path: { username } } })
  const noUser = await anyone.GET('/user/{username}', { params: { path: { username } } })
  const logout = await anyone.GET('/user/logout')
  return {
    id, name, listed, username, firstName,
    steps: {
      created: step(created), read: step(read), updated: step(updated), found: step(found),
      removed: step(removed), gone: step(gone), invalid: step(invalid), anonymous: step(anonymous),
      badKey: step(badKey), inventory: step(inventory), order: step(order), placed: step(placed),
      cancelled: step(cancelled), noOrder: step(noOrder), user: step(user), profile: step(profile), renamed: step(renamed), after: step(after),
      dropped: step(dropped), noUser: step(noUser), logout: step(logout),
    },
  }
}
`

/** museum: HTTP basic, any user with the token as the password; errors typed from its Error. */
export const MUSEUM = `
import createClient from 'openapi-fetch'
import type { components, paths } from './museum.js'
${STEP}
export async function run(baseUrl: string) {
  const client = createClient<paths>({
    baseUrl,
    headers: { Authorization: 'Basic ' + btoa('visitor:dev-token') },
  })
  const created = await client.POST('/special-events', {
    body: {
      name: 'Night tour', location: 'Hall 1', eventDescription: 'By torchlight',
      dates: ['2026-10-31'], price: 15,
    },
  })
  const eventId: string = created.data?.eventId ?? ''
  const path = { eventId }
  const read = await client.GET('/special-events/{eventId}', { params: { path } })
  const updated = await client.PATCH('/special-events/{eventId}', {
    params: { path },
    body: { location: 'Hall 2', price: 20 },
  })
  const price: number | undefined = updated.data?.price
  const list = await client.GET('/special-events', { params: { query: { page: 1, limit: 30 } } })
  const listed = (list.data ?? []).some((e) => e.eventId === eventId && e.location === 'Hall 2')
  const removed = await client.DELETE('/special-events/{eventId}', { params: { path } })
  const gone = await client.GET('/special-events/{eventId}', { params: { path } })
  const title: string | undefined = gone.error?.title
  const invalid = await client.POST('/special-events', {
    body: { name: 'Night tour', price: 'free' } as unknown as components['schemas']['SpecialEvent'],
  })
  const anonymous = await createClient<paths>({ baseUrl }).DELETE('/special-events/{eventId}', {
    params: { path },
  })
  const unauthorized: string | undefined = anonymous.error?.type
  const badKey = await client.GET('/special-events/{eventId}', {
    params: { path: { eventId: 'not-a-uuid' } },
  })
  const bought = await client.POST('/tickets', {
    body: { ticketType: 'general', ticketDate: '2026-10-31', email: 'visitor@example.test' },
  })
  const ticketId: string = bought.data?.ticketId ?? ''
  const qr = await client.GET('/tickets/{ticketId}/qr', {
    params: { path: { ticketId } },
    parseAs: 'arrayBuffer',
  })
  const png = [...new Uint8Array(qr.data ?? new ArrayBuffer(0)).slice(0, 4)]
  const hours = await client.GET('/museum-hours', { params: { query: { startDate: '2026-10-31' } } })
  return {
    eventId, price, listed, title, unauthorized, png,
    steps: {
      created: step(created), read: step(read), updated: step(updated), list: step(list),
      removed: step(removed), gone: step(gone), invalid: step(invalid), anonymous: step(anonymous),
      badKey: step(badKey), bought: step(bought), qr: { ...step(qr), body: undefined },
      hours: step(hours),
    },
  }
}
`

/** petstore-expanded: no security; every error is its `default` Error; no update operation. */
export const EXPANDED = `
import createClient from 'openapi-fetch'
import type { components, paths } from './petstore-expanded.js'
${STEP}
export async function run(baseUrl: string) {
  const client = createClient<paths>({ baseUrl })
  const created = await client.POST('/pets', { body: { name: 'Rex', tag: 'corgi-12c' } })
  const id: number = created.data?.id ?? -1
  const read = await client.GET('/pets/{id}', { params: { path: { id } } })
  const list = await client.GET('/pets', { params: { query: { tags: ['corgi-12c'], limit: 10 } } })
  const listed = (list.data ?? []).map((pet) => pet.id)
  const removed = await client.DELETE('/pets/{id}', { params: { path: { id } } })
  const gone = await client.GET('/pets/{id}', { params: { path: { id } } })
  const code: number | undefined = gone.error?.code
  const message: string | undefined = gone.error?.message
  const invalid = await client.POST('/pets', {
    body: { name: 5 } as unknown as components['schemas']['NewPet'],
  })
  const limited = await client.GET('/pets', {
    params: { query: { limit: 2 } },
    headers: { Prefer: 'code=429' },
  })
  const limitedCode: number | undefined = limited.error?.code
  const down = await client.POST('/pets', {
    body: { name: 'Rex' },
    headers: { Prefer: 'code=503' },
  })
  return {
    id, listed, code, message, limitedCode,
    steps: {
      created: step(created), read: step(read), list: step(list), removed: step(removed),
      gone: step(gone), invalid: step(invalid), limited: step(limited), down: step(down),
    },
  }
}
`
