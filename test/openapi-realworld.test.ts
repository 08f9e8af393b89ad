import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCliHarness } from './cli-process.test-support.js'

const ROOT = new URL('..', import.meta.url).pathname
const cli = createCliHarness(() => ROOT)

/** RealWorld's Conduit document (a copy of the real one) as a client of it uses the mock. */
describe('the mock of realworld.yml, as a Conduit client uses it', () => {
  let base = ''
  beforeAll(async () => {
    const args = ['--openapi', 'test/fixtures/openapi/realworld.yml', '--count', '4', '--quiet']
    base = `${(await cli.serve(args)).url}/api`
  }, 30_000)
  afterAll(() => cli.stopAll())

  async function call(method: string, path: string, body?: unknown) {
    const res = await fetch(base + path, {
      method,
      headers: {
        authorization: 'Token dev-token',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }

  async function newArticle(title: string, tagList: string[]) {
    const made = await call('POST', '/articles', {
      article: { title, description: 'About it', body: 'The text.', tagList },
    })
    expect(made.status).toBe(201)
    return made.body.article as { slug: string; author: { username: string } }
  }

  it('updates an article with the fields sent and keeps the rest (no field made up anew)', async () => {
    const { slug, author } = await newArticle('Kept as it was', ['kept'])
    const put = await call('PUT', `/articles/${slug}`, { article: { title: 'A new title' } })
    expect(put.status).toBe(200)
    expect(put.body.article).toMatchObject({
      slug,
      title: 'A new title',
      description: 'About it',
      body: 'The text.',
      tagList: ['kept'],
      author,
    })
    expect((await call('GET', `/articles/${slug}`)).body.article).toEqual(put.body.article)
  })

  it('filters the list by tag (tagList), author (author.username); a username in favorited is no boolean', async () => {
    const { slug, author } = await newArticle('Tagged for the filter', ['only-here'])
    const byTag = await call('GET', '/articles?tag=only-here')
    expect(byTag.body).toMatchObject({ articlesCount: 1, articles: [{ slug }] })
    const byAuthor = await call('GET', `/articles?author=${encodeURIComponent(author.username)}`)
    const authors = (byAuthor.body.articles as { author: { username: string } }[]).map(
      (a) => a.author.username,
    )
    expect(authors).toContain(author.username)
    expect(new Set(authors)).toEqual(new Set([author.username]))
    const all = await call('GET', '/articles?limit=100')
    expect((await call('GET', '/articles?favorited=jake&limit=100')).body.articlesCount).toBe(
      all.body.articlesCount,
    )
  })

  it('lists the articles, a new one among them, in the feed (a finder on the collection)', async () => {
    const { slug } = await newArticle('In the feed', [])
    const feed = await call('GET', '/articles/feed?limit=100')
    expect(feed.status).toBe(200)
    const all = await call('GET', '/articles?limit=100')
    expect(feed.body.articlesCount).toBe(all.body.articlesCount)
    expect((feed.body.articles as { slug: string }[]).map((a) => a.slug)).toContain(slug)
  })

  it('favorites the article the path names, and 404s one that does not exist', async () => {
    const { slug } = await newArticle('To be favorited', [])
    for (const method of ['POST', 'DELETE']) {
      const answer = await call(method, `/articles/${slug}/favorite`)
      expect(answer.status).toBe(200)
      expect(answer.body.article).toMatchObject({ slug, title: 'To be favorited' })
    }
    const missing = await call('POST', '/articles/no-such-article/favorite')
    expect(missing.status).toBe(404)
    expect(missing.body).toMatchObject({ code: 'not_found' })
  })
})
