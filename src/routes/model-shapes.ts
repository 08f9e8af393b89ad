import type { DeclaredResponse, JsonSchema, OperationModel } from '../model/api-model.js'
import { recordWrapper } from '../openapi/infer-collections.js'
import { itemsOf, propertiesOf, typesOf } from '../openapi/schema-tools.js'

const COUNT_FIELD = /count|total/i
const ITEMS_FIELD = /^(data|items|results|records|content|list|values|entries)$/i

/** The success answer an operation declares: its first 2xx, else `2XX` or `default` as `fallback`. */
export function successOf(
  op: OperationModel,
  fallback: number,
): { readonly status: number; readonly response: DeclaredResponse | undefined } {
  // Asked on every answer: worked out once per operation.
  let found = successes.get(op)
  if (found === undefined) {
    found = findSuccess(op, fallback)
    successes.set(op, found)
  }
  return found
}

const successes = new WeakMap<OperationModel, ReturnType<typeof findSuccess>>()

function findSuccess(op: OperationModel, fallback: number) {
  const declared = op.responses
    .filter((r) => /^2\d\d$/.test(r.status))
    .sort((a, b) => Number(a.status) - Number(b.status))[0]
  if (declared) return { status: Number(declared.status), response: declared }
  const range = op.responses.find((r) => r.status.toUpperCase() === '2XX' || r.status === 'default')
  return { status: fallback, response: range }
}

/** A record as the schema answers it: bare, or wrapped as `{"article": {...}}`. */
export function shapeRecord(schema: JsonSchema | undefined, record: unknown): unknown {
  const wrapper = recordWrapper(schema)
  return wrapper === undefined ? record : { [wrapper.field]: record }
}

/** A request body as the record it carries: `{"article": {...}}` is unwrapped. */
export function unwrapBody(schema: JsonSchema | undefined, body: unknown): unknown {
  const wrapper = recordWrapper(schema)
  if (wrapper === undefined || typeof body !== 'object' || body === null) return body
  const inner = (body as Record<string, unknown>)[wrapper.field]
  return inner === undefined ? body : inner
}

export interface ListPage {
  readonly items: readonly unknown[]
  readonly total: number
  /** The page served, for `page`/`limit`/`offset`/`totalPages` fields (page 1 of all without). */
  readonly window?: { readonly page: number; readonly limit: number; readonly offset: number }
  /** `?page=…` URLs for the envelope's links. */
  readonly links: {
    readonly self: string
    readonly next?: string
    readonly prev?: string
    readonly first: string
    readonly last: string
  }
}

/**
 * A page of records as the schema answers a list: the array itself, or an envelope whose array
 * property holds the page, count-like integers the total, and a links object the paging URLs.
 * Other envelope fields come from `fill`.
 */
export function shapeList(
  schema: JsonSchema | undefined,
  page: ListPage,
  fill: (schema: JsonSchema, name: string) => unknown,
): unknown {
  if (schema === undefined || itemsOf(schema) !== undefined) return page.items
  const properties = Object.entries(propertiesOf(schema))
  const arrays = properties.filter(([, p]) => itemsOf(p) !== undefined)
  const itemsField =
    (arrays.length === 1 ? arrays[0]?.[0] : undefined) ??
    arrays.find(([name]) => ITEMS_FIELD.test(name))?.[0]
  if (itemsField === undefined) return page.items
  const body: Record<string, unknown> = {}
  for (const [name, property] of properties) {
    const types = typesOf(property)
    const number = types.includes('integer') || types.includes('number')
    if (name === itemsField) body[name] = page.items
    else if (number && pagingValue(name, page) !== undefined) body[name] = pagingValue(name, page)
    else if (/links/i.test(name) && types.includes('object')) {
      body[name] = linksFor(property, page, fill)
    } else if (
      /^(meta|page|paging|pagination|page_?info|pageable)$/i.test(name) &&
      types.includes('object')
    ) {
      body[name] = metaFor(property, page, fill)
    } else body[name] = fill(property, name)
  }
  return body
}

/**
 * What a paging field of a list says (`totalPages`, `page`, `per_page`, `offset`, a count-like
 * `total`), from its name; `undefined` for another field.
 */
function pagingValue(name: string, page: ListPage): number | undefined {
  const n = name.toLowerCase().replace(/[_-]/g, '')
  const window = page.window ?? { page: 1, limit: Math.max(page.total, 1), offset: 0 }
  if (/^(totalpages|pages|lastpage|pagecount|numpages)$/.test(n))
    return Math.max(1, Math.ceil(page.total / window.limit))
  if (/^(page|currentpage|pagenumber)$/.test(n)) return window.page
  if (/^(perpage|limit|pagesize|size)$/.test(n)) return window.limit
  if (/^(offset|skip|start)$/.test(n)) return window.offset
  return COUNT_FIELD.test(name) ? page.total : undefined
}

/** A `meta`/`pagination` object: its paging fields from the page, links as links, others filled. */
function metaFor(
  schema: JsonSchema,
  page: ListPage,
  fill: (schema: JsonSchema, name: string) => unknown,
): Record<string, unknown> {
  const meta: Record<string, unknown> = {}
  for (const [name, property] of Object.entries(propertiesOf(schema))) {
    const types = typesOf(property)
    const value = pagingValue(name, page)
    if (value !== undefined && (types.includes('integer') || types.includes('number')))
      meta[name] = value
    else if (/links/i.test(name) && types.includes('object'))
      meta[name] = linksFor(property, page, fill)
    else if (/^(self|first|last|next|prev|previous)$/i.test(name)) {
      // `paging: {next, previous}` holds the links themselves.
      meta[name] = linksFor({ properties: { [name]: property } }, page, fill)[name]
    } else meta[name] = fill(property, name)
  }
  return meta
}

function linksFor(
  schema: JsonSchema,
  page: ListPage,
  fill: (schema: JsonSchema, name: string) => unknown,
): Record<string, unknown> {
  const links: Record<string, unknown> = {}
  for (const [name, property] of Object.entries(propertiesOf(schema))) {
    const url = (page.links as Record<string, string | undefined>)[
      name.toLowerCase().replace(/^previous$/, 'prev')
    ]
    const nullable = typesOf(property).includes('null') || property.nullable === true
    if (url !== undefined) links[name] = typesOf(property).includes('object') ? { href: url } : url
    else if (nullable && /next|prev/i.test(name)) links[name] = null
    else links[name] = fill(property, name)
  }
  return links
}
