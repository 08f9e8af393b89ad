// The bench's baseline started on the records a mockapi server serves: every user and task fetched
// from it into a temporary BARE_DATA file for bench/bare-hono.js, so both send the same bytes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer } from './lib.js'

const BARE = new URL('./bare-hono.js', import.meta.url).pathname
const RESOURCES = ['users', 'tasks']
const PER_PAGE = 100

/** Every record of `resource` on `url`, page by page in the server's order. */
async function fetchAll(url, resource, headers) {
  const records = []
  for (let page = 1; ; page++) {
    const response = await fetch(`${url}/${resource}?page=${page}&per_page=${PER_PAGE}`, {
      headers,
    })
    if (!response.ok) throw new Error(`GET /${resource} answered ${response.status}`)
    const batch = await response.json()
    records.push(...batch)
    if (batch.length < PER_PAGE) return records
  }
}

/**
 * Starts bare-hono.js with the users and tasks `mockapiUrl` serves; `paths` are then asked of both,
 * and each whose bodies differ is named in `mismatches` (a baseline sending other bytes is no
 * baseline). Call it before any write to the mockapi server.
 */
export async function startBare(mockapiUrl, paths, headers = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'mockapi-bench-bare-'))
  try {
    const data = {}
    for (const resource of RESOURCES) data[resource] = await fetchAll(mockapiUrl, resource, headers)
    const file = join(dir, 'data.json')
    await writeFile(file, JSON.stringify(data))
    // bare-hono.js reads the file before it prints its ready line, so it may go once started.
    const server = await startServer([BARE], { label: 'bare Hono + Map', env: { BARE_DATA: file } })
    const mismatches = []
    for (const path of paths) {
      const body = async (url) => (await fetch(`${url}${path}`, { headers })).text()
      if ((await body(mockapiUrl)) !== (await body(server.url))) mismatches.push(path)
    }
    return { server, mismatches }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
