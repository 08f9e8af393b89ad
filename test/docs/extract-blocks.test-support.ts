import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

/** The repository's root: README.md and docs/ are read from here. */
export const ROOT = resolve(import.meta.dirname, '../..')

/**
 * One fenced code block of a Markdown page. The info string is the language, then `key=value`
 * words: ```` ```sh test=shell ```` is a shell block claimed by the `shell` runner.
 */
export interface DocBlock {
  /** The page, relative to the repository root: `README.md`, `docs/scenarios.md`. */
  readonly page: string
  /** The line of the opening fence, 1-based. */
  readonly line: number
  readonly lang: string
  /** The info string's `key=value` words. */
  readonly meta: Readonly<Record<string, string>>
  readonly code: string
}

/** Languages whose blocks must be run by a test, or be fenced as ```output. */
export const RUNNABLE_LANGS: ReadonlySet<string> = new Set([
  'sh',
  'shell',
  'bash',
  'console',
  'yaml',
  'yml',
  'ts',
  'typescript',
  'js',
  'javascript',
  'python',
  'py',
])

/** `README.md:12 (sh)`: where a block is, for failure messages. */
export function whereIs(block: DocBlock): string {
  return `${block.page}:${block.line} (${block.lang})`
}

/** The pages the docs tests read: README.md and every Markdown file under docs/. */
export function docPages(root = ROOT): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) return walk(path)
      return entry.name.endsWith('.md') ? [relative(root, path)] : []
    })
  return ['README.md', ...walk(join(root, 'docs')).sort()]
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)(.*)$/

/** Every fenced block of one Markdown text, in order; indented fences (in lists) included. */
export function extractBlocks(markdown: string, page: string): DocBlock[] {
  const blocks: DocBlock[] = []
  const lines = markdown.split('\n')
  let open: { fence: string; indent: number; line: number; info: string; lang: string } | undefined
  let body: string[] = []
  lines.forEach((text, index) => {
    const indent = text.length - text.trimStart().length
    const match = FENCE.exec(text.trimStart())
    if (!open) {
      if (!match) return
      const [, fence = '', lang = '', info = ''] = match
      open = { fence, indent, line: index + 1, info, lang }
      body = []
      return
    }
    const [, fence = '', lang = '', rest = ''] = match ?? []
    if (match && fence.startsWith(open.fence) && lang === '' && rest.trim() === '') {
      blocks.push({
        page,
        line: open.line,
        lang: open.lang,
        meta: parseMeta(open.info),
        code: body.map((row) => row.slice(Math.min(open?.indent ?? 0, leading(row)))).join('\n'),
      })
      open = undefined
      return
    }
    body.push(text)
  })
  return blocks
}

function leading(row: string): number {
  return row.length - row.trimStart().length
}

/** `test=shell file=checkout.yaml` → { test: 'shell', file: 'checkout.yaml' }. */
export function parseMeta(info: string): Record<string, string> {
  const meta: Record<string, string> = {}
  for (const word of info.trim().split(/\s+/)) {
    const [key = '', ...value] = word.split('=')
    if (key !== '') meta[key] = value.join('=')
  }
  return meta
}

/** Every block of README.md and docs/. */
export function allBlocks(root = ROOT): DocBlock[] {
  return docPages(root).flatMap((page) =>
    extractBlocks(readFileSync(join(root, page), 'utf8'), page),
  )
}

/** The blocks a runner claims (`test=NAME`), in page order. */
export function blocksFor(runner: string, root = ROOT): DocBlock[] {
  return allBlocks(root).filter((block) => block.meta.test === runner)
}
