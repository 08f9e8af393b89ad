import { afterAnswer, answerOf, type Stage } from '../http/compose-stages.js'
import { redactQuery } from '../http/redact-secrets.js'
import { networkFailureOf } from '../scenarios/act-fault.js'
import type { RuleRef } from '../scenarios/compile-rules.js'
import type { Fault } from '../scenarios/scenario-spec.js'

/** One line's worth of a finished request, handed to the `onRequest` option. */
export interface RequestLogEntry {
  readonly method: string
  readonly path: string
  /** 0 when a fault left the request without an answer (`reset`, `empty`, `hang`). */
  readonly status: number
  readonly ms: number
  /** The network fault a scenario acted out, if one did. */
  readonly fault: Fault | undefined
  /** The scenario rule that answered or delayed the request, if one did. */
  readonly rule: RuleRef | undefined
  /** True when that rule only delayed the natural answer. */
  readonly delayed: boolean
  /** What the mock ignored in the request (`Prefer` values it cannot honour), if anything. */
  readonly warning?: string
}

/** Reports every request once it has its answer, errors included. */
export function logRequests(onRequest: (entry: RequestLogEntry) => void): Stage {
  return function logRequests(c, next) {
    const start = performance.now()
    return afterAnswer(answerOf(next), () => {
      onRequest({
        method: c.req.method,
        // Credentials a client put in the query string never reach a log.
        path: redactQuery(pathWithQuery(c.req.url)),
        status: networkFailureOf(c.res) === undefined ? c.res.status : 0,
        fault: c.get('fault'),
        ms: performance.now() - start,
        rule: c.get('rule'),
        delayed: c.get('delayed') === true,
        ...(c.get('warning') === undefined ? {} : { warning: c.get('warning') as string }),
      })
      return undefined
    })
  }
}

function pathWithQuery(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2)
  return start === -1 ? '/' : url.slice(start)
}
