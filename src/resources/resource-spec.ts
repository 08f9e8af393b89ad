/** The value types a resource field can hold. */
export const FIELD_TYPES = ['string', 'integer', 'number', 'boolean', 'array', 'object'] as const
export type FieldType = (typeof FIELD_TYPES)[number]

/** String formats a field can require; `url` accepts absolute http(s) URLs. */
export const FIELD_FORMATS = ['email', 'uuid', 'date-time', 'date', 'url'] as const
export type FieldFormat = (typeof FIELD_FORMATS)[number]

/** Fields every record has and no client may write. */
export const READ_ONLY_FIELDS = ['id', 'createdAt', 'updatedAt'] as const

/** One field of a resource's schema. `min`/`max` bound numbers by value and strings/arrays by length. */
export interface FieldSpec {
  readonly type: FieldType
  readonly format?: FieldFormat
  readonly required?: boolean
  readonly readOnly?: boolean
  readonly nullable?: boolean
  readonly enum?: readonly (string | number)[]
  readonly min?: number
  readonly max?: number
  /** Name of the resource whose `id` this field holds (e.g. `users`). */
  readonly ref?: string
  /** A faker generator by path, such as `person.fullName`, used for seed data. */
  readonly faker?: string
}

/** A named collection served under `/<name>`. Records always have `id`, `createdAt`, `updatedAt`. */
export interface ResourceSpec {
  readonly name: string
  readonly fields: Readonly<Record<string, FieldSpec>>
  /** How many records to generate; `undefined` means the instance's `count` option. */
  readonly count?: number
  /** Literal fixture records, served as written (ids assigned when missing). */
  readonly records?: readonly Readonly<Record<string, unknown>>[]
  /** The field that identifies a record. Default `id`. */
  readonly key?: string
  /** Whether the store sets `createdAt`/`updatedAt` (and assigns `id`s). Default `true`. */
  readonly stamps?: boolean
  /** The kind of key a new record gets when the store makes it (`stamps: false`). Default `integer`. */
  readonly keyKind?: KeyKind
  /** One record served at `/<name>` itself (GET, PUT, PATCH), as a json-server top-level object. */
  readonly singular?: boolean
  /** A list without `page`/`per_page` answers every record, as json-server does. Default `false`. */
  readonly unpaged?: boolean
  /** Fields it does not declare are accepted as they come (a data file's empty collection). */
  readonly openFields?: boolean
}

/** The kind of value a resource's keys are, and so how new ones are made. */
export type KeyKind = 'integer' | 'uuid' | 'string'

/** A stored record: plain JSON, `id` always present. */
export type ResourceRecord = Readonly<Record<string, unknown>> & { readonly id: number | string }

export function isFieldType(value: unknown): value is FieldType {
  return FIELD_TYPES.includes(value as FieldType)
}

export function isFieldFormat(value: unknown): value is FieldFormat {
  return FIELD_FORMATS.includes(value as FieldFormat)
}
