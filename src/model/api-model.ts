/**
 * The one model of an API that the routes are built from. It has two readers: an OpenAPI
 * document (`src/openapi/read-openapi.ts`) and the mock's own resources — built-in, config or
 * data file (`src/model/model-of-resources.ts`). Both give collections, operations with the role
 * each plays, and security; one router (`match-operation.ts`) and one routes stage serve them.
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

/** A list or create narrowed to one parent record: `/users/{id}/posts` holds posts of user `id`. */
export interface ParentLink {
  readonly collection: string
  /** The path parameter holding the parent's key. */
  readonly param: string
  /** The child's field holding the parent's key. */
  readonly field: string
}

/**
 * What an operation does to a collection; `static` when it answers from the document, `index`
 * for the list of collections at `/`.
 */
export type OperationRole =
  | {
      readonly kind: 'list' | 'create'
      readonly collection: string
      /** Narrowed to a parent other than the collection's own (a resource's nested route). */
      readonly via?: ParentLink
    }
  | { readonly kind: 'put-collection'; readonly collection: string }
  | { readonly kind: 'read' | 'update' | 'replace' | 'delete'; readonly collection: string }
  | { readonly kind: 'static' }
  | { readonly kind: 'index' }

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
  readonly parent?: ParentLink
  /** One record served at `path` itself, without a key (a data file's top-level object). */
  readonly singular?: boolean
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

/**
 * How a source's operations answer. `openapi`: as the document declares — its statuses, shapes,
 * JSON Schema checks and security schemes. `resources`: the mock's own contract — field checks
 * with the contract's messages, mockapi's list query and json-server's aliases, `createdAt` and
 * `updatedAt`, the header token.
 */
export type ModelSource = 'openapi' | 'resources'

export interface ApiModel {
  readonly source: ModelSource
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
