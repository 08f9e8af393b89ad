import type { AccessLevel, AuthOptions } from '../auth/token-spec.js'
import type { YamlPath } from '../files/describe-schema-error.js'
import { parseRateLimit } from '../limits/parse-rate-limit.js'
import type { ConfigProblem } from './check-config.js'
import { resolveAuthOption } from './resolve-auth-option.js'

/** The `auth` key as the schema vouches for it: defaults not yet filled in. */
export interface RawAuth {
  readonly header?: string
  readonly scheme?: string
  readonly tokens?: readonly RawToken[]
}

/** One entry of `auth.tokens`, as written. */
export interface RawToken {
  readonly token: string
  readonly workspace?: string
  readonly access?: Readonly<Record<string, AccessLevel>>
  readonly revoked?: boolean
  readonly rateLimit?: string
}

/**
 * Resolves a schema-valid `auth` value: `true` is `DEFAULT_AUTH`, `false` stays off, and a mapping
 * gets the default header, scheme and tokens for what it leaves out. The header is lower-cased,
 * `scheme: none` (any case) becomes `undefined`, and each token gets workspace `A`, access
 * `{ '*': 'write' }` and its rate limit parsed. Run `checkAuthConfig` first: a rate limit that
 * does not parse throws here.
 *
 * @example
 * resolveAuthConfig({ header: 'X-API-Token', scheme: 'none' })
 * // { header: 'x-api-token', scheme: undefined, tokens: DEFAULT_TOKENS }
 */
export function resolveAuthConfig(raw: boolean | RawAuth): AuthOptions | false {
  return resolveAuthOption(raw)
}

/**
 * The checks of `auth` and `rateLimit` that the JSON Schema cannot express: rate limits that do
 * not parse, a token listed twice, and access keys naming a resource that is not served (`known`:
 * the file's resources and the kept built-ins; `*` is always fine). Takes the file's whole value,
 * unchecked, so it also runs on a file that failed the schema; parts of the wrong shape are
 * skipped, as the schema reports them.
 *
 * @example
 * checkAuthConfig({ rateLimit: 'fast' }, ['users'])
 * // [{ path: ['rateLimit'], message: 'rate limit must look like 100/60s …' }]
 */
export function checkAuthConfig(root: unknown, known: readonly string[]): ConfigProblem[] {
  if (!isObject(root)) return []
  const problems = checkRateLimit(root.rateLimit, ['rateLimit'])
  const auth = root.auth
  if (!isObject(auth) || !Array.isArray(auth.tokens)) return problems
  const seen = new Map<string, number>()
  for (const [index, token] of (auth.tokens as unknown[]).entries()) {
    if (!isObject(token)) continue
    const at: YamlPath = ['auth', 'tokens', index]
    const first = typeof token.token === 'string' ? seen.get(token.token) : undefined
    if (first !== undefined) {
      const message = `duplicate token ${JSON.stringify(token.token)} (also tokens[${first}]); each token may be listed once`
      problems.push({ path: [...at, 'token'], message })
    } else if (typeof token.token === 'string') seen.set(token.token, index)
    problems.push(...checkAccess(token.access, [...at, 'access'], known))
    problems.push(...checkRateLimit(token.rateLimit, [...at, 'rateLimit']))
  }
  return problems
}

function checkRateLimit(value: unknown, path: YamlPath): ConfigProblem[] {
  if (typeof value !== 'string') return []
  try {
    parseRateLimit(value)
    return []
  } catch (error) {
    return [{ path, message: error instanceof Error ? error.message : String(error) }]
  }
}

function checkAccess(value: unknown, path: YamlPath, known: readonly string[]): ConfigProblem[] {
  if (!isObject(value)) return []
  const expected = `expected * or one of: ${known.join(', ')}`
  return Object.keys(value)
    .filter((name) => name !== '*' && /^[a-z][a-z0-9-]*$/.test(name) && !known.includes(name))
    .map((name) => ({
      path: [...path, name],
      message: `unknown resource "${name}"; ${known.length === 0 ? 'expected *' : expected}`,
      target: 'key' as const,
    }))
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
