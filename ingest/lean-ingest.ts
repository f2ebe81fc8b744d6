import type { IncomingMessage, ServerResponse } from 'node:http'
import type { TLSSocket } from 'node:tls'
import { getQueryParam } from 'hono/utils/url'
import type { IngestPipeline } from '../core/index.ts'
import { API } from '../schemas/index.ts'
import { errorAnswer } from './middleware/error-handler.ts'
import { type BodySource, tooLarge } from './middleware/json-body.ts'
import type { RequestTracker } from './middleware/request-context.ts'
import type { Admitted, SendGuards } from './middleware/send-guards.ts'
import { routeChecks } from './middleware/validate-route.ts'
import { interactionSender } from './routes/ingest-routes.ts'
import type { HostTarget } from './routes/portal-site-routes.ts'

// The lean path of the interaction routes: a beacon answered from node:http's
// own request and response, without the Web Request/Response objects that
// @hono/node-server builds around every request and without Hono's router
// and middleware frames. Those layers were the largest share of a beacon's
// main-thread time left after the work itself (bench/profile-server.ts: hono
// 8.5 %, @hono/node-server 5.1 % self time, and their promises and GC);
// without them, CPU per beacon is 0.75x (bench/ab-cpu.ts, both ways
// alternating in one run; bench/README.md, 2026-12-07, lean).
//
// It is not a second implementation of the route. Every step is the one the
// Hono route takes, called in the same order: the send guards' admission
// (in-flight slots, token), the route's own schemas (routeChecks), the body
// reader (ingestBodyReader), the sender (interactionSender), the error answer
// (errorAnswer), the request bookkeeping (requestTracker: id, histogram, log
// line) and the CORS headers (publicCorsHeaders). It takes only the plain
// shape of the request: POST on the HTTP listener, a Host that names the API,
// ids of [A-Za-z0-9_-], a query of plain characters, each header it reads
// given once. Anything else (percent-encoded or dot segments, odd hosts,
// repeated headers, TLS, portals' hosts) goes to the Hono app as before, so
// the edge cases keep the behaviour the suites pin.

/** The interaction routes, with ids and a query of plain characters only. */
const ROUTE =
  /^\/v1\/hubs\/([A-Za-z0-9_-]+)\/(?:portals\/([A-Za-z0-9_-]+)\/)?interactions(?:\?([A-Za-z0-9%._~=&+-]*))?$/

/** A Host @hono/node-server takes as it is (its reValidHost); others it parses as a URL first. */
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/

/** The route patterns, as Hono names them in logs and the latency histogram. */
const HUB_ROUTE = '/v1/hubs/:hubId/interactions'
const PORTAL_ROUTE = '/v1/hubs/:hubId/portals/:portalId/interactions'

/** What @hono/node-server reads of a body left unread after the answer, and for how long, before closing. */
const DRAIN_MAX_BYTES = 64 * 1024 * 1024
const DRAIN_TIMEOUT_MS = 500

/** The headers the interaction routes read, each as the Web Headers of the Hono path would give it. */
interface RouteHeaders {
  host?: string
  authorization?: string
  'content-type'?: string
  'content-encoding'?: string
  'content-length'?: string
  'x-request-id'?: string
}

const READ: ReadonlySet<string> = new Set([
  'host',
  'authorization',
  'content-type',
  'content-encoding',
  'content-length',
  'x-request-id',
])

const isHttpSpace = (code: number) => code === 9 || code === 10 || code === 13 || code === 32

/** HTTP whitespace at either end removed, as Headers does; null when a header the route reads is given twice. */
function headersOf(raw: readonly string[]): RouteHeaders | null {
  const out: Record<string, string> = {}
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase()
    if (!READ.has(name)) continue
    if (name in out) return null
    const value = raw[i + 1]!
    out[name] =
      isHttpSpace(value.charCodeAt(0)) || isHttpSpace(value.charCodeAt(value.length - 1))
        ? value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '')
        : value
  }
  return out
}

/** A body being read from node's request: what the listeners below fill, on the request itself. */
interface BodyRead {
  chunks: Buffer[]
  size: number
  limit: number
  expired: () => boolean
  resolve(body: Buffer): void
  reject(err: Error): void
}

