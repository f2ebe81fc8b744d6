import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createKeyedSerialWriter } from '../../core/index.ts'
import type { AppEnv } from '../app-env.ts'
import { errorHandler } from './error-handler.ts'
import { type RecordLocks, etagOf, versioned } from './if-match.ts'

/** A three-line app over one in-memory record whose update yields between its read and its write. */
function recordApp(locks: RecordLocks) {
  let record = { name: 'first', secret: 's3cret' }
  const app = new Hono<AppEnv>()
  app.onError(errorHandler())
  const version = versioned({
    locks,
    record: () => 'thing:1',
    current: async () => record,
    redact: (view) => ({ ...(view as typeof record), secret: undefined }),
  })
  app.get('/thing', version, (c) => c.json(record))
  app.patch('/thing', version, async (c) => {
    const { name } = (await c.req.json()) as { name: string }
    const read = record
    await new Promise((resolve) => setTimeout(resolve, 1)) // a store round trip
    record = { ...read, name }
    return c.json({ changed: true })
  })
  const patch = (name: string, ifMatch?: string) =>
    app.request('/thing', {
      method: 'PATCH',
      headers: ifMatch ? { 'if-match': ifMatch } : {},
      body: JSON.stringify({ name }),
    })
  return { app, patch, record: () => record }
}

describe('versioned', () => {
  it('answers a GET with the ETag of the record', async () => {
    const { app, record } = recordApp(createKeyedSerialWriter())
    const res = await app.request('/thing')
    expect(res.headers.get('etag')).toBe(etagOf(record()))
  })

  it('lets one of several concurrent updates with the same If-Match through, the rest 412', async () => {
    const { app, patch } = recordApp(createKeyedSerialWriter())
    const etag = (await app.request('/thing')).headers.get('etag')!
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((n) => patch(n, etag)))
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412, 412, 412])
  })

  it('is the lock that makes it one step: without it, check-then-write lets several through', async () => {
    const { app, patch } = recordApp((_key, fn) => fn())
    const etag = (await app.request('/thing')).headers.get('etag')!
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((n) => patch(n, etag)))
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(1)
  })

  it('sends the new version with an update even when its answer is not the record', async () => {
    const { patch, record } = recordApp(createKeyedSerialWriter())
    const res = await patch('second')
    expect(await res.json()).toEqual({ changed: true })
    expect(res.headers.get('etag')).toBe(etagOf(record()))
  })

  it('shows the current record redacted in a 412, with its ETag', async () => {
    const { patch, record } = recordApp(createKeyedSerialWriter())
    const res = await patch('second', '"stale"')
    expect(res.status).toBe(412)
    expect(res.headers.get('etag')).toBe(etagOf(record()))
    const body = (await res.json()) as { current: Record<string, unknown> }
    expect(body).toMatchObject({
      error: { code: 'version_mismatch', field: 'if-match' },
      current: { name: 'first' },
    })
    expect(JSON.stringify(body)).not.toContain('s3cret')
  })

  it('goes ahead on If-Match: * and on a list naming the current version', async () => {
    const { app, patch } = recordApp(createKeyedSerialWriter())
    expect((await patch('star', '*')).status).toBe(200)
    const etag = (await app.request('/thing')).headers.get('etag')!
    expect((await patch('listed', `"other", W/${etag}`)).status).toBe(200)
  })
})

describe('versioned, on the wire', () => {
  it('sends ETag through the Node server too (a set on c.res.headers never left the process)', async () => {
    const { app, record } = recordApp(createKeyedSerialWriter())
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise<void>((r) => server.once('listening', () => r()))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const read = await fetch(`${base}/thing`)
      expect(read.headers.get('etag')).toBe(etagOf(record()))
      const changed = await fetch(`${base}/thing`, {
        method: 'PATCH',
        headers: { 'if-match': read.headers.get('etag')! },
        body: JSON.stringify({ name: 'over the wire' }),
      })
      expect(changed.status).toBe(200)
      expect(changed.headers.get('etag')).toBe(etagOf(record()))
    } finally {
      await new Promise((r) => server.close(r))
    }
  })
})

describe('createKeyedSerialWriter', () => {
  it('runs one key in order and lets another key pass it', async () => {
    const serialise = createKeyedSerialWriter()
    const order: string[] = []
    let release = () => {}
    const held = serialise('a', () => new Promise<void>((r) => (release = r)).then(() => order.push('a1')))
    const queued = serialise('a', async () => order.push('a2'))
    await serialise('b', async () => order.push('b1'))
    expect(order).toEqual(['b1'])
    release()
    await Promise.all([held, queued])
    expect(order).toEqual(['b1', 'a1', 'a2'])
  })

  it('keeps going after a change that failed', async () => {
    const serialise = createKeyedSerialWriter()
    const failed = serialise('a', async () => {
      throw new Error('no')
    })
    await expect(failed).rejects.toThrow('no')
    await expect(serialise('a', async () => 'next')).resolves.toBe('next')
  })
})
