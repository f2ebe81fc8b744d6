import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll } from 'vitest'
import { type HttpListener, startHttpListener } from '../../ingest/testing.ts'
import { startTestCore, type TestHub, tokenFor } from './test-core.ts'

/** A raw connection: the socket, everything it has received so far, and whether the server closed it. */
export interface RawConnection {
  socket: Socket
  received(): string
  closed(): boolean
}

/** A test core behind a real listener, with a hub under attack and a bystander, from {@link useHostileSockets}. */
export interface HostileSockets {
  t: Awaited<ReturnType<typeof startTestCore>>
  listener: HttpListener
  attacked: TestHub
  bystander: TestHub
  /** Opens a raw connection to the listener, destroyed after the file. */
  open(): RawConnection
  /**
   * Starts a POST to the hub's `route` (`interactions`, `cases`) whose body
   * promises 500 bytes and sends one: a slow client holding a slot.
   */
  slowBody(hub: TestHub, route: string, contentType: string): RawConnection
}

/**
 * Before a file's tests, starts a test core with `core`'s options behind a
 * real listener on a loopback port (with `headersTimeoutMs` when given) and
 * creates the two hubs named in `hubs`; after them, destroys every raw
 * connection opened and closes the listener and the core. The fields are set
 * once beforeAll has run.
 *
 * @example
 * const s = useHostileSockets({ core: { ingest: { bodyTimeoutMs: 1_000 } }, hubs: { attacked: 'A', bystander: 'B' } })
 * it('times out', () => { const c = s.slowBody(s.attacked, 'interactions', 'text/plain') })
 */
export function useHostileSockets(options: {
  core: Parameters<typeof startTestCore>[0]
  hubs: { attacked: string; bystander: string }
  headersTimeoutMs?: number
}): HostileSockets {
  const sockets: Socket[] = []
  const open = (): RawConnection => {
    const socket = connect(fixture.listener.port, '127.0.0.1')
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
  const slowBody = (hub: TestHub, route: string, contentType: string): RawConnection => {
    const conn = open()
    conn.socket.write(
      [
        `POST /v1/hubs/${hub.id}/${route} HTTP/1.1`,
        'Host: casetrail.test',
        `Content-Type: ${contentType}`,
        'Content-Length: 500',
        `Authorization: ${tokenFor(`/v1/hubs/${hub.id}`, hub.keys[0]!.primaryKey)}`,
        '',
        '[',
      ].join('\r\n'),
    )
    return conn
  }
  const fixture = { open, slowBody } as HostileSockets

  beforeAll(async () => {
    const t = await startTestCore(options.core)
    fixture.t = t
    fixture.attacked = await t.createHub(options.hubs.attacked)
    fixture.bystander = await t.createHub(options.hubs.bystander)
    fixture.listener = await startHttpListener({
      fetch: t.app.fetch,
      port: 0,
      hostname: '127.0.0.1',
      ...(options.headersTimeoutMs === undefined ? {} : { headersTimeoutMs: options.headersTimeoutMs }),
    })
  })
  afterAll(async () => {
    for (const s of sockets) s.destroy()
    await fixture.listener?.close()
    await fixture.t?.close()
    fixture.t?.remove()
  })
  return fixture
}