const READING = Symbol('casetrail.reading')
type Reading = IncomingMessage & { [READING]?: BodyRead }

// One set of listeners for every body, with each read's state on its request: closures
// made per beacon were a share of its main thread of their own (their allocation, and
// under tsx the naming of each).
function stopReading(req: Reading): BodyRead {
  const read = req[READING]!
  req[READING] = undefined
  req.off('data', onBodyData)
  req.off('end', onBodyEnd)
  req.off('error', onBodyError)
  req.off('close', onBodyClose)
  return read
}
function onBodyData(this: Reading, chunk: Buffer) {
  const read = this[READING]!
  if (read.expired()) {
    stopReading(this).resolve(Buffer.concat(read.chunks))
    return
  }
  read.size += chunk.byteLength
  if (read.size > read.limit) {
    stopReading(this)
    this.pause()
    read.reject(tooLarge(read.limit))
    return
  }
  read.chunks.push(chunk)
}
function onBodyEnd(this: Reading) {
  const { chunks, size, resolve } = stopReading(this)
  resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size))
}
function onBodyError(this: Reading, err: Error) {
  stopReading(this).reject(err)
}
function onBodyClose(this: Reading) {
  stopReading(this).reject(new Error('the client closed the connection before its body ended'))
}
const NEVER = () => false

/**
 * The body's bytes from node's request, counted against `limit` (what the
 * Hono path's reader does on a web stream); resolves with what came once
 * `expired()` (the deadline has answered by then).
 */
function readIncoming(req: Reading, limit: number, expired: () => boolean = NEVER): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    req[READING] = { chunks: [], size: 0, limit, expired, resolve, reject }
    req.on('data', onBodyData)
    req.on('end', onBodyEnd)
    req.on('error', onBodyError)
    req.on('close', onBodyClose)
  })
}

/** Where the body reader reads a lean request's body from: its headers, and node's request. */
class IncomingBody implements BodySource {
  readonly contentType: string | undefined
  readonly contentEncoding: string | undefined
  readonly contentLength: string | undefined
  constructor(
    private readonly req: IncomingMessage,
    headers: RouteHeaders,
  ) {
    this.contentType = headers['content-type']
    this.contentEncoding = headers['content-encoding']
    this.contentLength = headers['content-length']
  }
  whole(): Promise<Buffer> {
    return readIncoming(this.req, Number.POSITIVE_INFINITY)
  }
  chunked(limit: number, expired: () => boolean): Promise<Buffer> {
    return readIncoming(this.req, limit, expired)
  }
}

/** Reads and drops a body the answer did not need, as @hono/node-server does: bounded, then the socket closes. */
function drain(req: IncomingMessage) {
  if (req.readableEnded || req.destroyed) return
  let read = 0
  const close = () => {
    stop()
    req.socket?.destroySoon?.()
  }
  const timer = setTimeout(close, DRAIN_TIMEOUT_MS)
  timer.unref()
  const onData = (chunk: Buffer) => {
    read += chunk.byteLength
    if (read > DRAIN_MAX_BYTES) close()
  }
  const stop = () => {
    clearTimeout(timer)
    req.off('data', onData)
    req.off('end', stop)
    req.off('error', stop)
  }
  req.on('data', onData)
  req.on('end', stop)
  req.on('error', stop)
  req.resume()
}

/** Handles a request and says so (true), or leaves it to the Hono app (false). */
export type LeanRoute = (req: IncomingMessage, res: ServerResponse) => boolean

/**
 * The interaction routes' lean path (see the note at the top of this file):
 * built from the same parts as the Hono routes, sharing their in-flight
 * slots, rates, body deadlines and request counters.
 *
 * @example
 * const lean = leanIngest({ guards, pipeline: core.pipeline, tracker, targetOf, answerHeaders })
 * createServer((req, res) => lean(req, res) || honoListener(req, res))
 */
