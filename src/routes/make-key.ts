import { newKey } from '../openapi/seed-collections.js'
import { ALL, type HandlerContext } from './model-records.js'

/** A new key: the next integer, a uuid, a slug of a title-like field, or a string from the schema. */
export function makeKey(
  h: HandlerContext,
  body: Readonly<Record<string, unknown>>,
): string | number {
  const { collection } = h
  const title = ['title', 'name', 'headline', 'label']
    .map((f) => body[f])
    .find((v) => typeof v === 'string')
  if (
    collection.key.kind === 'string' &&
    typeof title === 'string' &&
    /slug/i.test(collection.key.field)
  ) {
    const slug =
      title
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'item'
    let candidate = slug
    for (let n = 2; h.store.get(collection.name, candidate) !== undefined; n++)
      candidate = `${slug}-${n}`
    return candidate
  }
  if (collection.key.kind === 'integer') {
    const keys = h.store
      .list(collection.name, ALL)
      .items.map((r) => Number(r[collection.key.field]))
    return keys.reduce((max, k) => (Number.isFinite(k) && k > max ? k : max), 0) + 1
  }
  return newKey(h.faker, collection, new Set(), h.store.count(collection.name) + 1)
}
