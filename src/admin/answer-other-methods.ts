import type { Hono } from 'hono'
import { HttpError } from '../errors/http-error.js'
import type { AppEnv } from '../http/app-env.js'

const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

/**
 * For every path `app` serves so far, any other method answers 405 `method_not_allowed` with
 * `Allow`, as the resource routes do (a GET route serves HEAD too). Call it after the routes.
 */
export function answerOtherMethods(app: Hono<AppEnv>): void {
  const allowed = new Map<string, Set<string>>()
  for (const { method, path } of app.routes) {
    if (method === 'ALL') continue
    const methods = allowed.get(path) ?? new Set<string>()
    methods.add(method)
    if (method === 'GET') methods.add('HEAD')
    allowed.set(path, methods)
  }
  for (const [path, methods] of allowed) {
    const allow = ORDER.filter((method) => methods.has(method)).join(', ')
    app.all(path, (c) => {
      throw new HttpError(405, {
        code: 'method_not_allowed',
        detail: `${c.req.method} is not allowed here. Allowed: ${allow}.`,
        headers: { Allow: allow },
      })
    })
  }
}
