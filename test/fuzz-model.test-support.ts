import {
  type Defect,
  type Draft,
  REFS,
  REQUIRED,
  type Resource,
  type Target,
  TOKENS,
  type Token,
} from './fuzz-model-ops.test-support.js'

export type Row = Record<string, unknown> & { readonly id: number }

/** What the writes so far should have left in one instance: records by id, in list order. */
export interface Model {
  readonly records: Record<Resource, Map<number, { row: Row; workspace: string }>>
  readonly deleted: Record<Resource, number[]>
  readonly nextId: Record<Resource, number>
}

const RESOURCE_NAMES: readonly Resource[] = ['users', 'projects', 'tasks', 'comments']

/** The seed data as each workspace lists it: what every model run starts from. */
export async function seedModel(call: Call): Promise<Model> {
  const model = emptyModel()
  for (const resource of RESOURCE_NAMES) {
    for (const token of ['dev-token', 'other-token'] as const) {
      const res = await call('GET', `/${resource}?per_page=100`, token)
      for (const row of (await res.json()) as Row[]) {
        model.records[resource].set(row.id, { row, workspace: TOKENS[token] })
        model.nextId[resource] = Math.max(model.nextId[resource], row.id + 1)
      }
    }
  }
  return model
}

export function cloneModel(model: Model): Model {
  const copy = emptyModel()
  for (const resource of RESOURCE_NAMES) {
    for (const [id, entry] of model.records[resource]) copy.records[resource].set(id, entry)
    copy.deleted[resource].push(...model.deleted[resource])
    copy.nextId[resource] = model.nextId[resource]
  }
  return copy
}

function emptyModel(): Model {
  const each = <T>(make: () => T) =>
    Object.fromEntries(RESOURCE_NAMES.map((r) => [r, make()])) as Record<Resource, T>
  return { records: each(() => new Map()), deleted: each(() => []), nextId: each(() => 1) }
}

/** Sends one request as `token` to the instance under test (a session's, or the default one). */
export type Call = (method: string, path: string, token: Token, body?: string) => Promise<Response>

/** The ids of `resource` in `workspace` (or outside it), in list order. */
export function idsOf(
  model: Model,
  resource: Resource,
  workspace: string,
  inside = true,
): number[] {
  const ids: number[] = []
  for (const [id, entry] of model.records[resource]) {
    if ((entry.workspace === workspace) === inside) ids.push(id)
  }
  return ids
}

export function resolve(
  model: Model,
  resource: Resource,
  workspace: string,
  target: Target,
): string {
  const pick = (ids: readonly number[], index: number) =>
    ids.length === 0 ? '999999' : String(ids[index % ids.length])
  switch (target.kind) {
    case 'live':
      return pick(idsOf(model, resource, workspace), target.index)
    case 'deleted':
      return pick(model.deleted[resource], target.index)
    case 'other':
      return pick(idsOf(model, resource, workspace, false), target.index)
    case 'missing':
      return target.id
  }
}

/** The record `id` names for `workspace`, as the store reads a path's id (`"01"` is not 1). */
export function visible(model: Model, resource: Resource, workspace: string, id: string) {
  const key = Number(id)
  if (!Number.isSafeInteger(key) || String(key) !== id) return undefined
  const entry = model.records[resource].get(key)
  return entry?.workspace === workspace ? entry.row : undefined
}

/** A draft made a body: references resolved, the defect applied; and whether it is valid. */
export function bodyOf(
  model: Model,
  op: { resource: Resource; draft: Draft; defect: Defect },
  workspace: string,
  create: boolean,
) {
  const fields: Record<string, unknown> = {}
  let valid = true
  for (const [name, value] of Object.entries(op.draft)) {
    const target = (value as { ref?: Target } | null)?.ref
    if (target === undefined) fields[name] = value
    else {
      const ref = REFS[op.resource][name] as Resource
      const id = resolve(model, ref, workspace, target)
      const value = /^-?\d+$/.test(id) ? Number(id) : id
      fields[name] = value
      valid &&= visible(model, ref, workspace, String(value)) !== undefined
    }
  }
  valid = !applyDefect(fields, op.defect, REQUIRED[op.resource][0] as string, create) && valid
  const json = JSON.stringify(fields)
  if (op.defect !== '__proto__ key') return { text: json, valid }
  const rest = json === '{}' ? '}' : `,${json.slice(1)}`
  return { text: `{"__proto__":{"polluted":1}${rest}`, valid }
}

/** Makes `fields` invalid as `defect` says; false when it does not (nothing is required in a PATCH). */
function applyDefect(
  fields: Record<string, unknown>,
  defect: Defect,
  first: string,
  create: boolean,
) {
  switch (defect) {
    case 'none':
      return false
    case 'unknown field':
      fields.nope = 1
      return true
    case 'read-only field':
      fields.createdAt = '2020-01-01T00:00:00.000Z'
      return true
    case 'wrong type':
      fields[first] = 12345
      return true
    case 'out of range':
      fields[first] = ''
      return true
    case 'missing required':
      delete fields[first]
      return create
    case '__proto__ key':
      return true
  }
}

/** The time the model run's clock stands still at: every record's stamps start here. */
export const NOW = '2030-01-01T00:00:00.000Z'
export const MODEL_CLOCK_NOW = Date.parse(NOW)
