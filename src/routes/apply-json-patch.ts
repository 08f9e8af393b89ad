import { isDeepStrictEqual } from 'node:util'
import { type FieldError, HttpError } from '../errors/http-error.js'

interface PatchOperation {
  readonly op: string
  readonly path: string
  readonly from?: string
  readonly value?: unknown
}

/** Whether a PATCH body is a JSON Patch (RFC 6902): an array of `{op, path}` operations. */
export function isJsonPatch(body: unknown): body is readonly PatchOperation[] {
  return (
    Array.isArray(body) &&
    body.every(
      (o) =>
        typeof o === 'object' &&
        o !== null &&
        typeof (o as PatchOperation).op === 'string' &&
        typeof (o as PatchOperation).path === 'string',
    )
  )
}

/**
 * The record a JSON Patch makes of `record` (a copy; `add`, `remove`, `replace`, `move`, `copy`,
 * `test`). An operation that cannot apply — a path that names nothing, a failed `test` — is
 * `status` (400 or 422) naming each, and nothing changes.
 */
export function applyJsonPatch(
  record: Readonly<Record<string, unknown>>,
  patch: readonly PatchOperation[],
  status: 400 | 422,
): Record<string, unknown> {
  let doc: unknown = structuredClone(record)
  const errors: FieldError[] = []
  patch.forEach((o, i) => {
    try {
      doc = applyOne(doc, o)
    } catch (error) {
      errors.push({ field: `${i}.path`, message: (error as Error).message })
    }
  })
  if (errors.length > 0 || typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new HttpError(status, {
      code: 'validation_failed',
      detail: `The JSON Patch has ${errors.length} operation${errors.length === 1 ? '' : 's'} that cannot apply.`,
      errors: errors.length > 0 ? errors : [{ field: '0.path', message: 'must leave an object' }],
    })
  }
  return doc as Record<string, unknown>
}

function applyOne(doc: unknown, o: PatchOperation): unknown {
  switch (o.op) {
    case 'add':
      return put(doc, o.path, o.value, true)
    case 'replace':
      get(doc, o.path)
      return put(doc, o.path, o.value, false)
    case 'remove':
      return remove(doc, o.path)
    case 'move': {
      const value = get(doc, o.from ?? '')
      return put(remove(doc, o.from ?? ''), o.path, value, true)
    }
    case 'copy':
      return put(doc, o.path, structuredClone(get(doc, o.from ?? '')), true)
    case 'test':
      if (!isDeepStrictEqual(get(doc, o.path), o.value))
        throw new Error(`${o.path} is not the value tested`)
      return doc
    default:
      throw new Error(`op "${o.op}" is none of add, remove, replace, move, copy, test`)
  }
}

function tokens(path: string): string[] {
  if (path === '') return []
  if (!path.startsWith('/')) throw new Error(`"${path}" is no JSON Pointer`)
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/** The container a path's last token is in, and that token. */
function parentOf(doc: unknown, path: string): [Record<string, unknown> | unknown[], string] {
  const all = tokens(path)
  const last = all.pop()
  if (last === undefined) throw new Error('the whole record is no field')
  const parent = get(doc, all.map((t) => `/${t.replace(/~/g, '~0').replace(/\//g, '~1')}`).join(''))
  if (typeof parent !== 'object' || parent === null) throw new Error(`${path} names nothing`)
  return [parent as Record<string, unknown>, last]
}

function get(doc: unknown, path: string): unknown {
  let at = doc
  for (const t of tokens(path)) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, t))
      throw new Error(`${path} names nothing`)
    at = (at as Record<string, unknown>)[t]
  }
  return at
}

function put(doc: unknown, path: string, value: unknown, insert: boolean): unknown {
  if (path === '') return value
  const [parent, last] = parentOf(doc, path)
  if (!Array.isArray(parent)) {
    parent[last] = value
    return doc
  }
  const index = last === '-' ? parent.length : Number(last)
  if (!Number.isInteger(index) || index < 0 || index > parent.length - (insert ? 0 : 1))
    throw new Error(`${path} is outside the array`)
  parent.splice(index, insert ? 0 : 1, value)
  return doc
}

function remove(doc: unknown, path: string): unknown {
  const [parent, last] = parentOf(doc, path)
  get(doc, path)
  if (Array.isArray(parent)) parent.splice(Number(last), 1)
  else delete parent[last]
  return doc
}
