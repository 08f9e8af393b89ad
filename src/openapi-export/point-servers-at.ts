import type { OpenApiDocument } from './build-openapi-document.js'

/**
 * The user's OpenAPI document as the mock serves it: unchanged but for `servers`, which names
 * only the mock (its URL and base path), so that clients and tools built from it call the mock.
 *
 * @example
 * pointServersAt(document, 'http://127.0.0.1:4000/api/v3').servers
 * // [{ url: 'http://127.0.0.1:4000/api/v3', description: 'This mock' }]
 */
export function pointServersAt(document: OpenApiDocument, url: string): OpenApiDocument {
  const { openapi, info, servers: _, ...rest } = document
  return { openapi, info, servers: [{ url, description: 'This mock' }], ...rest }
}
