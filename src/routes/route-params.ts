import { tryDecodeURIComponent } from 'hono/utils/url'

/** The parts of a resource path, decoded: `/tasks/7/comments` → tasks, 7, comments. */
export interface RouteParams {
  /** 0 for `/`, 1 for `/:resource`, 2 for `/:resource/:id`, 3 for `/:resource/:id/:nested`. */
  readonly depth: number
  readonly resource: string
  readonly id: string
  readonly nested: string
}

export const ROOT: RouteParams = { depth: 0, resource: '', id: '', nested: '' }

/**
 * Reads a request path (as Hono gives it: without the query, a trailing slash dropped) the way
 * Hono's `:param` routes would: each segment non-empty, percent-decoded; undefined for a path of
 * more than three segments or with an empty one.
 */
export function routeParamsOf(path: string): RouteParams | undefined {
  if (path === '/' || path === '') return ROOT
  const parts = path.split('/')
  // parts[0] is the empty string before the leading slash.
  if (parts.length > 4) return undefined
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] as string
    if (part === '') return undefined
    if (part.includes('%')) parts[i] = tryDecodeURIComponent(part)
  }
  return {
    depth: parts.length - 1,
    resource: parts[1] ?? '',
    id: parts[2] ?? '',
    nested: parts[3] ?? '',
  }
}
