import { connect, type TLSSocket } from 'node:tls'
import { createSecureContext } from 'node:tls'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type HttpListener, startHttpListener } from '../../ingest/testing.ts'
import { type HttpsListener, startHttpsListener } from '../../ingest/index.ts'
import { type TestLeaf, makeLeaf } from '../support/certificates.ts'

/**
 * The HTTPS listener takes the same header and request timeouts as the HTTP
 * one: a client that completes the TLS handshake and then trickles its
 * headers is cut off, as it is on plain HTTP (Node's own default is a minute).
 */

const NAME = 'slow.contoso.example'
const timeouts = { headersTimeoutMs: 1_000, requestTimeoutMs: 4_000 }
let leaf: TestLeaf
let http: HttpListener
let https: HttpsListener
const sockets: TLSSocket[] = []

beforeAll(async () => {
  leaf = makeLeaf({ dnsNames: [NAME] })
  const context = createSecureContext({ cert: leaf.certPem, key: leaf.keyPem })
  const fetch = () => new Response('ok')
  http = await startHttpListener({ fetch, port: 0, hostname: '127.0.0.1', ...timeouts })
  https = await startHttpsListener({
    fetch,
    port: 0,
    hostname: '127.0.0.1',
    secureContextFor: (name) => (name === NAME ? context : null),
    log: { info: () => undefined, debug: () => undefined },
    ...timeouts,
  })
})
afterAll(async () => {
  for (const s of sockets) s.destroy()
  await https.close()
  await http.close()
})

describe('HTTPS listener timeouts', () => {
  it('has the HTTP listener’s header and request timeouts, not Node’s defaults', () => {
    expect(https.server.headersTimeout).toBe(1_000)
    expect(https.server.requestTimeout).toBe(4_000)
    expect(https.server.headersTimeout).toBe(http.server.headersTimeout)
    expect(https.server.requestTimeout).toBe(http.server.requestTimeout)
  })

  it('closes a TLS connection whose headers do not arrive in time', async () => {
    let closed = false
    let received = ''
    const socket = connect({ host: '127.0.0.1', port: https.port, servername: NAME, ca: [leaf.ca.pem] })
    sockets.push(socket)
    socket.on('data', (d: Buffer) => {
      received += d.toString('latin1')
    })
    socket.on('close', () => {
      closed = true
    })
    socket.on('error', () => undefined)
    await new Promise<void>((resolve) => socket.once('secureConnect', () => resolve()))
    expect(socket.authorized).toBe(true)
    socket.write(`GET / HTTP/1.1\r\nHost: ${NAME}\r\n`)
    await vi.waitFor(() => expect(closed).toBe(true), { timeout: 15_000, interval: 50 })
    expect(received).toMatch(/^(HTTP\/1\.1 408|)/)
  })
})
