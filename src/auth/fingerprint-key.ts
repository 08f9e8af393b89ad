import { createHash } from 'node:crypto'
import { DEFAULT_TOKENS } from './token-spec.js'

// The zero-config tokens are printed in the banner and the README: nothing to hide.
const PUBLIC_TOKENS = new Set(DEFAULT_TOKENS.map((spec) => spec.token))

/**
 * A client key (`token <token>`, `address <ip>`) as the admin surface shows it: the built-in
 * default tokens and addresses as they are, any other token as a short fingerprint that stays the
 * same for the same token, so a reader can tell keys apart without learning a secret.
 *
 * @example
 * fingerprintKey('token dev-token')   // 'token dev-token'
 * fingerprintKey('token ghp_secret')  // 'token#2bb80d53'
 * fingerprintKey('address 127.0.0.1') // 'address 127.0.0.1'
 */
export function fingerprintKey(key: string): string {
  if (!key.startsWith('token ')) return key
  return fingerprintToken(key.slice('token '.length))
}

/** A token alone: a default one as it is, any other as `token#` and 8 hex digits of its SHA-256. */
export function fingerprintToken(token: string): string {
  if (isPublicToken(token)) return `token ${token}`
  return `token#${createHash('sha256').update(token).digest('hex').slice(0, 8)}`
}

/** Whether a token is one of the built-in defaults, which the banner and the docs print. */
export function isPublicToken(token: string): boolean {
  return PUBLIC_TOKENS.has(token)
}
