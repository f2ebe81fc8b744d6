import { randomUUID } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { describe, expect, it, vi } from 'vitest'
import { useHostileSockets } from '../support/hostile-sockets.ts'
import { search } from '../support/interactions.ts'
import { type TestHub, tokenFor } from '../support/test-core.ts'

// The CRM case routes read their bodies behind the same protections as
// interaction ingest (one shared set: sendGuards), over real sockets.

const PER_HUB = 3
const hostile = useHostileSockets({
  core: {
    maxInFlightIngest: 16,
    ingest: { maxInFlightPerHub: PER_HUB, maxInFlightPerToken: 16, bodyTimeoutMs: 1_500 },
  },
  hubs: { attacked: 'Case flood', bystander: 'Case bystander' },
})

const aCase = () => ({
  caseId: randomUUID(),
  contactId: randomUUID(),
  createdAt: new Date(Date.now() - 86_400_000).toISOString(),
})
const auth = (hub: TestHub) => tokenFor(`/v1/hubs/${hub.id}`, hub.keys[0]!.primaryKey)

/** POSTs to a hub's case route over the listener. */
const post = (hub: TestHub, body: BodyInit, headers: Record<string, string> = {}, what = 'cases') =>
  fetch(`http://127.0.0.1:${hostile.listener.port}/v1/hubs/${hub.id}/${what}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: auth(hub), ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit)

const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code

/** A case report whose body promises 500 bytes and sends one. */
const slowCaseReport = (hub: TestHub) => hostile.slowBody(hub, 'cases', 'application/json')

describe('case routes: the ingest body protections', () => {
  it('refuses a chunked body over 1 MiB with 413 body_too_large, counted while reading', async () => {
    let pulled = 0
    const chunk = new TextEncoder().encode(`[${'"x",'.repeat(16_000)}`)
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++
        if (pulled > 1_000) controller.close()
        else controller.enqueue(chunk)
      },
    })
    const res = await post(hostile.attacked, stream)
    expect(res.status).toBe(413)
    expect(await codeOf(res)).toBe('body_too_large')
    expect(pulled).toBeLessThan(100)
  })

  it('refuses a gzip body that inflates past the limit (413) and accepts a small gzip one', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20))
    const res = await post(hostile.attacked, bomb, { 'content-encoding': 'gzip' })
    expect(res.status).toBe(413)
    expect(await codeOf(res)).toBe('body_too_large')
    const ok = await post(hostile.bystander, gzipSync(JSON.stringify(aCase())), {
      'content-encoding': 'gzip',
    })
    expect(ok.status).toBe(200)
  })

  it('refuses deep nesting and objects with too many members before parsing', async () => {
    const deep = await post(hostile.attacked, '['.repeat(5_000) + ']'.repeat(5_000))
    expect(deep.status).toBe(400)
    expect(await codeOf(deep)).toBe('nesting_too_deep')
    const wide = { ...aCase(), ...Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}`, i])) }
    const many = await post(hostile.attacked, JSON.stringify(wide))
    expect(many.status).toBe(400)
    expect(await codeOf(many)).toBe('too_many_fields')
  })

  it('holds slow case reports to the hub’s in-flight limit (shared with interactions) and times their bodies out', async () => {
    const slow = Array.from({ length: PER_HUB + 2 }, () => slowCaseReport(hostile.attacked))
    await vi.waitFor(
      () => expect(slow.filter((c) => c.received().startsWith('HTTP/1.1 429')).length).toBe(2),
      { timeout: 10_000, interval: 20 },
    )
    const refusal = slow.find((c) => c.received().startsWith('HTTP/1.1 429'))!.received()
    expect(refusal).toContain('"code":"hub_too_many_requests"')
    const holding = slow.filter((c) => c.received() === '')
    expect(holding).toHaveLength(PER_HUB)

    // The same hub's interactions count against the same slots; another hub is served meanwhile.
    expect((await post(hostile.attacked, JSON.stringify(search()), {}, 'interactions')).status).toBe(429)
    expect((await post(hostile.attacked, JSON.stringify(aCase()))).status).toBe(429)
    expect((await post(hostile.bystander, JSON.stringify(aCase()))).status).toBe(200)

    // The configured body timeout (1.5 s here, not the 5 s default) frees them: 408 body_timeout.
    await vi.waitFor(
      () => {
        for (const c of holding) {
          expect(c.received()).toMatch(/^HTTP\/1\.1 408/)
          expect(c.received()).toContain('"code":"body_timeout"')
          expect(c.received()).toContain('1500 ms')
        }
      },
      { timeout: 15_000, interval: 50 },
    )
    await vi.waitFor(() => expect(holding.every((c) => c.closed())).toBe(true), { timeout: 15_000 })
    expect((await post(hostile.attacked, JSON.stringify(aCase()))).status).toBe(200)
  })
})
