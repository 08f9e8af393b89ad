import type { Faker } from '@faker-js/faker'
import { faker as englishFaker } from '@faker-js/faker/locale/en'

// The package root loads every locale (~200 ms at start-up); the English entry loads one. Its
// constructor and merged definitions make new, independent instances with the same output.
const FakerClass = englishFaker.constructor as new (options: {
  locale: Faker['rawDefinitions']
}) => Faker

/** A faker of its own for one instance or resource — never the global one, so seeds never leak. */
export function createFaker(seed: number | number[] = 0): Faker {
  const faker = new FakerClass({ locale: englishFaker.rawDefinitions })
  faker.seed(seed)
  return faker
}