export function leanIngest(deps: {
  guards: SendGuards
  pipeline: IngestPipeline
  tracker: RequestTracker
  /** What a Host names: only the API's hosts are taken. */
  targetOf: (host: string) => HostTarget
  /** Headers every answer of these routes carries (CORS), lower-case names. */
  answerHeaders: Record<string, string>
}): LeanRoute {
  const { guards, tracker } = deps
  const send = interactionSender({ pipeline: deps.pipeline, rates: guards.rates })
  const hubChecks = routeChecks(API.sendInteractions)
  const portalChecks = routeChecks(API.sendPortalInteractions)

  /** The route's answer to a request: the sender's, or its refusal as the error handler words it. */
  async function answer(
    req: IncomingMessage,
    headers: RouteHeaders,
    requestId: string,
    hubId: string,
    portalId: string | undefined,
    query: Record<string, string>,
  ): Promise<{ status: number; headers?: Record<string, string>; body: unknown }> {
    let admitted: Admitted | undefined
    try {
      // The Hono route's order: slots and token, path parameters, query, body, then the items.
      admitted = await guards.admit({
        hubId,
        portalId,
        interactions: true,
        authorization: headers.authorization,
        sasQuery: query.sas,
      })
      const checks = portalId === undefined ? hubChecks : portalChecks
      checks.params(portalId === undefined ? { hubId } : { hubId, portalId })
      const { wait } = checks.query(query) as { wait?: 'stored' | 'logged' }
      const body = await guards.readBody(new IncomingBody(req, headers))
      return await send({ hubId, portalId, sas: admitted.sas, wait, body })
    } catch (err) {
      return errorAnswer(err, { requestId, log: tracker.log })
    } finally {
      admitted?.release()
    }
  }

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    headers: RouteHeaders,
    hubId: string,
    portalId: string | undefined,
    query: Record<string, string>,
  ) {
    const started = performance.now()
    const requestId = tracker.idOf(headers['x-request-id'])
    const route = portalId === undefined ? HUB_ROUTE : PORTAL_ROUTE
    const result = await answer(req, headers, requestId, hubId, portalId, query)
    try {
      write(req, res, requestId, result)
    } catch (err) {
      // Refusals are answers (errorAnswer); only writing one can throw: the connection ends.
      tracker.log.error({ err, requestId }, 'unexpected error writing an answer')
      res.destroy()
    }
    tracker.time('POST', route, result.status, started)
    tracker.finish({ requestId, method: 'POST', route, status: result.status, started })
  }

  /** Writes the answer with the headers the Hono path's answer has: content type, CORS, the request id, the route's own. */
  function write(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    result: { status: number; headers?: Record<string, string>; body: unknown },
  ) {
    const json = JSON.stringify(result.body)
    res.writeHead(result.status, {
      'content-type': 'application/json',
      ...deps.answerHeaders,
      'x-request-id': requestId,
      ...result.headers,
      'content-length': String(Buffer.byteLength(json)),
    })
    res.end(json)
    // A body the answer did not read (a refusal before it) is drained and dropped, bounded.
    if (!req.readableEnded) res.once('close', () => drain(req))
  }

  return function leanIngestRoute(req, res) {
    if (req.method !== 'POST') return false
    const match = ROUTE.exec(req.url ?? '')
    if (match === null || (req.socket as TLSSocket).encrypted) return false
    const headers = headersOf(req.rawHeaders)
    if (headers === null || headers.host === undefined || !PLAIN_HOST.test(headers.host)) return false
    if (deps.targetOf(headers.host).kind !== 'api') return false
    const query = match[3] ? (getQueryParam(`http://l/?${match[3]}`) as Record<string, string>) : {}
    void handle(req, res, headers, match[1]!, match[2], query)
    return true
  }
}

/** The lean path of each app built by `createApp`, by its `fetch`: what a listener opened on that fetch takes first. */
const leanRoutes = new WeakMap<object, LeanRoute>()

/** Records `route` as the lean path of the app whose `fetch` is given (`createApp` does it). */
export function setLeanRoute(fetch: object, route: LeanRoute): void {
  leanRoutes.set(fetch, route)
}

/** The lean path of the app whose `fetch` this is, if it has one. */
export const leanRouteOf = (fetch: object): LeanRoute | undefined => leanRoutes.get(fetch)
