import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createCliHarness } from './cli-process.test-support.js'

// The db.json of json-server's README (v1), and of its 0.17 README (integer ids).
const README_DB = {
  posts: [
    { id: '1', title: 'a title', views: 100 },
    { id: '2', title: 'another title', views: 200 },
  ],
  comments: [
    { id: '1', text: 'a comment about post 1', postId: '1' },
    { id: '2', text: 'another comment about post 1', postId: '1' },
  ],
  profile: { name: 'typicode' },
}
const OLD_README_DB = {
  posts: [{ id: 1, title: 'json-server', author: 'typicode' }],
  comments: [{ id: 1, body: 'some comment', postId: 1 }],
  profile: { name: 'typicode' },
}

let dir = ''
const cli = createCliHarness(() => dir)
const json = (body: unknown) => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mockapi-db-'))
})
afterEach(() => cli.stopAll())
afterAll(() => rm(dir, { recursive: true, force: true }))

async function writeDb(name: string, data: unknown): Promise<string> {
  await writeFile(join(dir, name), `${JSON.stringify(data, null, 2)}\n`)
  return name
}

describe('mockapi db.json', () => {
  it("serves json-server's README data as written: lists, records, the profile object", async () => {
    const file = await writeDb('db.json', README_DB)
    const { url } = await cli.serve([file, '--no-auth', '--quiet'])
    expect(await (await fetch(`${url}/posts`)).json()).toEqual(README_DB.posts)
    expect(await (await fetch(`${url}/posts/2`)).json()).toEqual(README_DB.posts[1])
    expect(await (await fetch(`${url}/comments?postId=1`)).json()).toEqual(README_DB.comments)
    expect(await (await fetch(`${url}/profile`)).json()).toEqual({ name: 'typicode' })
    expect((await fetch(`${url}/users`)).status).toBe(404)
  })

  it('says in the banner which file is served, whether it is written, and how to drop tokens', async () => {
    const file = await writeDb('banner.json', README_DB)
    const { cli: server } = await cli.serve([file])
    await until(async () => server.stderr.includes('Try:'))
    expect(server.stderr).toContain('Resources   posts (2), comments (2), profile (1)')
    expect(server.stderr).toMatch(
      /Data {8}banner\.json, a json-server data file; changes kept in memory only/,
    )
    expect(server.stderr).toContain('start with --no-auth')
  })

  it('writes: POST gets a new string id, PATCH and PUT the profile, DELETE answers 204', async () => {
    const file = await writeDb('writes.json', README_DB)
    const { url } = await cli.serve([file, '--no-auth', '--quiet'])
    const created = await fetch(`${url}/posts`, {
      method: 'POST',
      ...json({ title: 'new', views: 1 }),
    })
    expect(created.status).toBe(201)
    const post = (await created.json()) as { id: unknown }
    expect(post).toMatchObject({ title: 'new', views: 1 })
    expect(typeof post.id).toBe('string')
    expect((await fetch(`${url}/posts/${String(post.id)}`)).status).toBe(200)
    const patched = await fetch(`${url}/profile`, { method: 'PATCH', ...json({ name: 'mockapi' }) })
    expect(await patched.json()).toEqual({ name: 'mockapi' })
    const put = await fetch(`${url}/profile`, { method: 'PUT', ...json({ name: 'again' }) })
    expect(await put.json()).toEqual({ name: 'again' })
    const removed = await fetch(`${url}/posts/1`, { method: 'DELETE' })
    expect(removed.status).toBe(204)
    expect(await removed.text()).toBe('')
    expect((await fetch(`${url}/posts/1`)).status).toBe(404)
  })

  it('validates writes against the inferred schema: 400 naming every bad field', async () => {
    const file = await writeDb('valid.json', README_DB)
    const { url } = await cli.serve([file, '--no-auth', '--quiet'])
    const bad = await fetch(`${url}/posts`, { method: 'POST', ...json({ title: 5 }) })
    expect(bad.status).toBe(400)
    expect(bad.headers.get('content-type')).toContain('application/problem+json')
    const body = (await bad.json()) as { code: string; errors: { field: string }[] }
    expect(body.code).toBe('validation_failed')
    expect(body.errors.map((e) => e.field).sort()).toEqual(['title', 'views'])
    const orphan = await fetch(`${url}/comments`, {
      method: 'POST',
      ...json({ text: 'x', postId: '99' }),
    })
    expect(((await orphan.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe(
      'postId',
    )
  })

  it('gives integer ids the next integer; takes --db and MOCKAPI_DB', async () => {
    const file = await writeDb('old.json', OLD_README_DB)
    const flag = await cli.serve(['--db', file, '--no-auth', '--quiet'])
    const res = await fetch(`${flag.url}/posts`, {
      method: 'POST',
      ...json({ title: 'b', author: 'c' }),
    })
    expect(await res.json()).toEqual({ id: 2, title: 'b', author: 'c' })
    const env = await cli.serve(['--no-auth', '--quiet'], { MOCKAPI_DB: file })
    expect(await (await fetch(`${env.url}/comments/1`)).json()).toEqual(OLD_README_DB.comments[0])
  })

  it("accepts json-server's list parameters as aliases", async () => {
    const file = await writeDb('alias.json', README_DB)
    const { url } = await cli.serve([file, '--no-auth', '--quiet'])
    const get = async (query: string) => (await fetch(`${url}${query}`)).json()
    const [first, second] = README_DB.posts
    expect(await get('/posts?_sort=-views')).toEqual([second, first])
    expect(await get('/posts?_sort=views&_order=desc')).toEqual([second, first])
    expect(await get('/posts?_page=2&_per_page=1')).toEqual([second])
    expect(await get('/posts?_page=1&_limit=1')).toEqual([first])
    expect(await get('/posts?_start=1&_end=2')).toEqual([second])
    expect(await get('/posts?_embed=comments')).toEqual([
      { ...first, comments: README_DB.comments },
      { ...second, comments: [] },
    ])
    expect(await get('/comments?_expand=post')).toEqual(
      README_DB.comments.map((c) => ({ ...c, post: first })),
    )
    expect(await get('/posts/1?_embed=comments')).toEqual({
      ...first,
      comments: README_DB.comments,
    })
    const bad = await fetch(`${url}/posts?_page=x`)
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { code: string }).code).toBe('invalid_query')
  })

  it('prints the inferred resources as a config file that mockapi check accepts', async () => {
    const file = await writeDb('print.json', OLD_README_DB)
    const printed = await cli.run([file, '--print-config'])
    expect(printed.code).toBe(0)
    expect(printed.stdout).toContain('ref: posts')
    expect(printed.stdout).toContain('# profile: a singular resource')
    const renumbered = await cli.run([await writeDb('strings.json', README_DB), '--print-config'])
    expect(renumbered.stdout).toContain('# posts: string ids in strings.json')
    await writeFile(join(dir, 'printed.yaml'), printed.stdout)
    expect(await cli.run(['check', 'printed.yaml', file])).toMatchObject({
      code: 0,
      stdout: '2 files OK\n',
    })
  })
})

describe('bad data files', () => {
  it.each([
    [
      'syntax.json',
      '{\n  "posts": [\n    { "id": 1, }\n  ]\n}\n',
      /^syntax\.json:3:\d+: invalid JSON/m,
    ],
    ['array.json', '[{ "id": 1 }]\n', /^array\.json:1:1: the top level must be an object/m],
    ['scalar.json', '{ "posts": [1] }\n', /^scalar\.json:1:\d+: posts\[0\] must be an object/m],
    [
      'twice.json',
      '{ "posts": [\n  { "id": 1 },\n  { "id": 1 }\n] }\n',
      /^twice\.json:3:\d+: posts\[1\] has the id 1 of posts\[0\]/m,
    ],
  ])(
    'refuses %s with file:line:column and exit 2, serving or checking',
    async (name, text, line) => {
      await writeFile(join(dir, name), text)
      const served = await cli.run([name, '--port', '0'])
      expect(served.code).toBe(2)
      expect(served.stderr).toMatch(line)
      const checked = await cli.run(['check', name])
      expect(checked.code).toBe(2)
      expect(checked.stderr).toMatch(line)
    },
  )

  it('still refuses an unknown command', async () => {
    const { code, stderr } = await cli.run(['serve-me'])
    expect(code).toBe(2)
    expect(stderr).toContain('unknown command "serve-me"')
  })
})

describe('--persist', () => {
  it('never writes the file without --persist', async () => {
    const file = await writeDb('kept.json', README_DB)
    const before = await readFile(join(dir, file), 'utf8')
    const { url, cli: server } = await cli.serve([file, '--no-auth', '--quiet'])
    await fetch(`${url}/posts`, { method: 'POST', ...json({ title: 'x', views: 2 }) })
    server.child.kill('SIGTERM')
    await server.exited
    expect(await readFile(join(dir, file), 'utf8')).toBe(before)
  })

  it('writes changes back, and a restart serves them', async () => {
    const file = await writeDb('persist.json', OLD_README_DB)
    const first = await cli.serve([file, '--persist', '--no-auth', '--quiet'])
    await fetch(`${first.url}/posts`, { method: 'POST', ...json({ title: 'kept', author: 'me' }) })
    await fetch(`${first.url}/profile`, { method: 'PATCH', ...json({ name: 'changed' }) })
    first.cli.child.kill('SIGTERM')
    await first.cli.exited
    const saved = JSON.parse(await readFile(join(dir, file), 'utf8')) as typeof OLD_README_DB
    expect(saved.posts[1]).toEqual({ id: 2, title: 'kept', author: 'me' })
    expect(saved.profile).toEqual({ name: 'changed' })
    const second = await cli.serve([file, '--no-auth', '--quiet'])
    expect(await (await fetch(`${second.url}/posts/2`)).json()).toMatchObject({ title: 'kept' })
    expect(await (await fetch(`${second.url}/profile`)).json()).toEqual({ name: 'changed' })
  })
})

describe('an edit of the data file while served', () => {
  it('is served at once, new resources included; a bad edit is reported with file:line:column and the last good data stays', async () => {
    const file = await writeDb('edited.json', OLD_README_DB)
    const { url, cli: server } = await cli.serve([file, '--no-auth', '--quiet'])
    expect((await fetch(`${url}/tags/1`)).status).toBe(404)
    const posts = [{ id: 9, title: 'edited', author: 'me' }]
    await writeDb(file, { ...OLD_README_DB, posts, tags: [{ id: 1, name: 'new' }] })
    await until(async () => (await fetch(`${url}/posts/9`)).status === 200)
    expect(await (await fetch(`${url}/posts`)).json()).toEqual(posts)
    // The routes follow the file: the new resource has its collection and item routes.
    expect(await (await fetch(`${url}/tags/1`)).json()).toEqual({ id: 1, name: 'new' })
    const options = await fetch(`${url}/tags`, { method: 'OPTIONS' })
    expect(options.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS')
    await writeFile(join(dir, file), '{ "posts": [1] }\n')
    await until(async () => server.stderr.includes('edited.json:1:'))
    expect(server.stderr).toMatch(/^edited\.json:1:\d+: posts\[0\] must be an object/m)
    expect((await fetch(`${url}/posts/9`)).status).toBe(200)
  })
})

/** Polls `ready` every 50 ms, for 5 s at most. */
async function until(ready: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await ready()) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('not reached within 5 s')
}
