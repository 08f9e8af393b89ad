// The baseline: a bare Hono app on @hono/node-server doing the work mockapi's cases do, and no
// more — a Map lookup and `c.json()` for GET one, a slice of an array for a page, parse and insert
// for POST. Run as its own process so it never shares the bench's event loop.
// BARE_DATA: a JSON file of `{ "users": [...], "tasks": [...] }`, the records mockapi serves, so
// both sides send the same bytes.
import { readFileSync } from 'node:fs'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const data = JSON.parse(readFileSync(process.env.BARE_DATA ?? '', 'utf8'))
const tables = new Map()
const lists = new Map()
for (const [name, records] of Object.entries(data)) {
  tables.set(name, new Map(records.map((record) => [String(record.id), record])))
  lists.set(name, records)
}

const app = new Hono()
app.get('/:resource/:id', (c) => {
  const record = tables.get(c.req.param('resource'))?.get(c.req.param('id'))
  return record ? c.json(record) : c.json({ status: 404 }, 404)
})
app.get('/:resource', (c) => {
  const records = lists.get(c.req.param('resource'))
  if (!records) return c.json({ status: 404 }, 404)
  const page = Number(c.req.query('page') ?? 1)
  const perPage = Number(c.req.query('per_page') ?? 20)
  return c.json(records.slice((page - 1) * perPage, page * perPage))
})
let nextId = 1_000_000
app.post('/:resource', async (c) => {
  const table = tables.get(c.req.param('resource'))
  if (!table) return c.json({ status: 404 }, 404)
  const record = { ...(await c.req.json()), id: nextId++ }
  table.set(String(record.id), record)
  lists.get(c.req.param('resource')).push(record)
  return c.json(record, 201)
})

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}` })}\n`)
})
process.once('SIGTERM', () => server.close(() => process.exit(0)))
