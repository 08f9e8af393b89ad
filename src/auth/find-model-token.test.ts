import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { AppEnv } from '../http/app-env.js'
import type { OperationModel, SecurityScheme } from '../model/api-model.js'
import { findModelToken } from './find-model-token.js'

const SCHEMES: Record<string, SecurityScheme> = {
  bearer: { kind: 'bearer' },
  basic: { kind: 'basic' },
  key: { kind: 'header', name: 'X-Api-Key' },
  query: { kind: 'query', name: 'api_key' },
  cookie: { kind: 'unsupported', reason: 'cookies' },
}
const op = (security: string[][]): OperationModel => ({
  method: 'get',
  path: '/x',
  parameters: [],
  responses: [],
  security,
  role: { kind: 'static' },
})

async function search(
  security: string[][],
  init: { headers?: Record<string, string>; query?: string } = {},
) {
  const app = new Hono<AppEnv>()
  app.get('/x', (c) => c.json(findModelToken(c, op(security), SCHEMES)))
  return (await app.request(`/x${init.query ?? ''}`, { headers: init.headers ?? {} })).json()
}

describe('the document’s security in the token model', () => {
  it.each([
    ['bearer', [['bearer']], { headers: { Authorization: 'Bearer t1' } }, 't1'],
    [
      'basic, the token as the password',
      [['basic']],
      { headers: { Authorization: `Basic ${btoa('anyone:t2')}` } },
      't2',
    ],
    ['an API key header', [['key']], { headers: { 'X-Api-Key': 't3' } }, 't3'],
    [
      'an API key header with a leading word',
      [['key']],
      { headers: { 'X-Api-Key': 'Token t4' } },
      't4',
    ],
    ['an API key in the query', [['query']], { query: '?api_key=t5' }, 't5'],
    ['either of two alternatives', [['bearer'], ['key']], { headers: { 'X-Api-Key': 't6' } }, 't6'],
  ])('finds the token of %s', async (_, security, init, token) => {
    expect(await search(security, init)).toEqual({ kind: 'found', token })
  })

  it.each([
    ['no security', []],
    ['an empty requirement (security: [{}])', [[]]],
    ['only schemes mockapi cannot check', [['cookie']]],
  ])('treats an operation with %s as public', async (_, security) => {
    expect(await search(security)).toEqual({ kind: 'public' })
  })

  it('says how to send the token when there is none', async () => {
    const found = (await search([['basic'], ['query']])) as {
      kind: string
      reason: string
      challenge: string
    }
    expect(found.kind).toBe('missing')
    expect(found.reason).toMatch(/basic credentials.*api_key query parameter/)
    expect(found.challenge).toBe('Basic realm="mockapi"')
  })
})
