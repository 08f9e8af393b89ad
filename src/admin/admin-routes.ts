import { type Context, Hono } from 'hono'
import { isFileError } from '../errors/file-error.js'
import { HttpError } from '../errors/http-error.js'
import type { AppEnv } from '../http/app-env.js'
import { readJsonBody } from '../http/read-json-body.js'
import { respond } from '../http/respond.js'
import type { Journal, JournalFilter } from '../journal/create-journal.js'
import type { MockApi } from '../mock-api.js'
import type { ScenarioCatalog } from '../scenarios/create-scenario-catalog.js'
import type { ScenarioLookup } from '../scenarios/resolve-scenario.js'
import { field, invalid, numberOf } from './admin-input.js'
import { addStatusRoutes, scenariosOf } from './admin-status-routes.js'
import { serveControlPage } from './control-page/serve-control-page.js'
import type { EventStreams } from './event-stream.js'
import { requireAdminToken } from './require-admin-token.js'

/** Admin bodies are small JSON objects; anything larger is refused (413) before it is parsed. */
export const MAX_ADMIN_BODY_BYTES = 256 * 1024
/** `PUT /__mockapi/scenarios/active` takes at most this many names (after removing duplicates). */
export const MAX_ACTIVE_SCENARIOS = 100

export interface AdminOptions {
  readonly version: string
  /** The instance the routes drive (made after its routes, so read when a request comes). */
  readonly instance: () => MockApi
  /** Where `GET scenarios` looks for scenarios by name. */
  readonly lookup: ScenarioLookup
  /** The same scenarios, each file parsed once per change and off the event loop. */
  readonly catalog: ScenarioCatalog
  /**
   * The token every admin route but `health` and `version` needs (`Authorization: Bearer …`);
   * `'locked'` when the server is reachable from the network and no token was given: those routes
   * then answer 403 until one is set.
   */
  readonly token: string | 'locked' | undefined
  /** The instance's journal, which the live log follows. */
  readonly journal: Journal
  /** The live logs open now; the instance ends them when it closes. */
  readonly events: EventStreams
}

/**
 * `/__mockapi/…`: health, version, the control page and the instance's controls as JSON —
 * scenarios, reset, the journal, the clock, maintenance, status and the live log. Mounted before
 * every fault, limit, check and the journal.
 */
export function createAdminRoutes(options: AdminOptions): Hono<AppEnv> {
  const { instance, token } = options
  const admin = new Hono<AppEnv>({ strict: false })
  admin.get('/health', (c) => respond(c, { status: 'ok' }, 200))
  admin.get('/version', (c) => respond(c, { name: 'mockapi', version: options.version }, 200))
  // The page holds no data: it asks for the token and sends it with each call it makes.
  admin.get('/', serveControlPage)
  if (token !== undefined) admin.use(requireAdminToken(token))

  admin.get('/scenarios', async (c) =>
    respond(c, await scenariosOf(instance(), options.catalog), 200),
  )
  admin.put('/scenarios/active', async (c) => {
    const listed = field(await readAdminBody(c), 'names', isNameList, 'a list of scenario names')
    const names = [...new Set(listed)]
    if (names.length > MAX_ACTIVE_SCENARIOS) {
      throw invalid('names', `must list at most ${MAX_ACTIVE_SCENARIOS} scenarios`)
    }
    try {
      await instance().useScenarios(await options.catalog.load(names))
    } catch (error) {
      if (!isFileError(error)) throw error
      const errors = error.issues.map((issue) => ({ field: issue.file, message: issue.message }))
      throw new HttpError(400, {
        code: 'invalid_scenario',
        detail: 'A scenario does not load; the scenarios in force are unchanged.',
        errors,
      })
    }
    return respond(c, { active: activeNames(instance()) }, 200)
  })
  admin.post('/reset', async (c) => {
    await instance().reset()
    return respond(c, null, 204)
  })
  admin.get('/requests', async (c) => respond(c, await instance().requests(filterOf(c)), 200))
  admin.delete('/requests', async (c) => {
    await instance().clearRequests()
    return respond(c, null, 204)
  })
  admin.get('/clock', (c) => respond(c, instance().clock(), 200))
  admin.post('/clock/advance', async (c) => {
    const by = field(await readAdminBody(c), 'by', isDuration, 'a duration such as "60s" or ms')
    try {
      await instance().advanceClock(by)
    } catch (error) {
      if (!(error instanceof RangeError)) throw error
      throw invalid('by', error.message.replace(/^advanceClock: /, ''))
    }
    return respond(c, instance().clock(), 200)
  })
  admin.put('/maintenance', async (c) => {
    const enabled = field(await readAdminBody(c), 'enabled', isBoolean, 'true or false')
    await instance().setMaintenance(enabled)
    return respond(c, { enabled: instance().settings().maintenance }, 200)
  })
  addStatusRoutes(admin, options)
  // The admin area ends here: nothing under it reaches the limits, checks or resources.
  admin.all('*', (c) => {
    throw new HttpError(404, { code: 'not_found', detail: `Nothing is served at ${c.req.path}.` })
  })
  return admin
}

function readAdminBody(c: Context<AppEnv>): Promise<unknown> {
  return readJsonBody(c, MAX_ADMIN_BODY_BYTES)
}

function activeNames(api: MockApi): string[] {
  return api.settings().scenarios.map((scenario) => scenario.name)
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
  return {
    ...(method === undefined ? {} : { method }),
    ...(path === undefined ? {} : { path }),
    ...(status === undefined ? {} : { status }),
    ...(since === undefined ? {} : { since: /^\d+$/.test(since) ? Number(since) : since }),
    ...(limit === undefined ? {} : { limit }),
  }
}

function isNameList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string' && !/\.ya?ml$/i.test(v))
}

function isDuration(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number'
}

function isBoolean(value: unknown): value is boolean {
  return typeof value === 'boolean'
}
