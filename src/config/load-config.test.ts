import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FileError } from '../errors/file-error.js'
import { loadConfig } from './load-config.js'

describe('loadConfig', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mockapi-config-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('reads and parses a config file', async () => {
    const file = join(dir, 'mockapi.yaml')
    await writeFile(
      file,
      'builtins: false\nresources:\n  books:\n    fields:\n      title: string\n',
    )
    expect(await loadConfig(file)).toEqual({
      builtins: false,
      builtinsGiven: true,
      resources: [{ name: 'books', fields: { title: { type: 'string' } } }],
    })
  })

  it.each([
    ['a missing file', 'missing.yaml', 'ENOENT'],
    ['a directory', '.', 'it is a folder, not a regular file'],
    ['a device', '/dev/zero', 'it is a device, not a regular file'],
  ])('refuses %s at line 1, column 1', async (_, name, code) => {
    const file = name.startsWith('/') ? name : join(dir, name)
    const error: unknown = await loadConfig(file).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(FileError)
    expect((error as FileError).issues).toEqual([
      {
        file,
        line: 1,
        column: 1,
        message: expect.stringContaining(`cannot read config file: ${code}`),
      },
    ])
  })

  it('reports problems inside the file with their place', async () => {
    const file = join(dir, 'bad.yaml')
    await writeFile(file, 'count: many\n')
    await expect(loadConfig(file)).rejects.toThrow(`${file}:1:8: count: must be an integer`)
  })
})
