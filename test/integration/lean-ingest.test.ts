import { randomUUID } from 'node:crypto'
import { type IncomingHttpHeaders, type Server, createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { getRequestListener } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { leanRouteOf } from '../../ingest/testing.ts'
import { fuzzBody, prng } from '../support/fuzz-bodies.ts'
import { articleView, search } from '../support/interactions.ts'
import { startTestCore, type TestHub, tokenFor } from '../support/test-core.ts'

// The interaction routes' lean path (ingest/lean-ingest.ts) against the Hono
// routes it stands in for, on real sockets and one real core: every request
// below goes to a listener that takes the lean path and to one that has only
// the Hono app, and the two answers must be the same (status, headers, body).
// The lean path must have taken the requests meant for it, and left the
// others (odd paths, hosts, repeated headers) to the app.

let t: Awaited<ReturnType<typeof startTestCore>>
let hub: TestHub
let other: TestHub
let leanServer: Server
let honoServer: Server
let leanTook = 0
const portalId = randomUUID()

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}
let ports: { lean: number; hono: number }

beforeAll(async () => {
  t = await startTestCore({
    metricsToken: 'lean-metrics-token-0123456789abcdef',
    // Each body goes to both listeners: the rates are not what is compared here (ingest-rate-limits is).
    ingest: {
      ratePerToken: { perSecond: 10_000_000, burst: 10_000_000 },
      ratePerContact: { perSecond: 1_000_000, burst: 1_000_000 },
    },
  })
  hub = await t.createHub('Lean')
  other = await t.createHub('Other')
  const lean = leanRouteOf(t.app.fetch)
  if (!lean) throw new Error('createApp gave the app no lean path')
  const hono = getRequestListener(t.app.fetch)
  leanServer = createServer((req, res) => {
    if (lean(req, res)) leanTook++
    else void hono(req, res)
  })
  honoServer = createServer((req, res) => void hono(req, res))
  ports = { lean: await listen(leanServer), hono: await listen(honoServer) }
})
afterAll(async () => {
  leanServer.closeAllConnections()
  honoServer.closeAllConnections()
  await new Promise((resolve) => leanServer.close(resolve))
  await new Promise((resolve) => honoServer.close(resolve))
  await t.close()
  t.remove()
})

interface Sent {
  method?: string
  path: string
  /** An array value sends the header once per element. */
  headers: Record<string, string | string[]>
  body?: Uint8Array | string
  /** Sent in chunks with no Content-Length. */
  chunked?: boolean
}

interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

function send(port: number, sent: Sent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // A connection per request: what one answer does to a kept-alive connection is not compared
    // (after a 413 in the middle of a chunked body, @hono/node-server's path closes it; the lean path drains it).
    const req = request({
      host: '127.0.0.1',
      port,
      method: sent.method ?? 'POST',
      path: sent.path,
      agent: false,
    })
    for (const [name, value] of Object.entries(sent.headers)) req.setHeader(name, value)
    const body = sent.body === undefined ? undefined : Buffer.from(sent.body)
    if (body && !sent.chunked) req.setHeader('content-length', body.byteLength)
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      )
    })
    req.on('error', (err) =>
      reject(new Error(`port ${port === ports.lean ? 'lean' : 'hono'}: ${err.message}`)),
    )
    if (body && sent.chunked) {
      // Several writes, so the body crosses the socket in chunks.
      const step = 64 * 1024
      for (let at = 0; at < body.byteLength; at += step) req.write(body.subarray(at, at + step))
      req.end()
    } else req.end(body)
  })
}

/** What must be the same on both paths: the generated request id and the date aside. */
const comparable = (a: Answer) => {
  const { date: _date, 'x-request-id': id, 'keep-alive': _keepAlive, ...headers } = a.headers
  return { status: a.status, headers, body: a.body, echoedId: id === 'same-id' ? id : 'generated' }
}

