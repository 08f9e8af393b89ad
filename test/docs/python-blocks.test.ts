import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { REQUIRE_ALL_SUITES } from '../system-package.test-support.js'
import { blockFileName, writeBlockFiles } from './block-files.test-support.js'
import { blocksFor, ROOT, whereIs } from './extract-blocks.test-support.js'
import { leftoverProcesses } from './leftover-processes.test-support.js'

/** Why the pytest blocks cannot run here, in one line naming the packages; undefined if they can. */
function missingPytest(): string | undefined {
  const probe = spawnSync('python3', ['-c', 'import pytest, requests'], { encoding: 'utf8' })
  if (probe.status === 0) return undefined
  const reason =
    "skipped: python3 with pytest and requests is missing; install Debian's python3-pytest and python3-requests packages (apt-get install python3-pytest python3-requests) to run the docs' Python blocks"
  if (REQUIRE_ALL_SUITES) throw new Error(`MOCKAPI_REQUIRE_ALL_SUITES=1 but ${reason}`)
  console.warn(reason)
  return reason
}

const blocks = blocksFor('pytest')
const skip = blocks.length > 0 ? missingPytest() : 'no ```python test=pytest block'

describe.skipIf(skip)(
  skip ?? 'Python blocks of README.md and docs/ (```python test=pytest)',
  () => {
    it.each(blocks.map((block) => [whereIs(block), block] as const))(
      '%s passes under pytest, spawning the CLI with npx from the checkout',
      (_, block) => {
        const name = blockFileName(block, '_test.py').replaceAll('-', '_')
        const dir = writeBlockFiles(`pytest-${block.line}`, { [`test_${name}`]: block.code })
        // Every process the example starts inherits the marker, so one it leaves running is found.
        const id = randomUUID()
        const run = spawnSync('python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', dir], {
          cwd: ROOT,
          env: { ...process.env, MOCKAPI_DOCS_RUN: id },
          encoding: 'utf8',
          timeout: 60_000,
        })
        expect(run.status, `${run.stdout}${run.stderr}`).toBe(0)
        const left = leftoverProcesses(`MOCKAPI_DOCS_RUN=${id}`)
        for (const pid of left) process.kill(pid, 'SIGKILL')
        expect(left, 'the example left its server running').toEqual([])
      },
      70_000,
    )
  },
)
