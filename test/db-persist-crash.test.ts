import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createCliHarness } from './cli-process.test-support.js'

// 20 kills in `npm test`; `npm run crash` runs the hundred.
const RUNS = Number(process.env.MOCKAPI_CRASH_RUNS ?? 20)
// Writes sent one after another before the kill, at most: the kill lands somewhere among them.
const BURST = 60

let dir = ''
const cli = createCliHarness(() => dir)

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mockapi-crash-'))
})
afterEach(() => cli.stopAll())
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('--persist under SIGKILL', () => {
  it(`leaves a file that parses and holds a prefix of the writes (${RUNS} kills)`, async () => {
    const file = 'crash.json'
    await writeFile(join(dir, file), '{ "posts": [], "profile": { "name": "start" } }\n')
    let sent = 0
    let kept = 0
    for (let run = 0; run < RUNS; run++) {
      const { url, cli: server } = await cli.serve([file, '--persist', '--no-auth', '--quiet'])
      // Kill after a number of acknowledged writes that varies run by run.
      const killAfter = 1 + ((run * 17) % (BURST - 1))
      for (let i = 0; i < BURST; i++) {
        // Every other run pauses half-way for longer than the flush interval (100 ms), so some
        // writes are on disk when the kill lands, however fast the writes before it were.
        if (run % 2 === 1 && i === Math.floor(killAfter / 2)) await sleep(150)
        if (i === killAfter) server.child.kill('SIGKILL')
        const res = await fetch(`${url}/posts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ n: sent }),
        }).catch(() => undefined)
        if (res === undefined) break
        expect(res.status).toBe(201)
        sent++
      }
      server.child.kill('SIGKILL')
      await server.exited
      const saved = JSON.parse(await readFile(join(dir, file), 'utf8')) as {
        posts: { n: number }[]
        profile: unknown
      }
      const ns = saved.posts.map((p) => p.n)
      // A prefix of every write acknowledged so far, in order.
      expect(ns).toEqual(ns.map((_, i) => i))
      expect(ns.length).toBeLessThanOrEqual(sent)
      expect(saved.profile).toEqual({ name: 'start' })
      // The next run continues from what the file holds.
      sent = ns.length
      kept = Math.max(kept, ns.length)
    }
    // Some kills came after a write reached the disk, so the prefixes checked were not all empty.
    expect(kept).toBeGreaterThan(0)
    // Temporary files of killed writes are left at most one per process, never the data file.
    const left = (await readdir(dir)).filter((name) => name !== file)
    expect(left.every((name) => name.startsWith(`.${file}.`))).toBe(true)
  }, 120_000)
})
