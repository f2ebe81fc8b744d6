import { beforeAll, describe, expect, it } from 'vitest'
import { MAX_ADMIN_BODY_BYTES, MAX_PROFILE_IMPORT_BYTES } from '../../ingest/testing.ts'
import { useTestCore, type TestHub } from '../support/test-core.ts'

// Admin bodies are held to a byte limit while they are read, on every admin
// route, chunked or not.

const t = useTestCore()
let hub: TestHub
beforeAll(async () => {
  hub = await t.createHub('Limits')
})

/** A chunked body (no Content-Length) of `chunks` × `chunk`, counting what the server pulled. */
function chunked(chunk: Uint8Array, chunks: number) {
  let pulled = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) return controller.close()
      pulled++
      controller.enqueue(chunk)
    },
  })
  return { stream, pulled: () => pulled }
}

const post = (path: string, body: BodyInit, contentType = 'application/json') =>
  t.app.request(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': contentType },
    body,
    duplex: 'half',
  } as RequestInit)

describe('admin body limit', () => {
  it('counts bytes, not characters: 100K euro signs (300 KB) are refused', async () => {
    const name = '€'.repeat(100_000)
    expect(name.length).toBeLessThan(MAX_ADMIN_BODY_BYTES)
    const res = await post('/v1/admin/hubs', JSON.stringify({ name }))
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ error: { code: 'body_too_large', field: 'body' } })
  })

  it('refuses a chunked admin body as soon as it passes the limit, without reading the rest', async () => {
    const body = chunked(new Uint8Array(64 * 1024).fill(0x20), 1_000)
    const res = await post('/v1/admin/instances', body.stream)
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ error: { code: 'body_too_large' } })
    expect(body.pulled()).toBeLessThan(20)
  })

  it('holds a chunked profile import to its own, larger limit while reading', async () => {
    const chunk = new TextEncoder().encode(`${' '.repeat(1024 * 1024 - 1)}\n`)
    const body = chunked(chunk, 64)
    const res = await post(`/v1/admin/hubs/${hub.id}/profiles`, body.stream, 'application/x-ndjson')
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({
      error: { code: 'body_too_large', message: expect.stringContaining(String(MAX_PROFILE_IMPORT_BYTES)) },
    })
    expect(body.pulled()).toBeLessThanOrEqual(MAX_PROFILE_IMPORT_BYTES / chunk.length + 2)
  })

  it('still takes a chunked admin body under the limit', async () => {
    const text = new TextEncoder().encode(JSON.stringify({ name: 'Chunked hub' }))
    const res = await post('/v1/admin/hubs', chunked(text, 1).stream)
    expect(res.status).toBe(201)
  })
})
