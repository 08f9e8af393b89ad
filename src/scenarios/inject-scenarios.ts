import { setTimeout as sleep } from 'node:timers/promises'
import type { Context, MiddlewareHandler, Next } from 'hono'
import { tokenInHeader } from '../auth/find-token.js'
import { type AuthOptions, DEFAULT_AUTH } from '../auth/token-spec.js'
import { type Clock, headerTime } from '../clock/clock.js'
import type { AppEnv } from '../http/app-env.js'
import { clientAddress, headerOf } from '../http/header-of.js'
import { addHeaders, respond, respondProblem } from '../http/respond.js'
import { DEFAULT_RETRY_AFTER_SECONDS } from '../limits/create-rate-limiter.js'
import type { RateLimitPolicy } from '../limits/parse-rate-limit.js'
import { actFault, clientGone, type Hanging } from './act-fault.js'
import type { Decision, RequestFacts, RuleEngine, RuleRef } from './create-rule-engine.js'
import { injectedError } from './injected-error.js'
import { type Preference, parsePrefer } from './parse-prefer.js'
import type { Fault } from './scenario-spec.js'

declare module '../http/app-env.js' {
  interface AppVariables {
    /** The scenario rule that answered or delayed the request. */
    rule: RuleRef | undefined
    /** True when that rule only delayed the natural answer. */
    delayed: boolean | undefined
    /** The network fault the rule acted out. */
    fault: Fault | undefined
    /** Something the request asked that the mock ignored, for the request log. */
    warning: string | undefined
  }
}

export interface InjectScenariosOptions {
  /** The rules in force, read on every request: scenarios change at runtime. */
  readonly engine: () => RuleEngine | undefined
  /** Whether `Prefer: code=` and `Prefer: delay=` are honoured. */
  readonly prefer: boolean
  readonly auth: AuthOptions | false
  /** The limit an injected 429's rate-limit headers show. */
  readonly rateLimit: () => RateLimitPolicy
  /** The request's rate-limit headers, uncounted, for injected answers (every answer has them). */
  readonly rateLimitHeaders: (c: Context<AppEnv>) => Record<string, string> | undefined
  /** The fields of a resource, for an injected 400's field errors. */
  readonly fieldsOf: (resource: string) => readonly string[]
  readonly clock: Clock
  readonly hanging: Hanging
  /** The `Retry-After` of an injected 429 or 503 (`--retry-after`); default 60. */
  readonly retryAfterSeconds?: number | undefined
  /**
   * The request as the mock's own routes would name it (`/pet/1` for `/api/v3/pet/1`), so that
   * rules written for `/:resource/:id` act on an API model's routes too; undefined when none.
   */
  readonly canonicalPath?: (c: Context<AppEnv>) => string | undefined
}

const PASS: Decision = { kind: 'pass' }

/**
 * Scenarios and `Prefer` at work, before every natural check: a matching rule's answer overrides
 * the natural one, as the contract says. An injected error or fault answers before any handler
 * runs, so it never changes state; a delay waits, then lets the request through. `Prefer: code=`
 * wins over the rules for its one request; `Prefer: delay=` adds to whatever the answer is.
 */
export function injectScenarios(options: InjectScenariosOptions): MiddlewareHandler<AppEnv> {
  const { auth, clock } = options
  const scheme = (auth || DEFAULT_AUTH).scheme ?? 'Bearer'
  // Not async: most requests meet no rule and go straight on.
  return function injectScenarios(c, next) {
    const preference = options.prefer ? honoured(c, parsePrefer(headerOf(c, 'prefer'))) : undefined
    const engine = options.engine()
    const alias = engine ? options.canonicalPath?.(c) : undefined
    const decision = engine ? engine.decide(factsOf(c, auth || DEFAULT_AUTH, alias)) : PASS
    if (decision.kind === 'pass' && preference === undefined) return next()
    return intervene(c, next, decision, preference)
  }

  /** Waits, then answers as the rule or the preference says, or lets the request through. */
  async function intervene(
    c: Context<AppEnv>,
    next: Next,
    decision: Decision,
    preference: Preference | undefined,
  ): Promise<Response | undefined> {
    const forced = preference?.code
    if (preference !== undefined) addHeaders(c, { 'Preference-Applied': applied(preference) })
    if (decision.kind !== 'pass' && forced === undefined) {
      c.set('rule', decision.rule)
      if (decision.kind === 'delay' && decision.ms > 0) c.set('delayed', true)
    }
    const wait = (preference?.delayMs ?? 0) + (forced === undefined ? delayOf(decision) : 0)
    // A client that goes away lets go of its timer at once, not when the delay ends.
    if (wait > 0 && !(await held(wait, c.req.raw.signal))) return clientGone()

    const extra = decision.kind === 'delay' ? decision.headers : undefined
    if (forced !== undefined) {
      return withHeaders(injected(c, `Prefer: code=${forced}`, forced), extra)
    }
    switch (decision.kind) {
      case 'pass':
      case 'delay':
        await next()
        withHeaders(c.res, extra)
        return undefined
      case 'respond': {
        const { rule, status, body, headers } = decision
        return injected(c, describeRule(rule), status, body, headers)
      }
      case 'fault': {
        const { rule, status, body, headers } = decision
        c.set('fault', decision.fault)
        const answer =
          status === undefined && body === undefined
            ? undefined
            : () => injected(c, describeRule(rule), status ?? 200, body, headers)
        const response = await actFault(c, next, decision.fault, {
          hanging: options.hanging,
          injected: answer,
          now: clock.now(),
        })
        // After `next()` Hono keeps the answer it has and copies its headers onto a new one;
        // clearing it first makes this response the answer, headers and all.
        c.res = undefined
        c.res = response
        return response
      }
    }
  }

  /** The injected answer: the contract's problem for `status`, or the rule's own `body`. */
  function injected(
    c: Context<AppEnv>,
    by: string,
    status: number,
    body?: unknown,
    headers?: Readonly<Record<string, string>>,
  ): Response {
    const limits = options.rateLimitHeaders(c)
    if (limits !== undefined) addHeaders(c, limits)
    const error = injectedError(status, {
      by,
      fields: options.fieldsOf((options.canonicalPath?.(c) ?? c.req.path).split('/')[1] ?? ''),
      scheme,
      rateLimit: options.rateLimit(),
      now: headerTime(clock),
      retryAfterSeconds: options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS,
      headers,
    })
    return body === undefined ? respondProblem(c, error) : respond(c, body, status, error.headers)
  }
}

