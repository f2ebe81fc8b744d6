import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'

/**
 * `GET /health`: the process is alive. `GET /ready`: the store answers and
 * the migrations are applied (what a load balancer should route on).
 */
export function healthRoutes(deps: {
  ready: () => Promise<{ ok: boolean; checks: Record<string, string> }>
}) {
  const app = new Hono<AppEnv>()
  app.get('/health', (c) => c.json({ status: 'ok' }))
  app.get('/ready', async (c) => {
    const r = await deps
      .ready()
      .catch((err: unknown) => ({ ok: false, checks: { store: String((err as Error).message ?? err) } }))
    return c.json({ status: r.ok ? 'ready' : 'not_ready', checks: r.checks }, r.ok ? 200 : 503)
  })
  return app
}
