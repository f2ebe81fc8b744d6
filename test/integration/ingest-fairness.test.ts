import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type HttpListener, startHttpListener } from '../../ingest/testing.ts'
import { search } from '../support/interactions.ts'
import { startTestCore, type TestHub, tokenFor } from '../support/test-core.ts'

// Hostile clients over real sockets: slow bodies on one hub must not take the
// slots another hub is served from, and slow bodies and headers are cut off.

const PER_HUB = 4
const GLOBAL = 8
let t: Awaited<ReturnType<typeof startTestCore>>
let listener: HttpListener
let attacked: TestHub
let bystander: TestHub
const sockets: Socket[] = []

beforeAll(async () => {
  t = await startTestCore({
    maxInFlightIngest: GLOBAL,
    ingest: { maxInFlightPerHub: PER_HUB, maxInFlightPerToken: PER_HUB, bodyTimeoutMs: 2_000 },
  })
  attacked = await t.createHub('Attacked')
  bystander = await t.createHub('Bystander')
  listener = await startHttpListener({
    fetch: t.app.fetch,
    port: 0,
    hostname: '127.0.0.1',
    headersTimeoutMs: 1_000,
  })
})
afterAll(async () => {
  for (const s of sockets) s.destroy()
  await listener.close()
  await t.close()
  t.remove()
})

/** A raw connection, with everything it has received so far and whether the server closed it. */
function open(): { socket: Socket; received: () => string; closed: () => boolean } {
  const socket = connect(listener.port, '127.0.0.1')
  sockets.push(socket)
  let text = ''
  let ended = false
  socket.on('data', (d) => {
    text += d.toString('latin1')
  })
  socket.on('close', () => {
    ended = true
  })
  socket.on('error', () => undefined)
  return { socket, received: () => text, closed: () => ended }
}

/** Starts a beacon whose body promises 500 bytes and sends one. */
function slowBeacon(hub: TestHub) {
  const conn = open()
  conn.socket.write(
    [
      `POST /v1/hubs/${hub.id}/interactions HTTP/1.1`,
      'Host: casetrail.test',
      'Content-Type: text/plain',
      'Content-Length: 500',
      `Authorization: ${tokenFor(`/v1/hubs/${hub.id}`, hub.keys[0]!.primaryKey)}`,
      '',
      '[',
    ].join('\r\n'),
  )
  return conn
}

const send = (hub: TestHub) =>
  fetch(`http://127.0.0.1:${listener.port}/v1/hubs/${hub.id}/interactions`, {
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
    const slow = Array.from({ length: GLOBAL + 4 }, () => slowBeacon(attacked))
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
    for (let i = 0; i < 3; i++) expect((await send(bystander)).status).toBe(202)
    // The attacked hub is full while they hold.
    expect((await send(attacked)).status).toBe(429)

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
    expect((await send(attacked)).status).toBe(202)
  })

  it('closes a connection whose headers do not arrive in time', async () => {
    const conn = open()
    conn.socket.write(`POST /v1/hubs/${attacked.id}/interactions HTTP/1.1\r\nHost: casetrail.test\r\n`)
    await vi.waitFor(() => expect(conn.closed()).toBe(true), { timeout: 15_000, interval: 50 })
    expect(conn.received()).toMatch(/^(HTTP\/1\.1 408|)/)
    expect((await send(bystander)).status).toBe(202)
  })
})
