import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import {
  againstBuild,
  BLOCKS_DIR,
  blockFileName,
  writeBlockFiles,
} from './block-files.test-support.js'
import { blocksFor, ROOT, whereIs } from './extract-blocks.test-support.js'

// Every TypeScript block is type-checked; `test=vitest` and `test=node` blocks are also run.
const typecheck = blocksFor('typecheck')
const vitestBlocks = blocksFor('vitest')
const nodeBlocks = blocksFor('node')
const all = [...typecheck, ...vitestBlocks, ...nodeBlocks]

describe('TypeScript blocks of README.md and docs/', () => {
  it('type-check against the package, as strictly as the project', () => {
    const files: Record<string, string> = {}
    for (const block of all) {
      // `untyped=testcontainers`: a package this repository does not install, typed as any.
      const untyped = block.meta.untyped
      const preamble = untyped ? `/// <reference path="./untyped-${block.line}.d.ts" />\n` : ''
      if (untyped) files[`untyped-${block.line}.d.ts`] = `declare module '${untyped}'\n`
      files[blockFileName(block, '.ts')] = preamble + block.code
    }
    const dir = writeBlockFiles('typecheck', files)
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2023,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      types: ['node'],
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      skipLibCheck: true,
      noEmit: true,
      baseUrl: ROOT,
      paths: {
        '@mockapi-dev/mockapi': ['src/index.ts'],
        '@mockapi-dev/mockapi/vitest': ['src/vitest.ts'],
      },
    }
    const roots = Object.keys(files)
      .filter((name) => !name.endsWith('.d.ts'))
      .map((name) => join(dir, name))
    const program = ts.createProgram(roots, options)
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName.startsWith(BLOCKS_DIR))
      .map((d) => {
        const where = d.file?.getLineAndCharacterOfPosition(d.start ?? 0)
        const name = d.file?.fileName.slice(dir.length + 1)
        const text = ts.flattenDiagnosticMessageText(d.messageText, '\n')
        return `${name}:${(where?.line ?? 0) + 1}: ${text}`
      })
    expect(problems).toEqual([])
    expect(roots.length).toBe(all.length)
  }, 60_000)

  it.skipIf(vitestBlocks.length === 0)(
    'test=vitest blocks pass under Vitest, against the built package',
    () => {
      const files: Record<string, string> = {
        'vitest.config.mjs': "export default { test: { include: ['*.docs.test.ts'] } }\n",
      }
      for (const block of vitestBlocks) {
        files[blockFileName(block, '.docs.test.ts')] = againstBuild(block.code)
      }
      const dir = writeBlockFiles('vitest', files)
      const vitest = join(ROOT, 'node_modules/vitest/vitest.mjs')
      const run = spawnSync(process.execPath, [vitest, 'run', '--root', dir], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
      })
      expect(
        run.status,
        `${vitestBlocks.map(whereIs).join(', ')}\n${run.stdout}${run.stderr}`,
      ).toBe(0)
    },
    90_000,
  )

  it.each(nodeBlocks.map((block) => [whereIs(block), block] as const))(
    '%s runs under node (tsx), against the built package',
    (_, block) => {
      const name = blockFileName(block, '.ts')
      const dir = writeBlockFiles(`node-${block.line}`, { [name]: againstBuild(block.code) })
      const run = spawnSync(process.execPath, ['--import', 'tsx', join(dir, name)], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 30_000,
      })
      expect(run.status, `${run.stdout}${run.stderr}`).toBe(0)
    },
    40_000,
  )
})
