// The baseline: the least a Hono app on @hono/node-server can do for a JSON GET.
// Run as its own process so it never shares the bench's event loop.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

// BARE_BODY: the JSON to answer, so the baseline sends as many bytes as the case it is compared to.
const body = JSON.parse(process.env.BARE_BODY ?? '{"id":1,"name":"Ada"}')
const app = new Hono()
app.get('*', (c) => c.json(body))

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}` })}\n`)
})
process.once('SIGTERM', () => server.close(() => process.exit(0)))
