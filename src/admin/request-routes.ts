import type { Context, Hono } from 'hono'
import { HttpError } from '../errors/http-error.js'
import type { AppEnv } from '../http/app-env.js'
import { respond } from '../http/respond.js'
import type { JournalFilter } from '../journal/create-journal.js'
import { MAX_WAIT_TIMEOUT, WaitTimeoutError } from '../journal/wait-for-entries.js'
import type { MockApi } from '../mock-api.js'
import { invalid, numberOf } from './admin-input.js'

/**
 * `GET /requests` (the journal, filtered; with `wait=COUNT`, held until that many match or
 * `timeout` ms pass, then 408 `wait_timeout`) and `DELETE /requests`. Filters: `method`, `path`,
 * `status`, `since`, `limit`, `query.NAME=VALUE`, `header.NAME=VALUE`, `body=JSON`.
 */
export function addRequestRoutes(admin: Hono<AppEnv>, instance: () => MockApi): void {
  admin.get('/requests', async (c) => {
    const filter = filterOf(c)
    const wait = numberOf(c.req.query('wait') || undefined, 'wait', 1, 1_000_000)
    const timeout = numberOf(c.req.query('timeout') || undefined, 'timeout', 0, MAX_WAIT_TIMEOUT)
    if (wait === undefined) return respond(c, await instance().requests(filter), 200)
    try {
      const found = await instance().waitForRequests(filter, {
        count: wait,
        ...(timeout === undefined ? {} : { timeout }),
      })
      return respond(c, found, 200)
    } catch (error) {
      if (!(error instanceof WaitTimeoutError)) throw error
      throw new HttpError(408, { code: 'wait_timeout', detail: error.message })
    }
  })
  admin.delete('/requests', async (c) => {
    await instance().clearRequests()
    return respond(c, null, 204)
  })
}

function filterOf(c: Context<AppEnv>): JournalFilter {
  const query = (name: string) => c.req.query(name) || undefined
  const method = query('method')
  const path = query('path')
  const status = numberOf(query('status'), 'status', 100, 599)
  const since = query('since')
  const limit = numberOf(query('limit'), 'limit', 1, Number.MAX_SAFE_INTEGER)
  if (since !== undefined && Number.isNaN(/^\d+$/.test(since) ? 0 : Date.parse(since))) {
    throw invalid('since', 'must be an ISO 8601 time or ms since the epoch')
  }
  const params = new URL(c.req.url).searchParams
  const body = query('body')
  return {
    ...(method === undefined ? {} : { method }),
    ...(path === undefined ? {} : { path }),
    ...(status === undefined ? {} : { status }),
    ...(since === undefined ? {} : { since: /^\d+$/.test(since) ? Number(since) : since }),
    ...(limit === undefined ? {} : { limit }),
    ...prefixed(params, 'query'),
    ...prefixed(params, 'header'),
    ...(body === undefined ? {} : { body: jsonOf(body) }),
  }
}

/** `query.page=2&query.sort=-id` → `{ query: { page: '2', sort: '-id' } }`. */
function prefixed(params: URLSearchParams, prefix: 'query' | 'header') {
  const found: Record<string, string> = {}
  for (const [name, value] of params) {
    if (name.startsWith(`${prefix}.`) && name.length > prefix.length + 1) {
      found[name.slice(prefix.length + 1)] = value
    }
  }
  return Object.keys(found).length === 0 ? {} : { [prefix]: found }
}

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw invalid('body', 'must be JSON, such as {"status":"todo"}')
  }
}
