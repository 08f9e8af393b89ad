import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { runCli } from '../../src/cli/run-cli.js'
import { createMockApi } from '../../src/create-mock-api.js'
import { blocksFor, type DocBlock, whereIs } from './extract-blocks.test-support.js'

const dir = mkdtempSync(join(tmpdir(), 'mockapi-docs-yaml-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** `mockapi check FILE`, in-process: exit code and everything it printed. */
async function check(file: string) {
  let output = ''
  const io = {
    env: {},
    cwd: dir,
    stdout: (text: string) => {
      output += text
    },
    stderr: (text: string) => {
      output += text
    },
    stopped: new Promise<string>(() => {}),
  }
  return { code: await runCli(['check', file], io), output }
}

/** `books.yaml`, or `block-12.yaml` after the block's line when it names no file. */
function fileOf(block: DocBlock): string {
  return block.meta.file ?? `block-${block.line}.yaml`
}

describe('YAML blocks of README.md and docs/ (```yaml test=check)', () => {
  it.each(blocksFor('check').map((block) => [whereIs(block), block] as const))(
    '%s passes mockapi check and is served',
    async (_, block: DocBlock) => {
      const file = fileOf(block)
      writeFileSync(join(dir, file), block.code)
      const { code, output } = await check(file)
      if (block.meta.expect === 'invalid') {
        expect(code, output).toBe(2)
        return
      }
      expect(code, output).toBe(0)
      const isScenario = 'rules' in (parse(block.code) as object)
      const path = join(dir, file)
      const api = createMockApi(isScenario ? { scenarios: [path] } : { config: path })
      try {
        const answer = await api.fetch(new Request('http://mock/users/1'))
        expect(answer.status).toBeLessThan(600)
        if (!isScenario) {
          const own = Object.keys((parse(block.code) as { resources?: object }).resources ?? {})
          const served = api.resources().map((resource) => resource.name)
          expect(served).toEqual(expect.arrayContaining(own))
        }
      } finally {
        await api.close()
      }
    },
  )
})
