import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createCliHarness, waitFor } from './cli-process.test-support.js'

// `mockapi | head -1`: the reader of the log goes away, the server must not.

let dir = ''
const cli = createCliHarness(() => dir)

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mockapi-closed-output-'))
})

afterEach(async () => {
  await cli.stopAll()
  rmSync(dir, { recursive: true, force: true })
})

async function requestsAfterClose(url: string): Promise<number[]> {
  const statuses: number[] = []
  for (let i = 0; i < 5; i++) {
    statuses.push((await fetch(`${url}/users/${i + 1}`)).status)
    // Let the failed write's error reach the stream before the next line.
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  statuses.push((await fetch(`${url}/__mockapi/health`)).status)
  return statuses
}

it('keeps serving when the reader of stdout closes it after the first line (EPIPE)', async () => {
  const server = cli.launch(['--port', '0', '--no-auth'])
  await waitFor(server, () => /http:\/\/\S+/.test(server.stdout), 'the banner')
  const url = /http:\/\/[\d.:]+/.exec(server.stdout)?.[0] ?? ''
  server.child.stdout.destroy()
  expect(await requestsAfterClose(url)).toEqual([200, 200, 200, 200, 200, 200])
  expect(server.child.exitCode).toBeNull()
  expect(server.stderr).not.toContain('EPIPE')
})

it('keeps serving when stderr is closed while the log goes there (--ready-json)', async () => {
  const { cli: server, url } = await cli.serve(['--no-auth'])
  server.child.stderr.destroy()
  expect(await requestsAfterClose(url)).toEqual([200, 200, 200, 200, 200, 200])
  expect(server.child.exitCode).toBeNull()
})