/** Sends to both listeners; expects the same answer, and whether the lean path took it. */
async function both(sent: Sent, lean = true): Promise<Answer> {
  const before = leanTook
  const viaLean = await send(ports.lean, sent)
  expect(leanTook - before).toBe(lean ? 1 : 0)
  const viaHono = await send(ports.hono, sent)
  expect(comparable(viaLean)).toEqual(comparable(viaHono))
  return viaLean
}

const hubPath = () => `/v1/hubs/${hub.id}/interactions`
const token = (path = `/v1/hubs/${hub.id}`, key = hub.keys[0]!.primaryKey) => tokenFor(path, key)
const json = (body: unknown, headers: Record<string, string | string[]> = {}) => ({
  headers: { 'content-type': 'application/json', authorization: token(), ...headers },
  body: JSON.stringify(body),
})

describe('the lean ingest path answers as the Hono routes do', () => {
  it('accepts beacons and batches: header token, ?sas= with text/plain, the portal route, wait=stored, gzip', async () => {
    const item = () => articleView({ portal_portalid: portalId })
    expect((await both({ path: hubPath(), ...json(item()) })).status).toBe(202)
    const beacon = await both({
      path: `${hubPath()}?sas=${encodeURIComponent(token())}`,
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify(search()),
    })
    expect(beacon.status).toBe(202)
    expect(beacon.headers['access-control-allow-origin']).toBe('*')
    expect(beacon.headers['casetrail-ack']).toBe('logged')
    const portalRoute = `/v1/hubs/${hub.id}/portals/${portalId}/interactions`
    const portalToken = token(`/v1/hubs/${hub.id}/portals/${portalId}`)
    expect(
      (await both({ path: portalRoute, ...json([item(), item()], { authorization: portalToken }) })).status,
    ).toBe(202)
    const mismatch = await both({
      path: portalRoute,
      ...json(articleView({ portal_portalid: randomUUID() }), { authorization: portalToken }),
    })
    expect(mismatch.body).toContain('portal_mismatch')
    expect((await both({ path: `${hubPath()}?wait=stored`, ...json(item()) })).status).toBe(200)
    const gz = await both({
      path: hubPath(),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: token() },
      body: gzipSync(JSON.stringify([item(), item()])),
    })
    expect(gz.status).toBe(202)
    expect(
      (await both({ path: hubPath(), ...json(item(), { 'x-request-id': 'same-id' }) })).headers,
    ).toMatchObject({
      'x-request-id': 'same-id',
    })
  })

  it('refuses tokens alike: missing, malformed, ambiguous, forged, out of scope, unknown hub', async () => {
    const body = JSON.stringify(search())
    const cases: Array<[Sent, number, string]> = [
      [{ path: hubPath(), headers: { 'content-type': 'application/json' }, body }, 401, 'token_missing'],
      [{ path: hubPath(), ...json(search(), { authorization: 'Bearer x' }) }, 401, 'token_malformed'],
      [
        { path: `${hubPath()}?sas=${encodeURIComponent(token())}`, ...json(search()) },
        400,
        'token_ambiguous',
      ],
      [
        { path: hubPath(), ...json(search(), { authorization: token(undefined, 'bm90IHRoZSBrZXk=') }) },
        401,
        '',
      ],
      [{ path: hubPath(), ...json(search(), { authorization: token(`/v1/hubs/${other.id}`) }) }, 403, ''],
      [{ path: `/v1/hubs/${randomUUID()}/interactions`, ...json(search()) }, 404, 'hub_not_found'],
      [{ path: '/v1/hubs/not-a-hub/interactions', ...json(search()) }, 404, ''],
    ]
    for (const [sent, status, code] of cases) {
      const answer = await both(sent)
      expect({ status: answer.status, code: answer.body.includes(code) }).toEqual({ status, code: true })
    }
  })

  it('refuses bodies alike: type, encoding, JSON, depth, members, sizes, batches, query', async () => {
    const headers = { 'content-type': 'application/json', authorization: token() }
    const big = `[${Array.from({ length: 9000 }, () => JSON.stringify(search())).join(',')}]`
    const bomb = gzipSync(Buffer.alloc(3 * 1024 * 1024, 32))
    const cases: Array<[Sent, number]> = [
      [{ path: hubPath(), headers: { ...headers, 'content-type': 'text/html' }, body: '{}' }, 415],
      [{ path: hubPath(), headers: { ...headers, 'content-encoding': 'br' }, body: '{}' }, 415],
      [{ path: hubPath(), headers, body: '{"type":' }, 400],
      [{ path: hubPath(), headers, body: '' }, 400],
      [{ path: hubPath(), headers, body: `${'['.repeat(200)}${']'.repeat(200)}` }, 400],
      [
        {
          path: hubPath(),
          headers,
          body: JSON.stringify(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]))),
        },
        400,
      ],
      [{ path: hubPath(), headers, body: big }, 413],
      [{ path: hubPath(), headers, body: big, chunked: true }, 413],
      [{ path: hubPath(), headers: { ...headers, 'content-encoding': 'gzip' }, body: bomb }, 413],
      [{ path: hubPath(), headers: { ...headers, 'content-encoding': 'gzip' }, body: 'not gzip' }, 400],
      [{ path: hubPath(), headers, body: '[]' }, 400],
      [{ path: hubPath(), headers, body: JSON.stringify(Array.from({ length: 501 }, () => search())) }, 413],
      [{ path: `${hubPath()}?wait=later`, headers, body: JSON.stringify(search()) }, 400],
      // The query schema lets other parameters be.
      [{ path: `${hubPath()}?other=1`, headers, body: JSON.stringify(search()) }, 202],
    ]
    for (const [sent, status] of cases) expect((await both(sent)).status).toBe(status)
  })

  it(`answers 300 generated bodies alike, half to the portal route`, async () => {
    const r = prng(20261207)
    for (let i = 0; i < 300; i++) {
      const b = fuzzBody(r, portalId)
      const portal = i % 2 === 0
      await both({
        path: portal ? `/v1/hubs/${hub.id}/portals/${portalId}/interactions` : hubPath(),
        headers: {
          'content-type': b.contentType,
          ...(b.gzip ? { 'content-encoding': 'gzip' } : {}),
          authorization: token(portal ? `/v1/hubs/${hub.id}/portals/${portalId}` : `/v1/hubs/${hub.id}`),
        },
        body: b.body,
      })
    }
  })

  it('leaves odd requests to the Hono app: repeated headers, encoded or dot paths, other hosts and methods', async () => {
    const body = JSON.stringify(search())
    const headers = { 'content-type': 'application/json', authorization: token() }
    const odd: Sent[] = [
      { path: hubPath(), headers: { ...headers, authorization: [token(), token()] }, body },
      { path: hubPath(), headers: { ...headers, 'content-type': ['application/json', 'text/plain'] }, body },
      { path: hubPath().replace('/interactions', '/%69nteractions'), headers, body },
      { path: `/v1/hubs/${hub.id}/portals/../interactions`, headers, body },
      { path: `${hubPath()}/`, headers, body },
      { path: hubPath(), headers: { ...headers, host: 'Casetrail.test' }, body },
      { path: hubPath(), headers: { ...headers, host: 'demo.localhost' }, body },
      { method: 'PUT', path: hubPath(), headers, body },
      { method: 'OPTIONS', path: hubPath(), headers: { origin: 'https://portal.example' } },
    ]
    for (const sent of odd) await both(sent, false)
  })

  it('counts both paths in one request histogram', async () => {
    const scrape = await t.app.request('/metrics', {
      headers: { authorization: 'Bearer lean-metrics-token-0123456789abcdef' },
    })
    const text = await scrape.text()
    const served = (status: string) =>
      Number(
        new RegExp(
          `casetrail_http_request_duration_seconds_count\\{method="POST",route="/v1/hubs/:hubId/interactions",status="${status}"\\} (\\d+)`,
        ).exec(text)?.[1] ?? 0,
      )
    // Every 202 above was sent to both listeners, so the count is even and at least the cases' own.
    expect(served('202') % 2).toBe(0)
    expect(served('202')).toBeGreaterThanOrEqual(8)
  })
})
