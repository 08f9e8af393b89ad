import { describe, expect, it } from 'vitest'
import { drawDelay } from './draw-delay.js'
import type { DelaySpec } from './scenario-spec.js'
import { createRandom } from './seeded-random.js'

function sample(spec: DelaySpec, count = 5000): number[] {
  const random = createRandom(3)
  return Array.from({ length: count }, () => drawDelay(spec, random))
}

describe('drawDelay', () => {
  it('gives no delay without a spec', () => {
    expect(drawDelay(undefined, createRandom(1))).toBe(0)
  })

  it('gives a fixed delay as it is, without drawing', () => {
    const random = () => {
      throw new Error('drew')
    }
    expect(drawDelay({ kind: 'fixed', ms: 300 }, random)).toBe(300)
  })

  it('keeps a uniform delay within min and max, reaching both ends of the range', () => {
    const values = sample({ kind: 'uniform', minMs: 300, maxMs: 1500 })
    expect(Math.min(...values)).toBeGreaterThanOrEqual(300)
    expect(Math.max(...values)).toBeLessThanOrEqual(1500)
    expect(Math.min(...values)).toBeLessThan(320)
    expect(Math.max(...values)).toBeGreaterThan(1480)
  })

  it('gives whole milliseconds', () => {
    const values = sample({ kind: 'normal', meanMs: 200.5, stddevMs: 30 })
    expect(values.every(Number.isInteger)).toBe(true)
  })

  it('centres a normal delay on its mean with its spread', () => {
    const values = sample({ kind: 'normal', meanMs: 500, stddevMs: 100 })
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length
    expect(Math.abs(mean - 500)).toBeLessThan(10)
    expect(Math.abs(Math.sqrt(variance) - 100)).toBeLessThan(10)
  })

  it('clamps a normal delay at 0', () => {
    const values = sample({ kind: 'normal', meanMs: 10, stddevMs: 100 })
    expect(Math.min(...values)).toBe(0)
    expect(values.every((value) => value >= 0)).toBe(true)
  })
})
