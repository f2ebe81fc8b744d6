// The HTTP limit: a bare Hono app on the same stack as casetrail
// (@hono/node-server, Node's http), answering 204 to a POST after reading its
// body. `npm run bench` starts it as a child process: tsx bench/bare-server.ts <port>
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const port = Number(process.argv[2] ?? 8788)
const app = new Hono()
app.post('/v1/hubs/:hubId/interactions', async function bareHandler(c) {
  await c.req.text()
  return c.body(null, 204)
})
const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () =>
  process.stdout.write('listening\n'),
)
process.on('SIGTERM', () => server.close(() => process.exit(0)))
