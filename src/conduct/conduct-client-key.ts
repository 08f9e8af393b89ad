import { fingerprintToken, isPublicToken } from '../auth/fingerprint-key.js'

/**
 * How a client is named in the conduct report, never with its secret: one of the public default
 * tokens as it is, any other token as the admin surface's fingerprint, else the client's address.
 *
 * @example
 * conductClientKey('dev-token', '127.0.0.1') // 'dev-token'
 * conductClientKey('s3cr3t', '127.0.0.1') // 'token#' + 8 hex digits
 * conductClientKey(undefined, '127.0.0.1') // '127.0.0.1'
 */
export function conductClientKey(token: string | undefined, address: string): string {
  if (token === undefined) return address
  return isPublicToken(token) ? token : fingerprintToken(token)
}
