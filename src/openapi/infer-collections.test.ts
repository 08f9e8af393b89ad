import { describe, expect, it } from 'vitest'
import { inferKey } from './infer-collections.js'

describe('inferKey', () => {
  it.each([
    [
      'the property named like the parameter',
      'username',
      { username: { type: 'string' }, id: { type: 'integer' } },
      'username',
      'string',
    ],
    [
      'id when no property is named like the parameter',
      'petId',
      { id: { type: 'integer', format: 'int64' }, name: { type: 'string' } },
      'id',
      'integer',
    ],
    [
      'a uuid key from its format',
      'eventId',
      { eventId: { type: 'string', format: 'uuid' } },
      'eventId',
      'uuid',
    ],
    [
      'a property the parameter ends with',
      'articleSlug',
      { slug: { type: 'string' }, title: { type: 'string' } },
      'slug',
      'string',
    ],
    [
      'a property that ends with the parameter’s name',
      'code',
      { countryCode: { type: 'string' } },
      'countryCode',
      'string',
    ],
    [
      'the parameter itself when nothing fits',
      'key',
      { title: { type: 'string' } },
      'key',
      'string',
    ],
  ])('finds %s', (_, param, properties, field, kind) => {
    expect(inferKey(param, { type: 'object', properties })).toEqual({ field, param, kind })
  })

  it('looks through allOf', () => {
    const schema = {
      allOf: [
        { properties: { name: { type: 'string' } } },
        { properties: { id: { type: 'integer' } } },
      ],
    }
    expect(inferKey('id', schema).kind).toBe('integer')
  })
})
