import { headerName } from '../auth/find-token.js'
import type { AuthOptions, TokenSpec } from '../auth/token-spec.js'
import type { CorsOption } from '../http/cors.js'
import { formatRateLimit } from '../limits/parse-rate-limit.js'
import type { MockApiSettings, ResourceSummary } from '../mock-api.js'

export interface BannerInfo {
  readonly version: string
  readonly url: string
  readonly resources: readonly ResourceSummary[]
  readonly config: string | undefined
  readonly settings: MockApiSettings
  /** Whether stdin is a terminal: only then can Ctrl+C stop the server. */
  readonly interactive?: boolean
  /** The json-server data file served (`mockapi db.json`), and whether changes are written back. */
  readonly db?: { readonly file: string; readonly persist: boolean } | undefined
}

/** The start-up banner: where the mock is, what it serves and what is switched on. */
export function formatBanner(info: BannerInfo): string {
  const { settings, url } = info
  const first = info.resources[0]?.name ?? 'users'
  const token = settings.auth ? settings.auth.tokens.find((t) => !t.revoked) : undefined
  const { openapi } = settings
  const rows: [string, string][] = [
    ...(openapi === undefined
      ? [['Resources', describeResources(info.resources, settings.auth)] as [string, string]]
      : openApiRows(openapi, info.resources, settings.auth, url)),
    ['Seed', String(settings.seed)],
    ...dbRows(info.db),
    ['Config', info.config ?? (openapi || info.db ? 'none' : 'none (built-in resources)')],
    ['CORS', `${describeCors(settings.cors)} (resource routes; /__mockapi is same-origin only)`],
    ['Hosts', describeHosts(settings.allowedHosts)],
    ...authRows(settings.auth, openapi),
    [
      'Rate limit',
      settings.rateLimit
        ? `${formatRateLimit(settings.rateLimit)} per token or client address`
        : 'off',
    ],
    ...(settings.maxInflight === undefined
      ? []
      : [['In flight', `at most ${settings.maxInflight}, then 503`] as [string, string]]),
    ...(settings.maintenance
      ? [['Maintenance', 'ON: every route answers 503'] as [string, string]]
      : []),
    ['Scenarios', describeScenarios(settings)],
    ['Admin', describeAdmin(settings.admin, url)],
  ]
  const auth = settings.auth && token ? ` -H '${headerLine(settings.auth, token)}'` : ''
  const warnings = (openapi?.warnings ?? []).map((w) => `  warning: ${w}`)
  return [
    `mockapi ${info.version} listening on ${url}`,
    '',
    ...rows.map(([label, value]) => `  ${label.padEnd(12)}${value}`),
    ...(warnings.length > 0 ? ['', ...warnings] : []),
    '',
    openapi === undefined
      ? `  Try: curl${auth} ${url}/${first}/1`
      : tryOpenApi(openapi, url, token),
    ...(info.db && settings.auth
      ? ['  A json-server front-end sends no token: start with --no-auth, or send one.']
      : []),
    ...(info.interactive === true ? ['  Press Ctrl+C to stop.'] : []),
    '',
  ].join('\n')
}

type OpenApi = NonNullable<MockApiSettings['openapi']>

function openApiRows(
  openapi: OpenApi,
  resources: readonly ResourceSummary[],
  auth: AuthOptions | false,
  url: string,
): [string, string][] {
  const count = (name: string) => resources.find((r) => r.name === name)?.count ?? 0
  const collections = openapi.collections.flatMap((c) => [
    `${c.path} (key ${c.key}, ${count(c.name)} records)`,
    ...c.finders.map((f) => `  ${f} (lists it)`),
  ])
  const others = resources.filter((r) => !openapi.collections.some((c) => c.name === r.name))
  return [
    ['OpenAPI', `${openapi.title}, served at ${url}${openapi.basePath}`],
    ...list('Collections', collections.length > 0 ? collections : ['none']),
    ...list('Operations', openapi.operations.length > 0 ? openapi.operations : ['none']),
    ...(others.length > 0
      ? [['Resources', describeResources(others, auth)] as [string, string]]
      : []),
    ...(auth && openapi.security
      ? [['Token', openapi.security.replace(/^Send it/, 'send one')] as [string, string]]
      : []),
  ]
}

function list(label: string, lines: readonly string[]): [string, string][] {
  return lines.map((line, i) => [i === 0 ? label : '', line])
}

