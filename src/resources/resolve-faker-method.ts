import type { Faker } from '@faker-js/faker'

/**
 * Finds a faker generator by its dotted path (`person.fullName`, `internet.email`). Returns
 * `undefined` when the path names no function, so callers can report it as a config problem.
 */
export function resolveFakerMethod(faker: Faker, path: string): (() => unknown) | undefined {
  const [module, method, ...rest] = path.split('.')
  if (module === undefined || method === undefined || rest.length > 0) return undefined
  if (!isSafeKey(module) || !isSafeKey(method)) return undefined
  const owner: unknown = Reflect.get(faker, module)
  if (typeof owner !== 'object' || owner === null || !Object.hasOwn(faker, module)) return undefined
  const fn: unknown = Reflect.get(owner, method)
  if (typeof fn !== 'function') return undefined
  return () => Reflect.apply(fn, owner, [])
}

function isSafeKey(key: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9]*$/.test(key) && key !== 'constructor' && key !== 'prototype'
}
