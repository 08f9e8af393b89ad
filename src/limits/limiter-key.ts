import { createHash } from 'node:crypto'

/** Keys longer than this (a 15 KB bearer token) are held as a digest of fixed size. */
export const MAX_PLAIN_KEY_LENGTH = 64

/**
 * The key as held: itself when short, else `sha256:` and its digest, so a client sending huge
 * unique tokens costs a fixed size per key.
 */
export function keyOf(key: string): string {
  if (key.length <= MAX_PLAIN_KEY_LENGTH) return key
  return `sha256:${createHash('sha256').update(key).digest('base64url')}`
}
