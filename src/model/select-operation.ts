import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../http/app-env.js'
import type { ApiModel } from './api-model.js'
import { createOperationMatcher, type PathMatch } from './match-operation.js'

declare module '../http/app-env.js' {
  interface AppVariables {
    /** What the request's method and path matched in the API model. */
    operation: PathMatch | undefined
  }
}

/**
 * Finds the model's operation for each request once, early, so scenarios, security, error shapes
 * and the routes all read the same answer. `models` is read per request and compiled when it
 * changes (a data file reloaded gives new resources).
 */
export function selectOperation(models: () => readonly ApiModel[]): MiddlewareHandler<AppEnv> {
  let compiledFor: readonly ApiModel[] | undefined
  let match: ReturnType<typeof createOperationMatcher> = () => ({ kind: 'none' })
  return function selectOperation(c, next) {
    const current = models()
    if (current !== compiledFor) {
      compiledFor = current
      match = createOperationMatcher(current)
    }
    c.set('operation', match(c.req.method, c.req.path))
    return next()
  }
}
