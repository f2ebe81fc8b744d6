import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'

/**
 * `GET /health`: liveness, the process answers (restart it when this fails).
 * `GET /ready`: readiness, what a load balancer routes on: 200 when the store
 * answers, the schema is current, the flusher is moving and the log is below
 * its high-water mark; else 503 with `reason` and `Retry-After`. A node
 * that stays ready with the shared control plane unreachable says so in
 * `degraded` (`control_plane_unreachable`).
 */
export function healthRoutes(deps: {
  ready: () => Promise<{
    ok: boolean
    reason?: string
    degraded?: string
    checks: Record<string, string>
    details?: Record<string, number | null>
  }>
}) {
  const app = new Hono<AppEnv>()
  app.get('/health', (c) => c.json({ status: 'ok' }))
  app.get('/ready', async (c) => {
    const r = await deps.ready().catch(() => ({
      ok: false,
      reason: 'readiness_check_failed',
      degraded: undefined,
      checks: { store: 'unknown' } as Record<string, string>,
      details: undefined,
    }))
    if (!r.ok) c.header('Retry-After', '5')
    return c.json(
      {
        status: r.ok ? 'ready' : 'not_ready',
        ...(r.reason ? { reason: r.reason } : {}),
        ...(r.degraded ? { degraded: r.degraded } : {}),
        checks: r.checks,
        ...(r.details ? { details: r.details } : {}),
      },
      r.ok ? 200 : 503,
    )
  })
  return app
}
