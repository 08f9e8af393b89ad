import type { Context } from 'hono'
import { HttpError } from '../errors/http-error.js'
import type { AppEnv } from '../http/app-env.js'
import { readJsonBody } from '../http/read-json-body.js'
import type { ResourceRecord, ResourceSpec } from '../resources/resource-spec.js'
import type { WriteMode } from '../resources/validate-record.js'
import type { Store } from '../store/create-store.js'
import type { ListQuery } from '../store/list-query.js'
import { parseListQuery } from './parse-list-query.js'
import type { RouteParams } from './route-params.js'

/** What the resource routes lend the nested ones, so both answer alike. */
export interface NestedRouteParts {
  readonly store: Store
  readonly maxBodySize: number
  /** The resource, or 404. */
  resourceNamed(name: string): ResourceSpec
  /** The record visible to the request, or 404 (the same answer for hidden and missing). */
  recordWithId(c: Context<AppEnv>, spec: ResourceSpec, id: string): ResourceRecord
  /** The fields, or 400 naming each invalid one. */
  validFields(
    spec: ResourceSpec,
    body: unknown,
    mode: WriteMode,
    scope?: string,
  ): Readonly<Record<string, unknown>>
  /** The list answer: items, X-Total-Count, Link. */
  listed(c: Context<AppEnv>, spec: ResourceSpec, query: ListQuery, url: URL): Response
  /** The created answer: 201 with Location. */
  created(
    c: Context<AppEnv>,
    spec: ResourceSpec,
    fields: Readonly<Record<string, unknown>>,
  ): Response
}

/**
 * Nested lists from `ref` fields: `GET /projects/1/tasks` is `GET /tasks` narrowed to the tasks
 * whose `projectId` is 1 — the same paging, filters, sorting and headers — and `POST
 * /projects/1/tasks` creates a task with `projectId` 1. An unknown or invisible parent is 404, as
 * is a resource with no field referring to the parent.
 */
export function createNestedRoutes(parts: NestedRouteParts) {
  const { store } = parts

  /** The child resource, its field pointing at the parent, and the parent record. */
  function nestingOf(c: Context<AppEnv>, params: RouteParams) {
    const parentSpec = parts.resourceNamed(params.resource)
    const childName = params.nested
    const child = store.resource(childName)
    const field = child && refFieldOf(child, parentSpec.name)
    if (child === undefined || field === undefined) {
      throw new HttpError(404, {
        code: 'not_found',
        detail: `Nothing is served at ${c.req.path}: no ${truncate(childName)} resource refers to ${parentSpec.name}.`,
      })
    }
    return { parentSpec, child, field }
  }

  function list(c: Context<AppEnv>, params: RouteParams): Response {
    const { parentSpec, child, field } = nestingOf(c, params)
    const parent = parts.recordWithId(c, parentSpec, params.id)
    const url = new URL(c.req.url)
    const query = parseListQuery(url.searchParams, child)
    const narrowed: ListQuery = {
      ...query,
      filters: [...query.filters, { field, op: 'eq', values: [parent.id] }],
    }
    return parts.listed(c, child, narrowed, url)
  }

  async function create(c: Context<AppEnv>, params: RouteParams): Promise<Response> {
    const { parentSpec, child, field } = nestingOf(c, params)
    const body = await readJsonBody(c, parts.maxBodySize)
    const parent = parts.recordWithId(c, parentSpec, params.id)
    const withParent = isObject(body) ? { ...body, [field]: parent.id } : body
    const scope = c.get('token')?.workspace
    return parts.created(c, child, parts.validFields(child, withParent, 'create', scope))
  }

  return { list, create }
}

/** The first field of `child` that refers to `parent` (a required one first). */
function refFieldOf(child: ResourceSpec, parent: string): string | undefined {
  const refs = Object.entries(child.fields).filter(([, spec]) => spec.ref === parent)
  return (refs.find(([, spec]) => spec.required) ?? refs[0])?.[0]
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function truncate(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}…` : text
}
