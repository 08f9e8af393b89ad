import { type Context, Hono, type MiddlewareHandler } from 'hono'
import { HttpError } from '../errors/http-error.js'
import { validateRecord } from '../resources/validate-record.js'
import type { Store } from '../store/create-store.js'
import type { AppEnv } from './app-env.js'
import { checkReferences } from './check-references.js'
import { jsonResponse } from './json-response.js'
import { linkHeader } from './link-header.js'
import { parseJsonBody } from './parse-json-body.js'
import { parseListQuery } from './parse-list-query.js'

const COLLECTION_METHODS = 'GET, HEAD, POST, OPTIONS'
const ITEM_METHODS = 'GET, HEAD, PATCH, DELETE, OPTIONS'

/**
 * The CRUD routes every resource gets: `/:resource` and `/:resource/:id`. Unknown resources are
 * 404, other methods 405 with `Allow`; the store answers the rest.
 */
export function createResourceRoutes(store: Store): Hono<AppEnv> {
  const routes = new Hono<AppEnv>()
  const resource = requireResource(store)
  const body = parseJsonBody()

  routes.get('/', (c) =>
    c.json({
      resources: store.resources.map(({ name }) => ({
        name,
        url: new URL(`/${name}`, c.req.url).href,
        count: store.count(name),
      })),
    }),
  )

  routes.get('/:resource', resource, (c) => {
    const spec = c.var.resource
    const url = new URL(c.req.url)
    const query = parseListQuery(url.searchParams, spec)
    const { items, total } = store.list(spec.name, query)
    return jsonResponse(items, 200, {
      'X-Total-Count': String(total),
      Link: linkHeader(url, query.page, query.perPage, total),
    })
  })

  routes.post('/:resource', resource, body, (c) => {
    const spec = c.var.resource
    const data = validBody(c, 'create')
    const record = store.create(spec.name, data)
    const location = new URL(`/${spec.name}/${record.id}`, c.req.url).href
    return jsonResponse(record, 201, { Location: location })
  })

  routes.get('/:resource/:id', resource, (c) => c.json(findRecord(c)))

  routes.patch('/:resource/:id', resource, body, (c) => {
    const current = findRecord(c)
    const data = validBody(c, 'update')
    return c.json(store.update(c.var.resource.name, String(current.id), data) ?? current)
  })

  routes.delete('/:resource/:id', resource, (c) => {
    const current = findRecord(c)
    store.remove(c.var.resource.name, String(current.id))
    return c.body(null, 204)
  })

  routes.options('/:resource', resource, (c) => allow(c, COLLECTION_METHODS, 204))
  routes.options('/:resource/:id', resource, (c) => allow(c, ITEM_METHODS, 204))
  routes.all('/:resource', resource, (c) => methodNotAllowed(c, COLLECTION_METHODS))
  routes.all('/:resource/:id', resource, (c) => methodNotAllowed(c, ITEM_METHODS))

  function findRecord(c: Context<AppEnv>) {
    const id = c.req.param('id') ?? ''
    const record = store.get(c.var.resource.name, id)
    if (record) return record
    // The same answer whether the id never existed or is hidden, so existence never leaks.
    throw new HttpError(404, {
      code: 'not_found',
      detail: `No ${c.var.resource.name} record has the id "${truncate(id)}".`,
    })
  }

  function validBody(c: Context<AppEnv>, mode: 'create' | 'update'): Record<string, unknown> {
    const spec = c.var.resource
    const errors = validateRecord(spec, c.var.body, mode)
    const data = c.var.body as Record<string, unknown>
    // References are checked only where the value itself is valid, so each field gets one reason.
    const invalid = new Set(errors.map((error) => error.field))
    if (!invalid.has('(body)')) {
      errors.push(...checkReferences(store, spec, data).filter((e) => !invalid.has(e.field)))
    }
    if (errors.length > 0) {
      throw new HttpError(400, {
        code: 'validation_failed',
        detail: `The ${spec.name} record has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}.`,
        errors,
      })
    }
    return data
  }

  return routes
}

function requireResource(store: Store): MiddlewareHandler<AppEnv> {
  return async function requireResource(c, next) {
    const name = c.req.param('resource') ?? ''
    const spec = store.resource(name)
    if (!spec) {
      throw new HttpError(404, {
        code: 'not_found',
        detail: `There is no resource named "${truncate(name)}". Resources: ${store.resources.map((r) => r.name).join(', ')}.`,
      })
    }
    c.set('resource', spec)
    await next()
  }
}

function allow(c: Context<AppEnv>, methods: string, status: 204) {
  c.header('Allow', methods)
  return c.body(null, status)
}

function methodNotAllowed(c: Context<AppEnv>, methods: string): never {
  throw new HttpError(405, {
    code: 'method_not_allowed',
    detail: `${c.req.method} is not allowed here. Allowed: ${methods}.`,
    headers: { Allow: methods },
  })
}

function truncate(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}…` : text
}