/** A headers-only rule's headers, over the answer's own (injected or natural). */
function withHeaders(
  response: Response,
  headers: Readonly<Record<string, string>> | undefined,
): Response {
  if (headers === undefined) return response
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value)
  return response
}

/** The preferences the mock honours; the ignored ones become the request's log warning. */
function honoured(c: Context<AppEnv>, preference: Preference | undefined): Preference | undefined {
  if (preference?.ignored === undefined) return preference
  c.set('warning', `Prefer ignored: ${preference.ignored.join(', ')}`)
  const { code, delayMs } = preference
  if (code === undefined && delayMs === undefined) return undefined
  return { ...(code === undefined ? {} : { code }), ...(delayMs === undefined ? {} : { delayMs }) }
}

function delayOf(decision: Decision): number {
  if (decision.kind === 'pass') return 0
  return decision.kind === 'delay' ? decision.ms : decision.delayMs
}

/** What a rule is called in messages and the log: `flaky, rule 1` (rules count from 1). */
export function describeRule(rule: RuleRef): string {
  return `scenario ${rule.scenario}, rule ${rule.index + 1}`
}

function applied(preference: Preference): string {
  const parts = [
    ...(preference.code === undefined ? [] : [`code=${preference.code}`]),
    ...(preference.delayMs === undefined ? [] : [`delay=${preference.delayMs}`]),
  ]
  return parts.join(', ')
}

function factsOf(c: Context<AppEnv>, auth: AuthOptions, canonicalPath?: string): RequestFacts {
  return new ContextFacts(c, tokenInHeader(auth, headerOf(c, auth.header)), canonicalPath)
}

/**
 * A request as the rule engine reads it, each part worked out only when a rule asks. A class, not
 * an object literal: a literal with a getter gets a hidden class of its own every time, which
 * made every request with scenarios loaded cost several times more.
 */
class ContextFacts implements RequestFacts {
  readonly method: string
  readonly path: string
  readonly token: string | undefined
  readonly #c: Context<AppEnv>
  #headers: Record<string, unknown> | undefined
  #query: URLSearchParams | undefined

  readonly canonicalPath: string | undefined

  constructor(c: Context<AppEnv>, token: string | undefined, canonicalPath?: string) {
    this.#c = c
    this.method = c.req.method
    this.path = c.req.path
    this.canonicalPath = canonicalPath
    this.token = token
  }

  headers(name: string): string | undefined {
    // One plain object per request: rules may ask for many headers, and Node's parsed ones (or,
    // in-process, a copy of the Request's) answer each without a Headers lookup.
    this.#headers ??=
      (this.#c.env?.incoming?.headers as Record<string, unknown> | undefined) ??
      Object.fromEntries(this.#c.req.raw.headers)
    const value = this.#headers[name]
    return Array.isArray(value) ? value.join(', ') : (value as string | undefined)
  }

  get query(): URLSearchParams {
    if (this.#query === undefined) {
      const url = this.#c.req.url
      const start = url.indexOf('?')
      this.#query = new URLSearchParams(start === -1 ? '' : url.slice(start + 1))
    }
    return this.#query
  }

  get ip(): string {
    return clientAddress(this.#c)
  }
}

/** Waits `ms`; false when the client went away first. */
async function held(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal })
    return true
  } catch {
    return false
  }
}
