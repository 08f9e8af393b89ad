import { describe, expect, it } from 'vitest'
import { createMatchCounter } from './count-matches.js'

describe('createMatchCounter', () => {
  it('counts each key on its own, from 1', () => {
    const counter = createMatchCounter()
    const counts = ['a', 'a', 'b', 'a', 'b'].map((key) => counter.next(key, 0))
    expect(counts).toEqual([1, 2, 1, 3, 2])
  })

  it('starts a key over when the period changes', () => {
    const counter = createMatchCounter()
    const counts = [0, 0, 1, 1, 1, 3].map((period) => counter.next('a', period))
    expect(counts).toEqual([1, 2, 1, 2, 3, 1])
  })

  it('forgets the key seen first when full, which then starts over', () => {
    const counter = createMatchCounter(2)
    counter.next('a', 0)
    counter.next('a', 0)
    counter.next('b', 0)
    expect(counter.next('c', 0)).toBe(1)
    expect(counter.size).toBe(2)
    expect(counter.next('b', 0)).toBe(2)
    expect(counter.next('a', 0)).toBe(1)
  })

  it('stays within its cap under many keys', () => {
    const counter = createMatchCounter(100)
    for (let i = 0; i < 5000; i++) counter.next(`token-${i}`, 0)
    expect(counter.size).toBe(100)
  })

  it('forgets everything on clear', () => {
    const counter = createMatchCounter()
    counter.next('a', 0)
    counter.clear()
    expect(counter.size).toBe(0)
    expect(counter.next('a', 0)).toBe(1)
  })

  it.each([0, -1, 1.5, Number.NaN])('refuses %s keys', (maxKeys) => {
    expect(() => createMatchCounter(maxKeys)).toThrow(RangeError)
  })
})
