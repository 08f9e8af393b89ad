/** What a token may do with one kind of entity; `write` includes `read`. */
export const ACCESS_LEVELS = ['none', 'read', 'write'] as const
export type AccessLevel = (typeof ACCESS_LEVELS)[number]

export function isAccessLevel(value: unknown): value is AccessLevel {
  return ACCESS_LEVELS.includes(value as AccessLevel)
}

/** An API token the mock accepts, as the real API would have issued it. */
export interface TokenSpec {
  readonly token: string
  /** Records live in workspaces; a token sees only its own workspace's records. */
  readonly workspace: string
  /** Access per resource name; `*` stands for every resource not named. Missing means `none`. */
  readonly access: Readonly<Record<string, AccessLevel>>
  readonly revoked?: boolean
  /**
   * This token's own rate limit, instead of the server's (`false`: unlimited). The shape of the
   * limiter's `RateLimitPolicy`, written out so that tokens need not know the limiter above them.
   */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number } | false
}

/** Where clients put the token: `Authorization: Bearer <token>` unless configured otherwise. */
export interface AuthOptions {
  /** Request header carrying the token, e.g. `authorization` or `x-api-token`. */
  readonly header: string
  /** The scheme before the token (`Bearer`), or `undefined` when the header holds the bare token. */
  readonly scheme: string | undefined
  readonly tokens: readonly TokenSpec[]
}

/** The zero-config tokens, printed in the banner and docs/contract.md. */
export const DEFAULT_TOKENS: readonly TokenSpec[] = [
  { token: 'dev-token', workspace: 'A', access: { '*': 'write' } },
  { token: 'read-token', workspace: 'A', access: { '*': 'read' } },
  { token: 'revoked-token', workspace: 'A', access: { '*': 'write' }, revoked: true },
  { token: 'other-token', workspace: 'B', access: { '*': 'write' } },
]

export const DEFAULT_AUTH: AuthOptions = {
  header: 'authorization',
  scheme: 'Bearer',
  tokens: DEFAULT_TOKENS,
}

/** The access a token has to a resource. */
export function accessTo(token: TokenSpec, resource: string): AccessLevel {
  const access = token.access
  if (Object.hasOwn(access, resource)) return access[resource] ?? 'none'
  return Object.hasOwn(access, '*') ? (access['*'] ?? 'none') : 'none'
}