function tryOpenApi(openapi: OpenApi, url: string, token: TokenSpec | undefined): string {
  // A path without parameters when there is one, so the line works as it is.
  const paths = [
    ...openapi.collections.map((c) => c.path),
    ...openapi.operations.filter((o) => o.startsWith('GET ')).map((o) => o.slice(4)),
  ]
  const first =
    paths.find((p) => !p.includes('{')) ?? paths[0] ?? openapi.operations[0]?.split(' ')[1] ?? ''
  const credentials =
    token === undefined || openapi.security === undefined
      ? ''
      : openapi.security.includes('Bearer')
        ? ` -H 'Authorization: Bearer ${token.token}'`
        : openapi.security.includes('basic')
          ? ` -u user:${token.token}`
          : ''
  return `  Try: curl${credentials} ${url}${first}`
}

function describeResources(
  resources: readonly ResourceSummary[],
  auth: AuthOptions | false,
): string {
  const workspaces = auth ? [...new Set(auth.tokens.map((t) => t.workspace))] : []
  const even = resources.every((r) => new Set(Object.values(r.workspaces)).size <= 1)
  if (workspaces.length < 2 || !even) {
    return resources.map((r) => `${r.name} (${r.count})`).join(', ')
  }
  const each = resources.map((r) => `${r.name} (${Object.values(r.workspaces)[0] ?? 0})`)
  return `${each.join(', ')} in each workspace (${workspaces.join(', ')})`
}

function describeScenarios(settings: MockApiSettings): string {
  const prefer = settings.prefer ? '; Prefer: code= and delay= honoured' : ''
  if (settings.scenarios.length === 0) {
    return `none (--scenario NAME; mockapi scenarios lists them)${prefer}`
  }
  const each = settings.scenarios.map((s) => {
    const rules = s.rules.length === 1 ? '1 rule' : `${s.rules.length} rules`
    const from = s.source.startsWith('builtin:') ? '' : `, ${s.source}, reloaded on change`
    return `${s.name} (${rules}${from})`
  })
  return `${each.join(', ')}${prefer}`
}

function describeAdmin(admin: MockApiSettings['admin'], url: string): string {
  if (admin === 'open') return `${url}/__mockapi/  control page: scenarios, live requests, clock`
  if (admin === 'token') return `${url}/__mockapi/  control page (asks for the admin token)`
  return `!! LOCKED: this server is reachable from the network, so ${url}/__mockapi answers 403 until you set --admin-token TOKEN (MOCKAPI_ADMIN_TOKEN); health and version stay open`
}

function describeHosts(hosts: MockApiSettings['allowedHosts']): string {
  if (hosts === '*') {
    return 'any Host header (--allowed-hosts *): no DNS-rebinding check, so keep the admin API behind --admin-token'
  }
  const listed = hosts.length === 0 ? '' : `, ${hosts.join(', ')}`
  return `loopback names, the bound address${listed}; others get 403 (--allowed-hosts)`
}

function describeCors(cors: CorsOption): string {
  if (cors === true) return 'any origin'
  if (cors === false) return 'off'
  return [cors.origin].flat().join(', ')
}

function authRows(auth: AuthOptions | false, openapi?: OpenApi): [string, string][] {
  if (!auth) return [['Auth', 'off: no token needed (--no-auth)']]
  if (openapi && openapi.security === undefined) {
    return [
      [
        'Auth',
        'none needed: the document declares no security mockapi can check (scenarios can still 401/403)',
      ],
    ]
  }
  const width = Math.max(...auth.tokens.map((t) => t.token.length))
  const lines = auth.tokens.map((t) => `${t.token.padEnd(width)}  ${describeToken(t)}`)
  const where = openapi
    ? 'as the document says (Token above); operations without security are public'
    : `${headerName(auth)} header${auth.scheme ? `: ${auth.scheme} <token>` : ''}`
  return [
    ['Auth', where],
    ...lines.map((line, i): [string, string] => [i === 0 ? 'Tokens' : '', line]),
  ]
}

function describeToken(token: TokenSpec): string {
  if (token.revoked) return 'revoked'
  const levels = Object.entries(token.access).map(([resource, level]) =>
    resource === '*' ? `${level === 'write' ? 'read/write' : level} all` : `${level} ${resource}`,
  )
  return `${levels.join(', ')}, workspace ${token.workspace}`
}

function headerLine(auth: AuthOptions, token: TokenSpec): string {
  return `${headerName(auth)}: ${auth.scheme ? `${auth.scheme} ` : ''}${token.token}`
}

function dbRows(db: BannerInfo['db']): [string, string][] {
  if (db === undefined) return []
  const kept = db.persist
    ? 'changes written back to it (--persist)'
    : 'changes kept in memory only (--persist writes them back)'
  return [['Data', `${db.file}, a json-server data file; ${kept}`]]
}
