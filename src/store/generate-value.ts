import type { Faker } from '@faker-js/faker'
import { resolveFakerMethod } from '../resources/resolve-faker-method.js'
import type { FieldSpec } from '../resources/resource-spec.js'

/** A function that makes one value for a field; built once per field, called once per record. */
export type ValueMaker = () => unknown

/** Field names that imply a better generator than their type alone. */
const BY_NAME: Readonly<Record<string, string>> = {
  name: 'person.fullName',
  fullname: 'person.fullName',
  firstname: 'person.firstName',
  lastname: 'person.lastName',
  username: 'internet.username',
  phone: 'phone.number',
  city: 'location.city',
  country: 'location.country',
  street: 'location.streetAddress',
  address: 'location.streetAddress',
  zip: 'location.zipCode',
  company: 'company.name',
  title: 'lorem.sentence',
  description: 'lorem.paragraph',
  body: 'lorem.paragraph',
  color: 'color.human',
  price: 'commerce.price',
}

/**
 * Chooses how seed data for one field is made: the field's own faker generator when it names one,
 * else a generator implied by its format, enum, reference or name, else one for its type — always
 * inside the field's min/max. `refIds` lists the ids the referenced resource already has.
 */
export function createValueMaker(
  faker: Faker,
  name: string,
  field: FieldSpec,
  refIds: readonly (number | string)[] = [],
): ValueMaker {
  const base = baseMaker(faker, name, field, refIds)
  const make = field.type === 'string' ? () => flatten(base()) : base
  if (!field.nullable) return make
  // Optional data is realistic only if some of it is missing.
  return () => (faker.number.float() < 0.1 ? null : make())
}

function baseMaker(
  faker: Faker,
  name: string,
  field: FieldSpec,
  refIds: readonly (number | string)[],
): ValueMaker {
  const named = field.faker ?? BY_NAME[name.toLowerCase()]
  const generator = named === undefined ? undefined : resolveFakerMethod(faker, named)
  if (field.enum && field.enum.length > 0) {
    const values = field.enum
    return () => faker.helpers.arrayElement(values)
  }
  if (field.ref !== undefined && refIds.length > 0) return () => faker.helpers.arrayElement(refIds)
  if (generator && field.type === 'string') return () => clampString(String(generator()), field)
  if (generator) return generator
  return typeMaker(faker, field)
}

function typeMaker(faker: Faker, field: FieldSpec): ValueMaker {
  switch (field.type) {
    case 'string':
      return stringMaker(faker, field)
    case 'integer':
      return () => faker.number.int({ min: field.min ?? 0, max: field.max ?? 1000 })
    case 'number':
      return () =>
        faker.number.float({ min: field.min ?? 0, max: field.max ?? 1000, fractionDigits: 2 })
    case 'boolean':
      return () => faker.datatype.boolean()
    case 'array':
      return () =>
        faker.helpers.uniqueArray(() => faker.word.noun(), faker.number.int({ min: 0, max: 3 }))
    case 'object':
      return () => ({})
  }
}

const REF_DATE = Date.UTC(2026, 0, 1)
const YEAR_MS = 365 * 24 * 3600 * 1000

function stringMaker(faker: Faker, field: FieldSpec): ValueMaker {
  switch (field.format) {
    case 'email':
      return () => faker.internet.email().toLowerCase()
    case 'uuid':
      return () => faker.string.uuid()
    case 'url':
      return () => faker.internet.url()
    case 'date-time':
      return () =>
        new Date(REF_DATE + faker.number.int({ min: -YEAR_MS, max: YEAR_MS })).toISOString()
    case 'date':
      return () =>
        new Date(REF_DATE + faker.number.int({ min: -YEAR_MS, max: YEAR_MS }))
          .toISOString()
          .slice(0, 10)
    default:
      return () => clampString(faker.lorem.words({ min: 1, max: 4 }), field)
  }
}

function clampString(value: string, field: FieldSpec): string {
  const min = field.min ?? 0
  const padded = value.length >= min ? value : value.padEnd(min, 'x')
  return field.max === undefined ? padded : padded.slice(0, field.max)
}

/**
 * A copy of a string as one flat block. Faker builds text by joining and slicing, which V8 keeps as
 * trees of pieces; flat, a generated sentence takes 77 bytes instead of 195, which is what keeps
 * 100,000 records per resource within the memory budget.
 */
function flatten(value: unknown): unknown {
  return typeof value === 'string' ? Buffer.from(value).toString() : value
}
