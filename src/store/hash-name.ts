/**
 * A small stable string hash (FNV-1a, 32 bits): a collection's seed from its name, a workspace's
 * short tag in an ETag. The same text always gives the same number, on every machine.
 *
 * @example
 * hashName('users') === hashName('users') // true
 */
export function hashName(name: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}
