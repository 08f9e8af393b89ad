import { createHash } from 'node:crypto'
import { DEFAULT_TOKENS } from '../auth/token-spec.js'

const PUBLIC_TOKENS: ReadonlySet<string> = new Set(DEFAULT_TOKENS.map((spec) => spec.token))

/**
 * How a client is named in the conduct report, never with its secret: one of the public default
 * tokens as it is, any other token as a short stable fingerprint, else the client's address.
 *
 * @example
 * conductClientKey('dev-token', '127.0.0.1') // 'dev-token'
 * conductClientKey('s3cr3t', '127.0.0.1') // 'token#' + 8 hex digits
 * conductClientKey(undefined, '127.0.0.1') // '127.0.0.1'
 */
export function conductClientKey(token: string | undefined, address: string): string {
  if (token === undefined) return address
  if (PUBLIC_TOKENS.has(token)) return token
  return `token#${createHash('sha256').update(token).digest('hex').slice(0, 8)}`
}
