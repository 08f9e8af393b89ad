import {
  type AccessLevel,
  type AuthOptions,
  DEFAULT_AUTH,
  type TokenSpec,
} from '../auth/token-spec.js'
import { parseRateLimit, type RateLimitPolicy } from '../limits/parse-rate-limit.js'

/** A token as the `auth` option takes it: the config file's entry, defaults filled in later. */
export interface TokenInput {
  readonly token: string
  /** Default `A`. */
  readonly workspace?: string
  /** Default `{ '*': 'write' }`. */
  readonly access?: Readonly<Record<string, AccessLevel>>
  readonly revoked?: boolean
  /** This token's own limit: `'5/60s'`, a policy, or `false` for none. */
  readonly rateLimit?: string | RateLimitPolicy | false
}

/** The `auth` option as an object: what the config file's `auth` key takes. */
export interface AuthInput {
  /** Default `Authorization`. */
  readonly header?: string
  /** Default `Bearer`; `'none'` (or `undefined`) for a header that holds the bare token. */
  readonly scheme?: string | undefined
  /** Default: the four default tokens. */
  readonly tokens?: readonly TokenInput[]
}

/**
 * Resolves the `auth` option as the config file's `auth` key is: the default header, scheme and
 * tokens for what it leaves out, each token's workspace `A` and access `{ '*': write }`, its rate
 * limit parsed, and `scheme: 'none'` (any case) a bare token.
 *
 * @throws RangeError for a token's rate limit that does not parse.
 * @example
 * resolveAuthOption({ tokens: [{ token: 'x', rateLimit: '1/60s' }] })
 * // { header: 'authorization', scheme: 'Bearer', tokens: [{ token: 'x', workspace: 'A', … }] }
 */
export function resolveAuthOption(auth: boolean | AuthInput): AuthOptions | false {
  if (auth === false) return false
  if (auth === true) return DEFAULT_AUTH
  const scheme = 'scheme' in auth ? auth.scheme : DEFAULT_AUTH.scheme
  return {
    header: (auth.header ?? DEFAULT_AUTH.header).toLowerCase(),
    scheme: scheme?.toLowerCase() === 'none' ? undefined : scheme,
    tokens: auth.tokens?.map(resolveToken) ?? DEFAULT_AUTH.tokens,
  }
}

function resolveToken(input: TokenInput): TokenSpec {
  const { rateLimit } = input
  return {
    token: input.token,
    workspace: input.workspace ?? 'A',
    access: input.access ?? { '*': 'write' },
    ...(input.revoked === undefined ? {} : { revoked: input.revoked }),
    ...(rateLimit === undefined
      ? {}
      : { rateLimit: typeof rateLimit === 'string' ? parseRateLimit(rateLimit) : rateLimit }),
  }
}
