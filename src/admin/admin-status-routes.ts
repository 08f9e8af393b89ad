import type { Hono } from 'hono'
import { fingerprintKey, fingerprintToken, isPublicToken } from '../auth/fingerprint-key.js'
import type { AppEnv } from '../http/app-env.js'
import { pendingHeaders, respond } from '../http/respond.js'
import type { Journal, JournalEntry } from '../journal/create-journal.js'
import type { MockApi } from '../mock-api.js'
import type { ScenarioCatalog } from '../scenarios/create-scenario-catalog.js'
import { numberOf } from './admin-input.js'
import type { EventStreams } from './event-stream.js'

export interface StatusRoutesOptions {
  readonly version: string
  readonly instance: () => MockApi
  readonly catalog: ScenarioCatalog
  /** The instance's journal: the live log follows it. */
  readonly journal: Journal
  /** The instance's open streams, ended when it closes. */
  readonly events: EventStreams
}

/** One request as the live log (`GET /__mockapi/events`) sends it. */
export interface RequestEvent {
  readonly id: number
  readonly at: string
  readonly method: string
  readonly path: string
  /** `?a=1&b=2`, or `''`. */
  readonly search: string
  /** 0 when a fault left the request without an answer. */
  readonly status: number
  readonly ms: number
  /** The scenario whose rule answered or delayed the request; `null` for a natural answer. */
  readonly scenario: string | null
  /** That rule's number in its scenario, from 1. */
  readonly rule: number | null
  /** True when that rule only delayed the natural answer. */
  readonly delayed: boolean
  readonly fault: string | null
}

/**
 * What the control page reads: `resources`, `rate-limits`, `state` (everything it shows, in one
 * call) and `events`, the live log as server-sent events. Behind the admin token like the rest.
 */
export function addStatusRoutes(admin: Hono<AppEnv>, options: StatusRoutesOptions): void {
  const { instance, journal, events } = options
  admin.get('/resources', (c) => respond(c, { resources: instance().resources() }, 200))
  admin.get('/rate-limits', (c) => respond(c, rateLimitsOf(instance()), 200))
  admin.get('/state', async (c) => respond(c, await stateOf(instance(), options), 200))
  admin.get('/events', (c) => {
    // `?recent=N` first sends the last N requests the journal holds (`recent` events), then the
    // live ones: both in one step, so none falls between them.
    const query = c.req.query('recent') || undefined
    const recent = numberOf(query, 'recent', 0, Number.MAX_SAFE_INTEGER) ?? 0
    return events.open((send) => {
      const past = recent === 0 ? [] : journal.find({ limit: recent })
      for (const entry of past) send('recent', requestEvent(entry))
      return journal.subscribe((entry) => send('request', requestEvent(entry)))
    }, pendingHeaders(c))
  })
}

export async function scenariosOf(api: MockApi, catalog: ScenarioCatalog) {
  const inForce = api.settings().scenarios
  const active = inForce.map((scenario) => scenario.name)
  const listed = (await catalog.list()).map((info) => ({
    ...info,
    active: active.includes(info.name),
  }))
  return { active, scenarios: listed }
}

/** The limiter's keys with every secret token fingerprinted: the default tokens stay readable. */
function rateLimitsOf(api: MockApi) {
  const { rateLimit } = api.settings()
  const keys = api.rateLimits().map((status) => ({
    ...status,
    key: fingerprintKey(status.key),
    token:
      status.token === null || isPublicToken(status.token)
        ? status.token
        : fingerprintToken(status.token),
  }))
  return { policy: rateLimit, keys }
}

async function stateOf(api: MockApi, options: StatusRoutesOptions) {
  const settings = api.settings()
  return {
    version: options.version,
    seed: settings.seed,
    auth: settings.auth !== false,
    admin: settings.admin,
    maintenance: settings.maintenance,
    // Which active scenarios hold maintenance on, whatever the switch says.
    maintenanceBy: settings.scenarios.filter((s) => s.settings?.maintenance).map((s) => s.name),
    // Which active scenarios lower the rate limit: their 429s come from the real limiter.
    rateLimitBy: settings.scenarios.filter((s) => s.settings?.rateLimit).map((s) => s.name),
    clock: api.clock(),
    resources: api.resources(),
    // The OpenAPI document mocked: its collections' paths and the operations answered from it.
    openapi: settings.openapi ?? null,
    ...(await scenariosOf(api, options.catalog)),
    rateLimits: rateLimitsOf(api),
    journalSize: options.journal.size,
    // The "Client conduct" panel: findings and coverage, refreshed as requests arrive.
    conduct: api.conduct(),
    memory: api.memory(),
  }
}

export function requestEvent(entry: JournalEntry): RequestEvent {
  const params = Object.entries(entry.query).flatMap(([name, values]) =>
    values.map((value) => [name, value]),
  )
  const search = new URLSearchParams(params).toString()
  return {
    id: entry.id,
    at: entry.at,
    method: entry.method,
    path: entry.path,
    search: search === '' ? '' : `?${search}`,
    status: entry.status,
    ms: Math.round(entry.ms * 10) / 10,
    scenario: entry.rule?.scenario ?? null,
    rule: entry.rule === undefined ? null : entry.rule.index + 1,
    delayed: entry.delayed,
    fault: entry.fault ?? null,
  }
}
