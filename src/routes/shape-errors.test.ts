import { describe, expect, it } from 'vitest'
import { createProblem } from '../http/problem.js'
import type { DeclaredResponse } from '../model/api-model.js'
import { createSchemaValidator } from '../openapi/create-schema-validator.js'
import { declaredFor, shapedBody } from './shape-errors.js'

const validator = createSchemaValidator('3.0')
const problem = createProblem(400, 'validation_failed', 'The body has 1 invalid field.', '/x', [
  { field: 'name', message: 'is required' },
])
const response = (
  schema: object,
  examples: DeclaredResponse['examples'] = [],
): DeclaredResponse => ({
  status: '400',
  contentType: 'application/json',
  contentTypes: ['application/json'],
  schema: schema as Record<string, unknown>,
  examples,
  headers: {},
})
const generate = () => ({ code: 0, message: 'generated' })

describe('error shapes', () => {
  it('carries the reason, every bad field included, in the message field', () => {
    const schema = {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'integer' }, message: { type: 'string' } },
    }
    expect(shapedBody(response(schema), problem, generate, validator)).toEqual({
      code: 400,
      message: 'The body has 1 invalid field. name is required.',
    })
  })

  it('fills nested errors.body[] with the reason and each field', () => {
    const schema = {
      type: 'object',
      properties: {
        errors: {
          type: 'object',
          properties: { body: { type: 'array', items: { type: 'string' } } },
        },
      },
    }
    const body = shapedBody(response(schema), problem, () => ({ errors: { body: [] } }), validator)
    expect(body).toEqual({
      errors: { body: ['The body has 1 invalid field.', 'name is required'] },
    })
  })

  it('starts from the declared example', () => {
    const schema = {
      type: 'object',
      properties: { title: { type: 'string' }, kind: { type: 'string' } },
    }
    const body = shapedBody(
      response(schema, [{ name: 'e', value: { title: 'x', kind: 'bad' } }]),
      problem,
      generate,
      validator,
    )
    expect(body).toEqual({ title: 'The body has 1 invalid field. name is required.', kind: 'bad' })
  })

  it('keeps the example when the reason would not fit the schema', () => {
    const schema = {
      type: 'object',
      properties: { message: { type: 'string', enum: ['Invalid input'] } },
    }
    const body = shapedBody(
      response(schema, [{ name: 'e', value: { message: 'Invalid input' } }]),
      problem,
      generate,
      validator,
    )
    expect(body).toEqual({ message: 'Invalid input' })
  })

  it('finds the response for a status: its own, its range, then default', () => {
    const r = (status: string) => ({ ...response({}), status })
    expect(declaredFor([r('default'), r('4XX'), r('404')], 404)?.status).toBe('404')
    expect(declaredFor([r('default'), r('4XX')], 429)?.status).toBe('4XX')
    expect(declaredFor([r('default')], 503)?.status).toBe('default')
    expect(declaredFor([r('200')], 503)).toBeUndefined()
  })

  it('answers the problem as it is where problem+json is declared and the problem fits', () => {
    const schema = {
      type: 'object',
      required: ['code', 'status'],
      properties: { code: { enum: ['validation_failed'] }, status: { const: 400 } },
    }
    const declared = { ...response(schema), contentType: 'application/problem+json' }
    expect(shapedBody(declared, problem, generate, validator)).toEqual(problem)
    const other = { ...declared, schema: { ...schema, properties: { code: { enum: ['x'] } } } }
    expect(shapedBody(other, problem, generate, validator)).toEqual(generate())
  })

  it("says the reason in the problem's declared message fields when its schema names no detail", () => {
    const museum = {
      type: 'object',
      properties: { type: { type: 'string' }, title: { type: 'string' } },
    }
    const declared = { ...response(museum), contentType: 'application/problem+json' }
    const answered = shapedBody(declared, problem, generate, validator) as Record<string, unknown>
    expect(answered).toEqual({ ...problem, title: `${problem.detail} name is required.` })
    // A schema with a detail of its own keeps the problem's title: the reason is in detail.
    const rfc = { ...museum, properties: { ...museum.properties, detail: { type: 'string' } } }
    const kept = { ...declared, schema: rfc }
    expect(shapedBody(kept, problem, generate, validator)).toEqual(problem)
  })
})
