import { Hono } from 'hono'
import { expect, it } from 'vitest'
import type { AppEnv } from './app-env.js'
import { afterAnswer, answerOf, composeStages, type Stage } from './compose-stages.js'

/** A Hono app whose one handler runs `stages`, as `createApp` mounts the pipeline. */
function appOf(stages: Stage[]) {
  const app = new Hono<AppEnv>()
  const pipeline = composeStages(
    stages,
    () => new Response('end', { status: 404 }),
    (error) => new Response(String((error as Error).message), { status: 500 }),
  )
  app.all('*', (c) => pipeline(c))
  return app
}

it('answers without a promise when no stage waits', () => {
  const seen: string[] = []
  const app = appOf([
    (_c, next) => {
      seen.push('outer')
      return next()
    },
    (c) => c.text('ok'),
  ])
  const answer = app.fetch(new Request('http://127.0.0.1/x'))
  expect(answer).toBeInstanceOf(Response)
  expect(seen).toEqual(['outer'])
})

it('waits where a stage waits, and the stages around it see the answer as c.res', async () => {
  const statuses: number[] = []
  const app = appOf([
    (c, next) =>
      afterAnswer(answerOf(next), () => {
        statuses.push(c.res.status)
        return undefined
      }),
    async (c) => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      return c.text('late', 201)
    },
  ])
  const answer = app.fetch(new Request('http://127.0.0.1/x'))
  expect(answer).toBeInstanceOf(Promise)
  const res = await answer
  expect(res.status).toBe(201)
  expect(await res.text()).toBe('late')
  expect(statuses).toEqual([201])
})

it('turns an error into the answer at the stage that threw it, sync or async', async () => {
  const seen: number[] = []
  const outer: Stage = (c, next) =>
    afterAnswer(answerOf(next), () => {
      seen.push(c.res.status)
      return undefined
    })
  const sync = appOf([
    outer,
    () => {
      throw new Error('sync')
    },
  ])
  const syncRes = await sync.fetch(new Request('http://127.0.0.1/x'))
  expect([syncRes.status, await syncRes.text()]).toEqual([500, 'sync'])
  const later = appOf([
    outer,
    async () => {
      await Promise.resolve()
      throw new Error('async')
    },
  ])
  const laterRes = await later.fetch(new Request('http://127.0.0.1/x'))
  expect([laterRes.status, await laterRes.text()]).toEqual([500, 'async'])
  expect(seen).toEqual([500, 500])
})

it('gives a request that passes every stage the end answer, and keeps the first answer set', async () => {
  const passing = appOf([(_c, next) => next()])
  expect((await passing.fetch(new Request('http://127.0.0.1/x'))).status).toBe(404)
  // A stage that calls next() and then returns an answer of its own does not replace the one set.
  const late = appOf([
    async (c, next) => {
      await next()
      return c.text('ignored', 418)
    },
    (c) => c.text('first', 200),
  ])
  const res = await late.fetch(new Request('http://127.0.0.1/x'))
  expect([res.status, await res.text()]).toEqual([200, 'first'])
})
