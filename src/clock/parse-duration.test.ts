import { describe, expect, it } from 'vitest'
import { parseDuration } from './parse-duration.js'

describe('parseDuration', () => {
  it.each([
    ['300ms', 300],
    ['2s', 2000],
    ['1.5s', 1500],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['24h', 86_400_000],
    ['0s', 0],
    ['250', 250],
    [' 10s ', 10_000],
    ['0.4ms', 0],
    [250, 250],
    [12.6, 13],
    [0, 0],
  ])('reads %j as %i ms', (text, expected) => {
    expect(parseDuration(text)).toBe(expected)
  })

  it.each([
    [
      'fast',
      'duration must look like 300ms, 2s, 5m or 1h (or a number of milliseconds), got "fast"',
    ],
    ['', 'duration must look like 300ms'],
    ['10 s', 'duration must look like 300ms'],
    ['10S', 'duration must look like 300ms'],
    ['-5s', 'duration must look like 300ms'],
    ['.5s', 'duration must look like 300ms'],
    ['1d', 'duration must look like 300ms'],
    ['25h', 'duration must be from 0ms to 24h, got "25h"'],
    [-1, 'duration must be from 0ms to 24h, got -1'],
    [Number.NaN, 'duration must be from 0ms to 24h'],
    [Number.POSITIVE_INFINITY, 'duration must be from 0ms to 24h'],
  ])('refuses %j', (text, message) => {
    expect(() => parseDuration(text)).toThrow(RangeError)
    expect(() => parseDuration(text)).toThrow(message)
  })
})
