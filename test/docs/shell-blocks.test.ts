import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createCliHarness } from '../cli-process.test-support.js'
import {
  allBlocks,
  blocksFor,
  type DocBlock,
  ROOT,
  whereIs,
} from './extract-blocks.test-support.js'
import { runShellCommand, type ShellSession } from './run-shell-block.test-support.js'
import { parseShellBlock, splitWords } from './shell-commands.test-support.js'

// Each page gets a folder of its own, holding the page's ```yaml file=NAME blocks, so its shell
// blocks can name those files; the CLI runs there, as a reader runs it in their project. A
// recipe's files (test=recipe) belong to the recipe's own project (test/recipes.test.ts), not here.
// The OpenAPI fixtures (test/fixtures/openapi/*.yaml: museum.yaml, petstore3.yaml…) are copied
// in too, so an example can serve `--openapi museum.yaml` as a reader serves their own document.
const OPENAPI_FIXTURES = join(ROOT, 'test/fixtures/openapi')
const folders = new Map<string, string>()
function folderOf(page: string): string {
  const known = folders.get(page)
  if (known) return known
  const dir = mkdtempSync(join(tmpdir(), 'mockapi-docs-'))
  for (const name of readdirSync(OPENAPI_FIXTURES).filter((n) => n.endsWith('.yaml'))) {
    copyFileSync(join(OPENAPI_FIXTURES, name), join(dir, name))
  }
  for (const block of allBlocks().filter(
    (b) => b.page === page && b.meta.file && b.meta.test !== 'recipe',
  )) {
    writeFileSync(join(dir, block.meta.file ?? ''), block.code)
  }
  folders.set(page, dir)
  return dir
}

let cwd = ''
const harness = createCliHarness(() => cwd)
afterEach(() => harness.stopAll())
afterAll(() => {
  for (const dir of folders.values()) rmSync(dir, { recursive: true, force: true })
})

describe('shell blocks of README.md and docs/ (```sh test=shell)', () => {
  it.each(blocksFor('shell').map((block) => [whereIs(block), block] as const))(
    '%s runs',
    async (_, block: DocBlock) => {
      cwd = folderOf(block.page)
      const session: ShellSession = { harness, url: undefined, stop: undefined }
      for (const command of parseShellBlock(block.code)) {
        try {
          await runShellCommand(command, session)
        } catch (error) {
          const line = block.line + command.line
          throw new Error(`${block.page}:${line}: ${(error as Error).message}`)
        }
      }
    },
  )
})

describe('transcripts (```output test=transcript): each `$ mockapi …` prints what follows it', () => {
  it.each(blocksFor('transcript').map((block) => [whereIs(block), block] as const))(
    '%s prints as shown',
    async (_, block: DocBlock) => {
      cwd = folderOf(block.page)
      for (const { command, expected } of transcriptSteps(block.code)) {
        const [program, ...args] = splitWords(command)
        expect(program, 'a transcript runs mockapi only').toBe('mockapi')
        const { stdout, stderr } = await harness.run(args)
        expect(`${stdout}${stderr}`.trim(), `${block.page}: $ ${command}`).toBe(expected)
      }
    },
  )
})

function transcriptSteps(code: string): { command: string; expected: string }[] {
  const steps: { command: string; expected: string }[] = []
  for (const row of code.split('\n')) {
    if (row.startsWith('$ ')) steps.push({ command: row.slice(2), expected: '' })
    else {
      const last = steps.at(-1)
      if (!last) throw new Error('a transcript starts with a `$ ` line')
      last.expected = `${last.expected}\n${row}`.trim()
    }
  }
  return steps
}
