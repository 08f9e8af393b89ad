import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'
import { loadOpenApi } from './load-openapi.js'

/** 3.1 schemas of the kinds real documents use, each answered by an operation that is no collection. */
const schemas: Record<string, object> = {
  konst: {
    type: 'object',
    required: ['kind', 'v'],
    properties: { kind: { const: 'cat' }, v: { type: 'integer', const: 3 } },
  },
  oneOfDisc: {
    oneOf: [
      {
        type: 'object',
        required: ['type', 'bark'],
        properties: { type: { const: 'dog' }, bark: { type: 'boolean' } },
      },
      {
        type: 'object',
        required: ['type', 'meow'],
        properties: { type: { const: 'cat' }, meow: { type: 'string' } },
      },
    ],
    discriminator: { propertyName: 'type' },
  },
  tuple: {
    type: 'array',
    prefixItems: [{ type: 'string' }, { type: 'integer' }],
    minItems: 2,
    maxItems: 2,
  },
  nullable: {
    type: 'object',
    required: ['a'],
    properties: { a: { type: ['string', 'null'], maxLength: 3 } },
  },
  anyOf: {
    anyOf: [
      { type: 'string', format: 'email' },
      { type: 'integer', minimum: 10, maximum: 12 },
    ],
  },
  pattern: { type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' },
  minItems: {
    type: 'array',
    items: { type: 'string', enum: ['a', 'b', 'c'] },
    minItems: 2,
    uniqueItems: true,
  },
  addl: { type: 'object', additionalProperties: { type: 'integer' }, minProperties: 1 },
  allOfReq: {
    allOf: [
      {
        type: 'object',
        required: ['x'],
        properties: { x: { type: 'number', exclusiveMinimum: 0, multipleOf: 0.5 } },
      },
      { required: ['y'], properties: { y: { type: 'string', minLength: 5 } } },
    ],
  },
  dateTime: {
    type: 'object',
    required: ['d', 't', 'u', 'ip', 'h'],
    properties: {
      d: { type: 'string', format: 'date' },
      t: { type: 'string', format: 'time' },
      u: { type: 'string', format: 'uri' },
      ip: { type: 'string', format: 'ipv4' },
      h: { type: 'string', format: 'hostname' },
    },
  },
}
it('generates a body valid against each (checked by Ajv, not the mock): tuples, patterns, minItems, multipleOf, time', async () => {
  const paths: Record<string, object> = {}
  for (const [name, schema] of Object.entries(schemas))
    paths[`/${name}`] = {
      get: {
        responses: { 200: { description: 'ok', content: { 'application/json': { schema } } } },
      },
    }
  const openapi = await loadOpenApi({ openapi: '3.1.0', info: { title: 'g', version: '1' }, paths })
  const api = createMockApi({ openapi, auth: false, rateLimit: false })
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  const bad: string[] = []
  for (const [name, schema] of Object.entries(schemas)) {
    const res = await api.app.request(`/${name}`)
    const body = await res.json()
    const v = ajv.compile(schema)
    if (!v(body)) bad.push(`${name}: ${JSON.stringify(body)} ${ajv.errorsText(v.errors)}`)
  }
  expect(bad).toEqual([])
})
