import { describe, expect, it } from 'vitest'
import { createRandom, deriveSeed } from './seeded-random.js'

function draws(random: () => number, count: number): number[] {
  return Array.from({ length: count }, () => random())
}

describe('createRandom', () => {
  it('gives the published mulberry32 values for seed 42', () => {
    expect(draws(createRandom(42), 2)).toEqual([0.6011037519201636, 0.44829055899754167])
  })

  it('gives the same sequence for the same seed', () => {
    expect(draws(createRandom(7), 1000)).toEqual(draws(createRandom(7), 1000))
  })

  it('gives different sequences for different seeds', () => {
    expect(draws(createRandom(7), 10)).not.toEqual(draws(createRandom(8), 10))
  })

  it('stays in [0, 1) and spreads over the range', () => {
    const values = draws(createRandom(1), 10_000)
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true)
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length
    expect(mean).toBeGreaterThan(0.48)
    expect(mean).toBeLessThan(0.52)
  })

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses the seed %s', (seed) => {
    expect(() => createRandom(seed)).toThrow(RangeError)
  })
})

describe('deriveSeed', () => {
  it('is stable for the same seed and label', () => {
    expect(deriveSeed(42, 'flaky#0/0:chance')).toBe(deriveSeed(42, 'flaky#0/0:chance'))
  })

  it.each([
    [42, 'flaky#0/0:chance', 42, 'flaky#0/1:chance'],
    [42, 'flaky#0/0:chance', 42, 'flaky#0/0:delay'],
    [42, 'flaky#0/0:chance', 43, 'flaky#0/0:chance'],
  ])('differs between (%i, %s) and (%i, %s)', (seedA, labelA, seedB, labelB) => {
    expect(deriveSeed(seedA, labelA)).not.toBe(deriveSeed(seedB, labelB))
  })

  it('gives an unsigned 32-bit integer', () => {
    const seed = deriveSeed(-1, 'x')
    expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32).toBe(true)
  })
})
