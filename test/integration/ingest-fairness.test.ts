import { describe, expect, it, vi } from 'vitest'
import { useHostileSockets } from '../support/hostile-sockets.ts'
import { search } from '../support/interactions.ts'
import { type TestHub, tokenFor } from '../support/test-core.ts'

// Hostile clients over real sockets: slow bodies on one hub must not take the
// slots another hub is served from, and slow bodies and headers are cut off.

const PER_HUB = 4
const GLOBAL = 8
const hostile = useHostileSockets({
  core: {
    maxInFlightIngest: GLOBAL,
    ingest: { maxInFlightPerHub: PER_HUB, maxInFlightPerToken: PER_HUB, bodyTimeoutMs: 2_000 },
  },
  hubs: { attacked: 'Attacked', bystander: 'Bystander' },
  headersTimeoutMs: 1_000,
})

/** Starts a beacon whose body promises 500 bytes and sends one. */
const slowBeacon = (hub: TestHub) => hostile.slowBody(hub, 'interactions', 'text/plain')

const send = (hub: TestHub) =>
  fetch(`http://127.0.0.1:${hostile.listener.port}/v1/hubs/${hub.id}/interactions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: tokenFor(`/v1/hubs/${hub.id}`, hub.keys[0]!.primaryKey),
    },
    body: JSON.stringify(search()),
  })

describe('fairness under slow clients', () => {
  it('serves another hub while slow bodies hold one hub’s slots; the extra ones get 429 naming the hub limit; the slow ones get 408', async () => {
    // More slow bodies than the whole server has slots.
    const slow = Array.from({ length: GLOBAL + 4 }, () => slowBeacon(hostile.attacked))
    // All but PER_HUB are refused at once, before their bodies, by the hub's limit.
    await vi.waitFor(
      () =>
        expect(slow.filter((c) => c.received().startsWith('HTTP/1.1 429')).length).toBe(GLOBAL + 4 - PER_HUB),
      { timeout: 10_000, interval: 20 },
    )
    const refusal = slow.find((c) => c.received().startsWith('HTTP/1.1 429'))!.received()
    expect(refusal).toMatch(/retry-after: 1/i)
    expect(refusal).toContain('"code":"hub_too_many_requests"')
    expect(refusal).toContain('CASETRAIL_INGEST_MAX_IN_FLIGHT_PER_HUB')
    const holding = slow.filter((c) => c.received() === '')
    expect(holding).toHaveLength(PER_HUB)

    // The other hub is served meanwhile.
    for (let i = 0; i < 3; i++) expect((await send(hostile.bystander)).status).toBe(202)
    // The hostile.attacked hub is full while they hold.
    expect((await send(hostile.attacked)).status).toBe(429)

    // The body timeout frees the slots: 408 body_timeout, and the connection closes.
    await vi.waitFor(
      () => {
        for (const c of holding) {
          expect(c.received()).toMatch(/^HTTP\/1\.1 408/)
          expect(c.received()).toContain('"code":"body_timeout"')
        }
      },
      { timeout: 15_000, interval: 50 },
    )
    await vi.waitFor(() => expect(holding.every((c) => c.closed())).toBe(true), { timeout: 15_000 })
    expect((await send(hostile.attacked)).status).toBe(202)
  })

  it('closes a connection whose headers do not arrive in time', async () => {
    const conn = hostile.open()
    conn.socket.write(
      `POST /v1/hubs/${hostile.attacked.id}/interactions HTTP/1.1\r\nHost: casetrail.test\r\n`,
    )
    await vi.waitFor(() => expect(conn.closed()).toBe(true), { timeout: 15_000, interval: 50 })
    expect(conn.received()).toMatch(/^(HTTP\/1\.1 408|)/)
    expect((await send(hostile.bystander)).status).toBe(202)
  })
})
