import { type Context, Hono } from 'hono'
import { formatFileIssue } from '../errors/file-error.js'
import { HttpError } from '../errors/http-error.js'
import type { AppEnv } from '../http/app-env.js'
import { readJsonBody } from '../http/read-json-body.js'
import { mergeHeaders, pendingHeaders, respond } from '../http/respond.js'
import type { Journal } from '../journal/create-journal.js'
import type { MockApi } from '../mock-api.js'
import { openApiYaml } from '../openapi-export/build-openapi-document.js'
import type { ScenarioCatalog } from '../scenarios/create-scenario-catalog.js'
import type { ScenarioLookup } from '../scenarios/resolve-scenario.js'
import { field, invalid } from './admin-input.js'
import { addStatusRoutes, scenariosOf } from './admin-status-routes.js'
import { answerOtherMethods } from './answer-other-methods.js'
import { serveControlPage } from './control-page/serve-control-page.js'
import type { EventStreams } from './event-stream.js'
import { addRequestRoutes } from './request-routes.js'
import { requireAdminToken } from './require-admin-token.js'
import { scenariosOfBody } from './scenario-input.js'

/** Admin bodies are small JSON objects; anything larger is refused (413) before it is parsed. */
export const MAX_ADMIN_BODY_BYTES = 256 * 1024

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
  // What the mock serves, open as health is: a client generates its code from it.
  admin.get('/openapi.json', (c) => respond(c, instance().openapi(originOf(c.req.url)), 200))
  admin.get('/openapi.yaml', (c) => {
    const yaml = openApiYaml(instance().openapi(originOf(c.req.url)))
    const headers = mergeHeaders(pendingHeaders(c), {
      'content-type': 'application/yaml; charset=utf-8',
    })
    return new Response(yaml, { status: 200, headers })
  })
  // The page holds no data: it asks for the token and sends it with each call it makes.
  admin.get('/', serveControlPage)
  if (token !== undefined) admin.use(requireAdminToken(token))

  admin.get('/scenarios', async (c) =>
    respond(c, await scenariosOf(instance(), options.catalog), 200),
  )
  admin.put('/scenarios/active', async (c) => {
    const scenarios = scenariosOfBody(await readAdminBody(c), options.lookup)
    await instance().useScenarios(scenarios)
    // A file whose `name:` differs from its file name loads, under its file name, with a word.
    const warnings = instance()
      .settings()
      .scenarios.flatMap((scenario) => scenario.warnings ?? [])
      .map(formatFileIssue)
    const said = warnings.length === 0 ? {} : { warnings }
    return respond(c, { active: activeNames(instance()), ...said }, 200)
  })
  admin.post('/reset', async (c) => {
    await instance().reset()
    return respond(c, null, 204)
  })
  addRequestRoutes(admin, instance)
  // With X-Mockapi-Session the request reaches that session's own routes: its conduct.
  admin.get('/conduct', (c) => respond(c, instance().conduct(), 200))
  admin.delete('/conduct', async (c) => {
    await instance().resetConduct()
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
  answerOtherMethods(admin)
  // The admin area ends here: nothing under it reaches the limits, checks or resources.
  admin.all('*', (c) => {
    throw new HttpError(404, { code: 'not_found', detail: `Nothing is served at ${c.req.path}.` })
  })
  return admin
}

/** `http://host:port` of a request URL. */
function originOf(url: string): string {
  return new URL(url).origin
}

function readAdminBody(c: Context<AppEnv>): Promise<unknown> {
  return readJsonBody(c, MAX_ADMIN_BODY_BYTES)
}

function activeNames(api: MockApi): string[] {
  return api.settings().scenarios.map((scenario) => scenario.name)
}

function isDuration(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number'
}

function isBoolean(value: unknown): value is boolean {
  return typeof value === 'boolean'
}
