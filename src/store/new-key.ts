import type { Collection } from './create-collection.js'

/**
 * A new key for a record the store makes: the next integer, or for string keys a uuid or a short
 * string, drawn from the seed and the collection's counter so a run repeats, never one in use.
 */
export function newKey(target: Collection, seed: number): number | string {
  const kind = target.spec.keyKind ?? 'integer'
  for (;;) {
    const n = target.takeId()
    if (kind === 'integer') {
      if (target.get(n) === undefined) return n
      continue
    }
    const key =
      kind === 'uuid' ? uuidOf(seed, target.spec.name, n) : shortOf(seed, target.spec.name, n)
    if (target.get(key) === undefined) return key
  }
}

function shortOf(seed: number, name: string, n: number): string {
  return hash(`${seed}/${name}/${n}`).toString(16).padStart(8, '0').slice(0, 4)
}

function uuidOf(seed: number, name: string, n: number): string {
  const hex = [0, 1, 2, 3]
    .map((i) => hash(`${seed}/${name}/${n}/${i}`).toString(16).padStart(8, '0'))
    .join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** FNV-1a. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}
