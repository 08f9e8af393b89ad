import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../http/app-env.js'
import type { ApiModel } from './api-model.js'
import { createOperationMatcher, type PathMatch } from './match-operation.js'

declare module '../http/app-env.js' {
  interface AppVariables {
    /** What the request's method and path matched in the API model, when there is one. */
    operation: PathMatch | undefined
  }
}

/**
 * Finds the model's operation for each request once, early, so scenarios, security, error shapes
 * and the routes all read the same answer.
 */
export function selectOperation(model: ApiModel): MiddlewareHandler<AppEnv> {
  const match = createOperationMatcher(model)
  return function selectOperation(c, next) {
    c.set('operation', match(c.req.method, c.req.path))
    return next()
  }
}
