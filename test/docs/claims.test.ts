import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  allBlocks,
  docPages,
  ROOT,
  RUNNABLE_LANGS,
  whereIs,
} from './extract-blocks.test-support.js'

/** Each runner, the languages it takes, and the test file that runs its blocks. */
const RUNNERS: Readonly<Record<string, readonly string[]>> = {
  shell: ['sh', 'shell', 'bash'], // test/docs/shell-blocks.test.ts
  transcript: ['output'], // test/docs/shell-blocks.test.ts
  check: ['yaml', 'yml'], // test/docs/yaml-blocks.test.ts
  typecheck: ['ts', 'typescript'], // test/docs/ts-blocks.test.ts
  vitest: ['ts', 'typescript'], // test/docs/ts-blocks.test.ts
  node: ['ts', 'typescript'], // test/docs/ts-blocks.test.ts
  // test/recipes.test.ts: recipe=NAME file=PATH / run, each recipe a project of its own
  recipe: [...RUNNABLE_LANGS],
}

describe('every example in README.md and docs/ is run by a test, or is literal output', () => {
  const blocks = allBlocks()

  it('claims every shell, YAML, TypeScript and Python block with test=RUNNER', () => {
    const unclaimed = blocks
      .filter((block) => RUNNABLE_LANGS.has(block.lang) && block.meta.test === undefined)
      .map(whereIs)
    expect(unclaimed, 'fence it as ```output, or add test=RUNNER (CONTRIBUTING.md)').toEqual([])
  })

  it('names only runners that exist, for a language they take', () => {
    const wrong = blocks
      .filter((block) => block.meta.test !== undefined)
      .filter((block) => !RUNNERS[block.meta.test ?? '']?.includes(block.lang))
      .map((block) => `${whereIs(block)} test=${block.meta.test}`)
    expect(wrong).toEqual([])
  })

  it('fences every block with a language (```output for literal output)', () => {
    expect(blocks.filter((block) => block.lang === '').map(whereIs)).toEqual([])
  })
})

describe('links between README.md and docs/', () => {
  it('point at pages and headings that exist', () => {
    const broken: string[] = []
    for (const page of docPages()) {
      const text = readFileSync(join(ROOT, page), 'utf8')
      for (const [, target = ''] of text.matchAll(/\]\(((?!https?:|mailto:)[^)\s]+)\)/g)) {
        const [path = '', anchor] = target.split('#')
        const file = path === '' ? join(ROOT, page) : join(ROOT, dirname(page), path)
        if (!existsSync(file)) broken.push(`${page}: ${target}`)
        else if (anchor && file.endsWith('.md') && !anchorsOf(file).has(anchor)) {
          broken.push(`${page}: ${target} (no such heading)`)
        }
      }
    }
    expect(broken).toEqual([])
  })
})

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
function anchorsOf(file: string): Set<string> {
  const headings = readFileSync(file, 'utf8').match(/^#{1,6} .*$/gm) ?? []
  return new Set(
    headings.map((heading) =>
      heading
        .replace(/^#+ /, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\- _]/gu, '')
        .replaceAll(' ', '-'),
    ),
  )
}
