import { Writable } from 'node:stream'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { AppEnv } from '../app-env.ts'
import { createLogger } from '../logger.ts'
import { requestContext } from './request-context.ts'

function appWith(sample: number, requests?: boolean) {
  const lines: Array<Record<string, unknown>> = []
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>)
      done()
    },
  })
  const app = new Hono<AppEnv>()
  app.use(
    '*',
    requestContext({
      log: createLogger({ level: 'info', destination }),
      sample,
      requests,
      random: () => 0.5,
    }),
  )
  app.get('/v1/hubs/:hubId/things', (c) => c.json({ ok: true }))
  app.get('/refused', (c) => c.json({ error: 'no' }, 403))
  app.get('/failed', (c) => c.json({ error: 'broken' }, 500))
  return { app, lines }
}

describe('requestContext', () => {
  it('logs one info line per request with the route pattern, status, duration and request id, never the path or query', async () => {
    const { app, lines } = appWith(1)
    const res = await app.request('/v1/hubs/h-secret/things?sas=SharedAccessSignature%20sig', {
      headers: { 'x-request-id': 'req-1' },
    })
    expect(res.headers.get('x-request-id')).toBe('req-1')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request',
      method: 'GET',
      route: '/v1/hubs/:hubId/things',
      status: 200,
      requestId: 'req-1',
      durationMs: expect.any(Number),
    })
    expect(JSON.stringify(lines)).not.toContain('h-secret')
    expect(JSON.stringify(lines)).not.toContain('sig')
  })

  it('samples successful requests and always logs refusals', async () => {
    const { app, lines } = appWith(0.25)
    await app.request('/v1/hubs/h/things')
    expect(lines).toHaveLength(0)
    await app.request('/refused')
    expect(lines).toMatchObject([{ status: 403, route: '/refused' }])
  })

  it('logs only failures when request lines are off (CASETRAIL_REQUEST_LOG=0)', async () => {
    const { app, lines } = appWith(1, false)
    await app.request('/v1/hubs/h/things')
    await app.request('/refused')
    expect(lines).toHaveLength(0)
    await app.request('/failed')
    expect(lines).toMatchObject([{ level: 50, status: 500, route: '/failed' }])
  })
})
