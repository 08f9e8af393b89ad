import type { Context } from 'hono'
import type { AppEnv } from '../http/app-env.js'
import { readJsonBody } from '../http/read-json-body.js'
import type { ResourceRecord, ResourceSpec } from '../resources/resource-spec.js'
import type { WriteMode } from '../resources/validate-record.js'
import type { ListQuery } from '../store/list-query.js'
import { parseListQuery } from './parse-list-query.js'

/** What the resource routes lend the nested ones, so both answer alike. */
export interface NestedRouteParts {
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

/** A nested route as the model has it: the parent's key in the path, the child's field for it. */
export interface Nesting {
  readonly parent: string
  readonly id: string
  readonly child: string
  readonly field: string
}

/**
 * Nested lists from `ref` fields: `GET /projects/1/tasks` is `GET /tasks` narrowed to the tasks
 * whose `projectId` is 1 — the same paging, filters, sorting and headers — and `POST
 * /projects/1/tasks` creates a task with `projectId` 1. An unknown or invisible parent is 404.
 */
export function createNestedRoutes(parts: NestedRouteParts) {
  function list(c: Context<AppEnv>, nesting: Nesting): Response {
    const child = parts.resourceNamed(nesting.child)
    const parent = parts.recordWithId(c, parts.resourceNamed(nesting.parent), nesting.id)
    const url = new URL(c.req.url)
    const query = parseListQuery(url.searchParams, child)
    const narrowed: ListQuery = {
      ...query,
      filters: [...query.filters, { field: nesting.field, op: 'eq', values: [parent.id] }],
    }
    return parts.listed(c, child, narrowed, url)
  }

  async function create(c: Context<AppEnv>, nesting: Nesting): Promise<Response> {
    const child = parts.resourceNamed(nesting.child)
    const body = await readJsonBody(c, parts.maxBodySize)
    const parent = parts.recordWithId(c, parts.resourceNamed(nesting.parent), nesting.id)
    const withParent = isObject(body) ? { ...body, [nesting.field]: parent.id } : body
    const scope = c.get('token')?.workspace
    return parts.created(c, child, parts.validFields(child, withParent, 'create', scope))
  }

  return { list, create }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
