import { Hono } from 'hono'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { DomainError } from '../../core/index.ts'
import type { AppEnv } from '../app-env.ts'
import { jsonAnswer } from './answer-headers.ts'
import { errorHandler } from './error-handler.ts'
import { publicCors } from './public-cors.ts'
import { requestContext } from './request-context.ts'

function app() {
  const a = new Hono<AppEnv>()
  a.use('*', requestContext({ log: pino({ level: 'silent' }) }))
  a.onError(errorHandler())
  a.use(
    '*',
    publicCors({ allowMethods: ['POST'], allowHeaders: [], exposeHeaders: ['Casetrail-Ack'], maxAge: 60 }),
  )
  a.post('/fast', (c) => jsonAnswer(c, { ok: true }, 202, { 'casetrail-ack': 'logged' }))
  a.post('/refused', () => {
    throw new DomainError('invalid', 'invalid_value', 'refused', 'body')
  })
  a.post('/plain', (c) => c.json({ ok: true }))
  return a
}

describe('jsonAnswer', () => {
  it('carries the request id and CORS headers middleware offered, as answers built the usual way do', async () => {
    const a = app()
    for (const path of ['/fast', '/refused', '/plain']) {
      const res = await a.request(path, { method: 'POST', headers: { 'x-request-id': `id${path.slice(1)}` } })
      expect(res.headers.get('x-request-id')).toBe(`id${path.slice(1)}`)
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
      expect(res.headers.get('access-control-expose-headers')).toBe('Casetrail-Ack')
      expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    }
    const fast = await a.request('/fast', { method: 'POST' })
    expect(fast.status).toBe(202)
    expect(fast.headers.get('casetrail-ack')).toBe('logged')
    expect(await fast.json()).toEqual({ ok: true })
    expect((await a.request('/refused', { method: 'POST' })).status).toBe(400)
  })
})
