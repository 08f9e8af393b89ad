/**
 * The one model of an API that the routes, the store, validation and data generation are built
 * from. An OpenAPI document is read into it (`src/openapi/`); the built-in and config resources
 * are its collections with the mock's own conventions.
 */

/** A JSON Schema as the document writes it (3.0 schemas are translated where validated). */
export type JsonSchema = Readonly<Record<string, unknown>>

/** The HTTP methods an operation can have. */
export const OPERATION_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'patch',
  'head',
  'options',
] as const
export type OperationMethod = (typeof OPERATION_METHODS)[number]

export interface NamedExample {
  readonly name: string
  readonly value: unknown
}

/** One response an operation declares: `200`, `4XX` or `default`. */
export interface DeclaredResponse {
  readonly status: string
  /** The media type answered (JSON first); absent when the response declares no content. */
  readonly contentType?: string
  /** Every media type the response declares. */
  readonly contentTypes: readonly string[]
  readonly schema?: JsonSchema
  readonly examples: readonly NamedExample[]
  /** Headers the response declares, with their schema (and example, when given). */
  readonly headers: Readonly<
    Record<string, { readonly schema?: JsonSchema; readonly example?: unknown }>
  >
}

export interface ParameterModel {
  readonly name: string
  readonly in: 'path' | 'query' | 'header' | 'cookie'
  readonly required: boolean
  readonly schema?: JsonSchema
}

export interface RequestBodyModel {
  readonly required: boolean
  /** Media types the operation accepts, JSON first. */
  readonly contentTypes: readonly string[]
  /** The JSON body's schema, when one of the types is JSON. */
  readonly schema?: JsonSchema
}

/** What an operation does to a collection, or `static` when it answers from the document. */
export type OperationRole =
  | { readonly kind: 'list' | 'create' | 'put-collection'; readonly collection: string }
  | { readonly kind: 'read' | 'update' | 'replace' | 'delete'; readonly collection: string }
  | { readonly kind: 'static' }

export interface OperationModel {
  readonly method: OperationMethod
  /** The path as the document writes it, e.g. `/pet/{petId}`. */
  readonly path: string
  readonly operationId?: string
  readonly parameters: readonly ParameterModel[]
  readonly requestBody?: RequestBodyModel
  readonly responses: readonly DeclaredResponse[]
  /** Alternatives of security scheme names; empty means public. */
  readonly security: readonly (readonly string[])[]
  readonly role: OperationRole
}

/** The kind of value a collection's keys are, and so how new ones are made. */
export type KeyKind = 'integer' | 'uuid' | 'string'

export interface CollectionModel {
  /** The collection's name: the last segment of its path, e.g. `special-events`. */
  readonly name: string
  /** `/pets`, or `/articles/{slug}/comments` for a child collection. */
  readonly path: string
  /** `/pets/{id}`. */
  readonly itemPath: string
  /** The item property holding the key, and the path parameter that carries it. */
  readonly key: { readonly field: string; readonly param: string; readonly kind: KeyKind }
  readonly itemSchema: JsonSchema
  /** For a child collection: its parent and the field that holds the parent's key. */
  readonly parent?: { readonly collection: string; readonly param: string; readonly field: string }
  /** Item examples from the document; they become the first records. */
  readonly examples: readonly Readonly<Record<string, unknown>>[]
}

/** How one security scheme of the document carries a token. */
export type SecurityScheme =
  | { readonly kind: 'bearer' }
  | { readonly kind: 'basic' }
  | { readonly kind: 'header'; readonly name: string }
  | { readonly kind: 'query'; readonly name: string }
  | { readonly kind: 'unsupported'; readonly reason: string }

export interface ApiModel {
  readonly title: string
  /** Where routes are served, `''` for the root. */
  readonly basePath: string
  /** Whether schemas are JSON Schema 2020-12 (3.1) or OpenAPI 3.0's dialect. */
  readonly dialect: '3.0' | '3.1'
  readonly collections: readonly CollectionModel[]
  readonly operations: readonly OperationModel[]
  readonly securitySchemes: Readonly<Record<string, SecurityScheme>>
  /** What the mock does not serve as the document describes, one line each. */
  readonly warnings: readonly string[]
}
