import { type Context, Hono, type MiddlewareHandler } from 'hono'
import { type AdminOptions, createAdminRoutes } from './admin/admin-routes.js'
import { OPEN_ADMIN_PATHS, refuseCrossSite } from './admin/refuse-cross-site.js'
import { authenticate } from './auth/authenticate.js'
import type { AuthOptions } from './auth/token-spec.js'
import { isHttpError } from './errors/http-error.js'
import type { AppEnv } from './http/app-env.js'
import { type CheckHostOptions, checkHost } from './http/check-host.js'
import { composeStages, type Stage } from './http/compose-stages.js'
import { type CorsOption, cors } from './http/cors.js'
import { headerOf } from './http/header-of.js'
import { createProblem, PROBLEM_CONTENT_TYPE } from './http/problem.js'
import { respond, respondProblem } from './http/respond.js'
import type { Journal } from './journal/create-journal.js'
import { logRequests, type RequestLogEntry } from './journal/log-requests.js'
import { type RequestObserver, recordRequests } from './journal/record-requests.js'
import { type AvailabilityOptions, checkAvailability } from './limits/check-availability.js'
import { inspectRateLimit, type LimitRateOptions, limitRate } from './limits/limit-rate.js'
import type { ApiModel } from './model/api-model.js'
import { whereServed } from './model/model-of-resources.js'
import { selectOperation } from './model/select-operation.js'
import type { HandlerTable } from './routes/custom-handlers.js'
import { createModelRoutes, type ModelRoutesOptions } from './routes/model-routes.js'
import { shapeErrors } from './routes/shape-errors.js'
import { refuseUnknownResource } from './routes/unknown-resource.js'
import { type InjectScenariosOptions, injectScenarios } from './scenarios/inject-scenarios.js'
import { SESSION_HEADER } from './sessions/create-sessions.js'
import type { Store } from './store/create-store.js'

export interface AppOptions {
  readonly store: Store
  /** The app of a session's own instance; undefined when sessions are off. */
  readonly session: ((id: string) => Hono<AppEnv>) | undefined
  readonly admin: AdminOptions
  readonly cors: CorsOption
  /** Which `Host` names are served (403 host_not_allowed for others). */
  readonly hosts: CheckHostOptions
  readonly availability: AvailabilityOptions
  readonly rateLimit: LimitRateOptions
  readonly scenarios: Omit<InjectScenariosOptions, 'auth' | 'clock' | 'rateLimitHeaders'>
  readonly auth: AuthOptions | false
  readonly journal: Journal
  /** Routes written in code, answered after every check, before the resources. */
  readonly handlers: HandlerTable
  /** The session this instance serves; undefined for the default one. */
  readonly sessionId: string | undefined
  /** Sees each request as it arrives and once it is recorded (the client's conduct). */
  readonly observer?: RequestObserver | undefined
  readonly onRequest?: ((entry: RequestLogEntry) => void) | undefined
  /** The largest request body the resource routes read, in bytes (413 above it). */
  readonly maxBodySize?: number | undefined
  /** Conditional requests, `Idempotency-Key`s and the JSON cache of the routes. */
  readonly routes?: Omit<ModelRoutesOptions, 'store' | 'document' | 'seed' | 'maxBodySize'>
  readonly onUnexpectedError?: ((error: unknown) => void) | undefined
  /**
   * The models requests are matched against (`all`: a document's first, then the resources'),
   * the document's alone, and the seed a document's answers are made with.
   */
  readonly model: {
    readonly all: () => readonly ApiModel[]
    readonly document: ApiModel | undefined
    readonly seed: number
  }
}

/**
 * The whole request pipeline, top to bottom, in the order a request meets it. Returns a Hono app
 * that is not listening; `startMockApi` adds the socket. The admin surface is a Hono app of its own
 * under `/__mockapi`; every other request is one handler that runs the stages (`composeStages`),
 * so a request no stage makes wait is answered without a promise.
 */
