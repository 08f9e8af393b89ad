import { describe, expect, it } from 'vitest'
import { extractBlocks, parseMeta } from './extract-blocks.test-support.js'
import { parseShellBlock } from './shell-commands.test-support.js'

describe('extractBlocks', () => {
  it('reads each fenced block with its language, info-string words and line', () => {
    const page = [
      '# Title',
      '',
      '```sh test=shell',
      'mockapi',
      '```',
      'text',
      '```output',
      'x',
      '```',
    ]
    expect(extractBlocks(page.join('\n'), 'docs/a.md')).toEqual([
      { page: 'docs/a.md', line: 3, lang: 'sh', meta: { test: 'shell' }, code: 'mockapi' },
      { page: 'docs/a.md', line: 7, lang: 'output', meta: {}, code: 'x' },
    ])
  })

  it('reads a block indented in a list, and strips the indent', () => {
    const page =
      '- step:\n\n  ```yaml test=check\n  rules:\n    - respond: { status: 503 }\n  ```\n'
    const [block] = extractBlocks(page, 'README.md')
    expect(block?.code).toBe('rules:\n  - respond: { status: 503 }')
  })

  it('keeps a shorter fence inside a longer one as text', () => {
    const page = '````md\n```sh\nnot a block\n```\n````\n'
    const blocks = extractBlocks(page, 'README.md')
    expect(blocks.map((block) => block.lang)).toEqual(['md'])
    expect(blocks[0]?.code).toBe('```sh\nnot a block\n```')
  })

  it('reads key=value words, a value keeping any further =', () => {
    expect(parseMeta(' test=check  file=a.yaml x=y=z flag')).toEqual({
      test: 'check',
      file: 'a.yaml',
      x: 'y=z',
      flag: '',
    })
  })
})

describe('parseShellBlock', () => {
  it('joins continuations, splits &&, takes VAR= prefixes and keeps comments as expectations', () => {
    const code = [
      "MOCKAPI_SEED=7 npx mockapi && curl -H 'A: b # c' \\",
      '  localhost:4000/x   # 401 token_missing',
      'curl localhost:4000/y',
      '# HTTP/1.1 201 Created',
    ].join('\n')
    expect(parseShellBlock(code)).toEqual([
      {
        line: 1,
        env: { MOCKAPI_SEED: '7' },
        words: ['npx', 'mockapi'],
        comment: '401 token_missing',
      },
      {
        line: 1,
        env: {},
        words: ['curl', '-H', 'A: b # c', 'localhost:4000/x'],
        comment: '401 token_missing',
      },
      { line: 3, env: {}, words: ['curl', 'localhost:4000/y'], comment: 'HTTP/1.1 201 Created' },
    ])
  })

  it('refuses what it cannot run faithfully: pipes, variables, redirections', () => {
    expect(() => parseShellBlock('curl localhost:4000 | jq .')).toThrow(/does not take "\|"/)
    expect(() => parseShellBlock('echo $HOME')).toThrow(/does not take "\$"/)
  })
})
