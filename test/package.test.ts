import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import * as api from '../dist/index.js'

type Target = string | { readonly types?: string; readonly default?: string }

interface Conditions {
  readonly types?: string
  readonly import?: Target
  readonly require?: Target
}

interface Manifest {
  readonly type?: string
  readonly bin?: Readonly<Record<string, string>>
  readonly engines?: { readonly node?: string }
  readonly exports?: Readonly<Record<string, Conditions>>
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
      "CONDUCT_RULES",
      "FileError",
      "WaitTimeoutError",
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
  ['.', 'import'],
  ['.', 'require'],
  ['./vitest', 'import'],
  ['./vitest', 'require'],
] as const)("exports['%s'].%s names built files that exist, with their types", (entry, key) => {
  const conditions = manifest.exports?.[entry]
  const target = conditions?.[key]
  // Either one file with the entry's types beside it, or { types, default } per condition.
  const code = typeof target === 'string' ? target : target?.default
  const types = typeof target === 'string' ? conditions?.types : target?.types
  expect(code).toMatch(/\.c?js$/)
  expect(types).toMatch(/\.d\.ts$/)
  expect(existsSync(packageFile(code)), String(code)).toBe(true)
  expect(existsSync(packageFile(types)), String(types)).toBe(true)
})

it('engines.node asks for Node 20 or later', () => {
  expect(manifest.engines?.node).toMatch(/^>=\s*20(\.|$)/)
})

it('the package is an ES module package', () => {
  expect(manifest.type).toBe('module')
})

it('the tarball holds the README, the licence, the manifest, bin, dist, docs, scenarios and schema — nothing else', () => {
  const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: packageFile('.'),
    encoding: 'utf8',
  })
  expect(pack.status, pack.stderr).toBe(0)
  const [tarball] = JSON.parse(pack.stdout) as [{ files: { path: string }[] }]
  const top = new Set(tarball.files.map((file) => file.path.split('/')[0]))
  expect([...top].sort()).toEqual([
    'LICENSE',
    'README.md',
    'bin',
    'dist',
    'docs',
    'package.json',
    'scenarios',
    'schema',
  ])
  expect(tarball.files.map((file) => file.path)).toContain('docs/contract.md')
})
