import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { describeBytes, readFailure, readFileSafely } from './read-file-safely.js'

const dir = mkdtempSync(join(tmpdir(), 'mockapi-read-safely-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function failure(path: string, maxBytes = 1024): string {
  try {
    readFileSafely(path, maxBytes)
  } catch (error) {
    return readFailure(error)
  }
  throw new Error(`expected ${path} to be refused`)
}

it('reads a regular file, through a symlink too (as ConfigMap mounts use them)', () => {
  writeFileSync(join(dir, 'real.yaml'), 'count: 3\n')
  symlinkSync(join(dir, 'real.yaml'), join(dir, 'link.yaml'))
  expect(readFileSafely(join(dir, 'link.yaml'), 1024)).toBe('count: 3\n')
})

it('refuses a file over the limit without reading it', () => {
  writeFileSync(join(dir, 'big.yaml'), 'x'.repeat(3000))
  expect(failure(join(dir, 'big.yaml'))).toBe('it is 2.9 KB, over the 1 KB limit')
})

it('refuses a FIFO at once, never waiting for a writer', () => {
  execFileSync('mkfifo', [join(dir, 'fifo.yaml')])
  expect(failure(join(dir, 'fifo.yaml'))).toBe('it is a FIFO (named pipe), not a regular file')
})

it('refuses a device, a folder and a symlink loop', () => {
  expect(failure('/dev/zero')).toBe('it is a device, not a regular file')
  expect(failure(dir)).toBe('it is a folder, not a regular file')
  symlinkSync(join(dir, 'b.yaml'), join(dir, 'a.yaml'))
  symlinkSync(join(dir, 'a.yaml'), join(dir, 'b.yaml'))
  expect(failure(join(dir, 'a.yaml'))).toBe('it is a symlink loop')
})

it('describes sizes in units of 1024', () => {
  expect([
    describeBytes(5 * 1024 * 1024),
    describeBytes(64 * 1024 * 1024),
    describeBytes(10),
  ]).toEqual(['5 MB', '64 MB', '10 bytes'])
})
