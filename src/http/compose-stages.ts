import type { Context, Next } from 'hono'
import type { AppEnv } from './app-env.js'

/** An answer now, or one that comes once a stage has waited (a body, a delay). */
export type Answer = Response | Promise<Response>

/**
 * A stage of the pipeline: Hono's middleware, except that it may answer without a promise. Its
 * `next` keeps Hono's type, so any Hono middleware is a stage; `answerOf(next)` reads what it
 * really returns.
 */
export type Stage = (
  c: Context<AppEnv>,
  next: Next,
  // biome-ignore lint/suspicious/noConfusingVoidType: Hono's middleware answers Promise<Response | void>
) => Response | undefined | Promise<Response | void>

/**
 * The pipeline's stages run as one Hono handler. Hono's own compose makes every stage a promise
 * and every request wait for the microtask queue; here a stage's `next()` returns the answer of
 * the stages after it as it comes — a `Response` when none of them waited — so a request no stage
 * makes wait is answered synchronously, and `@hono/node-server` writes it at once. Otherwise it
 * keeps Hono's rules: an error becomes the answer at the stage that threw it (the stages around it
 * see it as `c.res`), a stage's own answer counts only when none was set yet, and a request that
 * passes every stage gets `end`.
 */
export function composeStages(
  stages: readonly Stage[],
  end: (c: Context<AppEnv>) => Response,
  onError: (error: unknown, c: Context<AppEnv>) => Response,
): (c: Context<AppEnv>) => Answer {
  return function pipeline(c) {
    // One `next` for the request: the stage calling it is always the deepest one started, since
    // each stage calls it once at most and only that call starts the stages after it.
    let depth = -1
    // What the latest `next()` returned: a stage that hands it on is settled already.
    let after: Answer | undefined
    const next = (() => {
      after = dispatch(depth + 1)
      return after
    }) as unknown as Next
    const dispatch = (i: number): Answer => {
      depth = i
      const stage = stages[i]
      if (stage === undefined) return settle(c, end(c), false)
      let result: unknown
      try {
        result = stage(c, next)
      } catch (error) {
        return settle(c, onError(error, c), true)
      }
      if (!(result instanceof Promise)) return settle(c, result, false)
      if (result === after) return result
      return result.then(
        (value: unknown) => settle(c, value, false),
        (error: unknown) => settle(c, onError(error, c), true),
      )
    }
    return dispatch(0)
  }
}

/** What `next()` returns under `composeStages` (and Hono's compose): the answer, now or later. */
export function answerOf(next: Next): Answer {
  return next() as unknown as Answer
}

/** What `then` makes of the answer, now or once it comes. */
export function afterAnswer<T>(
  answer: Answer,
  then: (response: Response) => T,
): T | Promise<Awaited<T>> {
  return answer instanceof Promise ? (answer.then(then) as Promise<Awaited<T>>) : then(answer)
}

function settle(c: Context<AppEnv>, value: unknown, isError: boolean): Response {
  // As Hono: a stage's return value is the answer unless one is already set, an error's always.
  if (value && (!c.finalized || isError)) c.res = value as Response
  return c.res
}
