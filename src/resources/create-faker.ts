import { base, en, Faker } from '@faker-js/faker'

/** A faker of its own for one instance or resource — never the global one, so seeds never leak. */
export function createFaker(seed: number | number[]): Faker {
  const faker = new Faker({ locale: [en, base] })
  faker.seed(seed)
  return faker
}
