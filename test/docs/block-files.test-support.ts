import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type DocBlock, ROOT } from './extract-blocks.test-support.js'

/**
 * Where docs blocks are written to be compiled or run: inside the repository (so `vitest`,
 * `node:*` and the package resolve as in a user's project) but outside the folders tsc, Biome and
 * the main Vitest run read (`.docs-blocks/` is git-ignored).
 */
export const BLOCKS_DIR = join(ROOT, '.docs-blocks')

/** A file name for a block: `testing-md-84.test.ts`, unique per page and line. */
export function blockFileName(block: DocBlock, suffix: string): string {
  const page = block.page.replace(/^docs\//, '').replace(/[^a-z0-9]+/gi, '-')
  return `${page}-${block.line}${suffix}`
}

/** Writes files under a fresh folder of BLOCKS_DIR and returns the folder. */
export function writeBlockFiles(folder: string, files: Readonly<Record<string, string>>): string {
  const dir = join(BLOCKS_DIR, folder)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

/** The package's own specifiers pointed at its build, as a user's project resolves them. */
export function againstBuild(code: string): string {
  return code
    .replaceAll("'@mockapi-dev/mockapi/vitest'", `'${join(ROOT, 'dist/vitest.js')}'`)
    .replaceAll("'@mockapi-dev/mockapi'", `'${join(ROOT, 'dist/index.js')}'`)
}
