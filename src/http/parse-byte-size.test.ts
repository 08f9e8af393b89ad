import { expect, it } from 'vitest'
import { parseByteSize } from './parse-byte-size.js'

it.each([
  ['1048576', 1_048_576],
  [2048, 2048],
  ['1mb', 1_048_576],
  ['1MB', 1_048_576],
  ['2 MB', 2_097_152],
  ['512kb', 524_288],
  ['512k', 524_288],
  ['0.5mb', 524_288],
  ['1g', 1_073_741_824],
  ['10b', 10],
])('reads %j as %d bytes', (text, bytes) => {
  expect(parseByteSize(text)).toBe(bytes)
})

it.each(['', '0', '-1', '1tb', 'mb', 'lots', '1e9', 0, 1.5, 99e300])('refuses %j', (text) => {
  expect(() => parseByteSize(text)).toThrow(/size must be a positive number of bytes/)
})
