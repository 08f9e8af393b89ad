import { expect } from 'vitest'
import { BUILTIN_RESOURCES } from '../src/index.js'
import {
  bodyOf,
  type Call,
  cloneModel,
  idsOf,
  type Model,
  NOW,
  type Row,
  resolve,
  visible,
} from './fuzz-model.test-support.js'
import { type Op, type Resource, TOKENS } from './fuzz-model-ops.test-support.js'

/** Runs `op` against the instance and the model alike, and checks the answer against the model. */
export async function runOp(call: Call, model: Model, seed: Model, op: Op): Promise<Model> {
  if (op.op === 'reset') {
    // `reset` takes no token: it is an admin route.
    const res = await call('POST', '/__mockapi/reset', 'dev-token')
    expect(res.status).toBeLessThan(300)
    return cloneModel(seed)
  }
  const workspace = TOKENS[op.token]
  const denied = op.token === 'read-token' && op.op !== 'get' && op.op !== 'list'
  switch (op.op) {
    case 'create': {
      const body = bodyOf(model, op, workspace, true)
      const res = await call('POST', `/${op.resource}`, op.token, body.text)
      if (denied) return expectProblem(res, 403, 'access_denied', model)
      if (!body.valid) return expectProblem(res, 400, 'validation_failed', model)
      expect(res.status, await peek(res)).toBe(201)
      const row = (await res.json()) as Row
      expect(row).toEqual(created(op.resource, model.nextId[op.resource], JSON.parse(body.text)))
      model.records[op.resource].set(row.id, { row, workspace })
      model.nextId[op.resource] += 1
      return model
    }
    case 'patch': {
      const id = resolve(model, op.resource, workspace, op.target)
      const body = bodyOf(model, op, workspace, false)
      const res = await call('PATCH', `/${op.resource}/${id}`, op.token, body.text)
      if (denied) return expectProblem(res, 403, 'access_denied', model)
      const old = visible(model, op.resource, workspace, id)
      if (old === undefined) return expectProblem(res, 404, 'not_found', model)
      if (!body.valid) return expectProblem(res, 400, 'validation_failed', model)
      expect(res.status, await peek(res)).toBe(200)
      const row = (await res.json()) as Row
      expect(row).toEqual({ ...old, ...JSON.parse(body.text), updatedAt: row.updatedAt })
      expect(Date.parse(String(row.updatedAt))).toBeGreaterThan(Date.parse(String(old.updatedAt)))
      model.records[op.resource].set(row.id, { row, workspace })
      return model
    }
    case 'delete': {
      const id = resolve(model, op.resource, workspace, op.target)
      const res = await call('DELETE', `/${op.resource}/${id}`, op.token)
      if (denied) return expectProblem(res, 403, 'access_denied', model)
      if (visible(model, op.resource, workspace, id) === undefined) {
        return expectProblem(res, 404, 'not_found', model)
      }
      expect(res.status, await peek(res)).toBe(204)
      model.records[op.resource].delete(Number(id))
      model.deleted[op.resource].push(Number(id))
      return model
    }
    case 'get': {
      const id = resolve(model, op.resource, workspace, op.target)
      const res = await call('GET', `/${op.resource}/${id}`, op.token)
      const row = visible(model, op.resource, workspace, id)
      if (row === undefined) return expectProblem(res, 404, 'not_found', model)
      expect(res.status, await peek(res)).toBe(200)
      expect(await res.json()).toEqual(row)
      return model
    }
    case 'list': {
      const res = await call(
        'GET',
        `/${op.resource}?page=${op.page}&per_page=${op.perPage}`,
        op.token,
      )
      expect(res.status, await peek(res)).toBe(200)
      const rows = idsOf(model, op.resource, workspace).map(
        (id) => model.records[op.resource].get(id)?.row,
      )
      expect(res.headers.get('x-total-count')).toBe(String(rows.length))
      const start = (op.page - 1) * op.perPage
      expect(await res.json()).toEqual(rows.slice(start, start + op.perPage))
      return model
    }
  }
}

/** What a valid POST body becomes: an id, every body field, nulls for absent nullable ones. */
function created(resource: Resource, id: number, body: Record<string, unknown>): Row {
  const spec = BUILTIN_RESOURCES.find((r) => r.name === resource)
  const nulls = Object.entries(spec?.fields ?? {})
    .filter(([name, field]) => field.nullable && !Object.hasOwn(body, name))
    .map(([name]) => [name, null])
  return { id, ...body, ...Object.fromEntries(nulls), createdAt: NOW, updatedAt: NOW }
}

async function expectProblem(res: Response, status: number, code: string, model: Model) {
  const text = await res.text()
  expect({ status: res.status, code: JSON.parse(text).code }, text).toEqual({ status, code })
  return model
}

/** The body of an unexpected answer, for the failure message, without using the response up. */
function peek(res: Response): Promise<string> {
  return res.clone().text()
}

/** Every record of every resource, as each workspace lists them, is the model's, in its order. */
export async function checkAll(call: Call, model: Model): Promise<void> {
  for (const resource of Object.keys(model.records) as Resource[]) {
    for (const token of ['dev-token', 'other-token'] as const) {
      const res = await call('GET', `/${resource}?per_page=100`, token)
      const ids = idsOf(model, resource, TOKENS[token])
      expect(await res.json()).toEqual(ids.map((id) => model.records[resource].get(id)?.row))
    }
  }
}
