import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import * as api from '../dist/index.js'

interface Manifest {
  readonly type?: string
  readonly bin?: Readonly<Record<string, string>>
  readonly engines?: { readonly node?: string }
  readonly exports?: Readonly<Record<string, { readonly types?: string; readonly import?: string }>>
}

const manifest = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as Manifest

function packageFile(relative: string | undefined): string {
  return fileURLToPath(new URL(`../${relative ?? '(missing)'}`, import.meta.url))
}

it('the package entry exports exactly the public API', () => {
  expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
    [
      "BUILTIN_RESOURCES",
      "FileError",
      "createMockApi",
      "isFileError",
      "loadConfig",
      "loadOpenApi",
      "startMockApi",
    ]
  `)
})

it('bin.mockapi is a file that starts with a node shebang', () => {
  const bin = packageFile(manifest.bin?.mockapi)
  expect(existsSync(bin)).toBe(true)
  expect(readFileSync(bin, 'utf8').split('\n')[0]).toMatch(/^#!\/usr\/bin\/env node\b/)
})

it.each([
  ['.', 'types'],
  ['.', 'import'],
  ['./vitest', 'types'],
  ['./vitest', 'import'],
] as const)("exports['%s'].%s names a built file that exists", (entry, key) => {
  const target = manifest.exports?.[entry]?.[key]
  expect(target).toMatch(key === 'types' ? /\.d\.ts$/ : /\.js$/)
  expect(existsSync(packageFile(target)), String(target)).toBe(true)
})

it('engines.node asks for Node 20 or later', () => {
  expect(manifest.engines?.node).toMatch(/^>=\s*20(\.|$)/)
})

it('the package is an ES module package', () => {
  expect(manifest.type).toBe('module')
})
