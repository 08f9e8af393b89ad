/**
 * The path of the document's first server URL, where its routes are served: `/api/v3` for
 * `https://petstore3.swagger.io/api/v3`, `''` for none or `/`. Server variables take their
 * defaults.
 */
export function readBasePath(servers: unknown): string {
  const first: unknown = Array.isArray(servers) ? servers[0] : undefined
  if (typeof first !== 'object' || first === null) return ''
  const { url, variables } = first as { url?: unknown; variables?: unknown }
  if (typeof url !== 'string') return ''
  const defaults = (typeof variables === 'object' && variables !== null ? variables : {}) as Record<
    string,
    { default?: unknown }
  >
  const filled = url.replace(/\{([^}]+)\}/g, (_, name: string) =>
    String(defaults[name]?.default ?? ''),
  )
  const path = /^[a-z][a-z0-9+.-]*:\/\//i.test(filled)
    ? new URL(filled).pathname
    : filled.replace(/^\/\/[^/]*/, '')
  return normalizeBasePath(path)
}

/** `/api/` → `/api`, `/` and `''` → `''`, `api` → `/api`. */
export function normalizeBasePath(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, '')
  if (trimmed === '') return ''
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`
}
