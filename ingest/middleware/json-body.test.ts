import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { AppEnv } from '../app-env.ts'
import type { SendEnv } from './send-guards.ts'
import { errorHandler } from './error-handler.ts'
import { jsonBody } from './json-body.ts'

/** An app that echoes the parsed body, behind jsonBody with a short timeout. */
function echoApp(timeoutMs: number) {
  const routes = new Hono<SendEnv>()
  routes.post('/', jsonBody({ timeoutMs }), (c) => c.json({ body: c.get('body') }))
  const app = new Hono<AppEnv>()
  app.onError(errorHandler())
  app.route('/', routes)
  return app
}

/** A body that sends its first bytes and then nothing more, never ending. */
const trickle = (first: string) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first))
    },
  })

describe('jsonBody', () => {
  it('answers 408 body_timeout for a declared body that stops arriving, freeing the request', async () => {
    const app = echoApp(200)
    const res = await app.request('/', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '40' },
      body: trickle('{"a":'),
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(408)
    expect(await res.json()).toMatchObject({ error: { code: 'body_timeout', field: 'body' } })
  })

  it('keeps reading bodies after one timed out: the shared deadline timer starts again', async () => {
    const app = echoApp(100)
    const slow = app.request('/', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '40' },
      body: trickle('{'),
      duplex: 'half',
    } as RequestInit)
    const quick = await app.request('/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    })
    expect(await quick.json()).toEqual({ body: { a: 1 } })
    expect((await slow).status).toBe(408)
    const again = app.request('/', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '40' },
      body: trickle('['),
      duplex: 'half',
    } as RequestInit)
    expect((await again).status).toBe(408)
    const after = await app.request('/', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '[1,2]',
    })
    expect(await after.json()).toEqual({ body: [1, 2] })
  })
})
