import type { OpenApiDocument } from './load-openapi.js'

const article = {
  type: 'object',
  required: ['slug', 'title', 'body', 'authorId'],
  properties: {
    slug: { type: 'string' },
    title: { type: 'string' },
    body: { type: 'string' },
    authorId: { type: 'integer' },
    subtitle: { type: 'string', nullable: true },
    tagList: { type: 'array', items: { type: 'string' } },
  },
}
const comment = {
  type: 'object',
  required: ['id', 'body'],
  properties: {
    id: { type: 'integer' },
    body: { type: 'string' },
    articleSlug: { type: 'string' },
  },
}
const errors = {
  description: 'invalid',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['errors'],
        properties: {
          errors: {
            type: 'object',
            required: ['body'],
            properties: { body: { type: 'array', items: { type: 'string' } } },
          },
        },
      },
    },
  },
}
const wrapped = (name: string, schema: object) => ({
  content: {
    'application/json': {
      schema: { type: 'object', required: [name], properties: { [name]: schema } },
    },
  },
})
const secured = [{ Token: [] }]

/** A small RealWorld-like 3.0 document: envelopes, a child collection, 422s, an API key header. */
export const REALWORLD: OpenApiDocument = {
  openapi: '3.0.3',
  info: { title: 'Conduit', version: '1' },
  servers: [{ url: 'https://conduit.example/api' }],
  components: {
    securitySchemes: { Token: { type: 'apiKey', in: 'header', name: 'Authorization' } },
  },
  paths: {
    '/authors': {
      get: {
        responses: {
          200: {
            description: 'ok',
            content: {
              'application/json': {
                schema: { type: 'array', items: { $ref: '#/components/schemas/Author' } },
              },
            },
          },
        },
      },
    },
    '/authors/{id}': {
      get: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          200: {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Author' } } },
          },
        },
      },
    },
    '/articles': {
      get: {
        parameters: [
          { name: 'offset', in: 'query', schema: { type: 'integer' } },
          { name: 'limit', in: 'query', schema: { type: 'integer' } },
          { name: 'tag', in: 'query', schema: { type: 'string' } },
        ],
        responses: {
          200: {
            description: 'ok',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['articles', 'articlesCount'],
                  properties: {
                    articles: { type: 'array', items: article },
                    articlesCount: { type: 'integer' },
                  },
                },
              },
            },
          },
        },
      },
      post: {
        security: secured,
        requestBody: { required: true, ...wrapped('article', article) },
        responses: { 201: { description: 'created', ...wrapped('article', article) }, 422: errors },
      },
    },
    '/articles/{slug}': {
      parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        responses: { 200: { description: 'ok', ...wrapped('article', article) }, 404: errors },
      },
      delete: { security: secured, responses: { 204: { description: 'gone' } } },
    },
    '/articles/{slug}/comments': {
      parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        responses: {
          200: {
            description: 'ok',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { comments: { type: 'array', items: comment } },
                },
              },
            },
          },
        },
      },
      post: {
        security: secured,
        requestBody: {
          required: true,
          ...wrapped('comment', {
            type: 'object',
            required: ['body'],
            properties: { body: { type: 'string' } },
          }),
        },
        responses: { 200: { description: 'ok', ...wrapped('comment', comment) }, 422: errors },
      },
    },
    '/articles/{slug}/comments/{id}': {
      parameters: [
        { name: 'slug', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
      ],
      delete: { security: secured, responses: { 200: { description: 'ok' } } },
    },
    '/tags': {
      get: {
        responses: {
          200: {
            description: 'ok',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { tags: { type: 'array', items: { type: 'string' } } },
                },
                examples: { few: { value: { tags: ['a', 'b'] } }, none: { value: { tags: [] } } },
              },
            },
          },
        },
      },
    },
  },
}
;(REALWORLD.components as { schemas?: object }).schemas = {
  Author: {
    type: 'object',
    required: ['id', 'name'],
    properties: { id: { type: 'integer' }, name: { type: 'string' } },
  },
}