export function createApp(options: AppOptions): Hono<AppEnv> {
  // Not strict: `/users/` is `/users`, as clients that build URLs by joining expect.
  const app = new Hono<AppEnv>({ strict: false })
  const front = frontStages(options)
  // Hono's compose awaits what a stage returns, so the stages run there as well.
  app.use('/__mockapi/*', ...(front as MiddlewareHandler<AppEnv>[]), refuseCrossSite())
  app.route('/__mockapi', createAdminRoutes(options.admin))
  const pipeline = composeStages([...front, ...apiStages(options)], notFound, onError)
  app.all('*', (c) => pipeline(c))
  app.notFound(notFound)
  app.onError(onError)
  return app

  function onError(error: unknown, c: Context<AppEnv>): Response {
    if (isHttpError(error)) return respondProblem(c, error)
    // A bug of ours: this request fails alone, the server keeps serving.
    options.onUnexpectedError?.(error)
    const detail = 'The mock failed to answer this request.'
    const problem = createProblem(500, 'internal_error', detail, c.req.path)
    return respond(c, problem, 500, { 'content-type': PROBLEM_CONTENT_TYPE })
  }
}

/** What every request meets first, the admin surface's included: CORS, Host, the session, the log. */
function frontStages(options: AppOptions): Stage[] {
  const stages: Stage[] = []
  // CORS first: every answer a browser can receive carries it, a session's refusal included. The
  // admin surface is same-origin only: CORS for health and version alone, which reveal nothing.
  if (options.cors !== false) {
    const corsHeaders = cors(options.cors)
    stages.push((c, next) => (isClosedAdminPath(c.req.path) ? next() : corsHeaders(c, next)))
  }
  // Every route checks Host (DNS rebinding); after CORS, so a browser app reads the 403.
  stages.push(checkHost(options.hosts))
  // A request of a session goes whole to that session's instance, which has its own pipeline.
  const { session } = options
  if (session) {
    stages.push((c, next) => {
      // An empty header is no session.
      const id = headerOf(c, SESSION_HEADER)?.trim()
      return id ? Promise.resolve(session(id).fetch(c.req.raw, c.env)) : next()
    })
  }
  if (options.onRequest) stages.push(logRequests(options.onRequest))
  return stages
}

/** The API's own stages, after the front ones: the contract's checks in order, then the routes. */
function apiStages(options: AppOptions): Stage[] {
  const { rateLimit, auth, model, handlers, store, maxBodySize } = options
  const { document } = model
  const stages: Stage[] = []
  stages.push(selectOperation(model.all))
  if (document) {
    // Outside every stage that can fail, so natural, injected and `Prefer` errors all get shaped.
    stages.push(shapeErrors(document, model.seed))
  }
  stages.push(recordRequests(options.journal, rateLimit.clock, options.sessionId, options.observer))
  const headers = inspectRateLimit(rateLimit)
  stages.push(
    injectScenarios({
      ...options.scenarios,
      auth,
      clock: rateLimit.clock,
      rateLimitHeaders: headers,
      canonicalPath: (c) => {
        const match = c.get('operation')
        return match?.kind === 'operation' ? match.canonicalPath : undefined
      },
    }),
  )
  stages.push(checkAvailability({ ...options.availability, headers }))
  stages.push(limitRate(rateLimit))
  if (auth) {
    const check = authenticate(auth, document?.securitySchemes)
    // A route written in code with `auth: false` (a login endpoint) takes requests without a token.
    stages.push((c, next) => (handlers.isOpen(c) ? next() : check(c, next)))
  }
  stages.push(handlers.middleware)
  stages.push(
    createModelRoutes({
      store,
      document,
      seed: model.seed,
      maxBodySize,
      pathOf: (name) => whereServed(model.all(), name).path,
      ...options.routes,
    }),
  )
  // A document's collection is served where the document puts it, not at `/:resource` as well.
  stages.push(refuseUnknownResource(store, new Set(document?.collections.map((c) => c.name))))
  return stages
}

function notFound(c: Context<AppEnv>): Response {
  const detail = `Nothing is served at ${c.req.path}.`
  const problem = createProblem(404, 'not_found', detail, c.req.path)
  return respond(c, problem, 404, { 'content-type': PROBLEM_CONTENT_TYPE })
}

function isClosedAdminPath(path: string): boolean {
  return path.startsWith('/__mockapi') && !OPEN_ADMIN_PATHS.includes(path)
}
