import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import type { MiddlewareHandler } from 'hono'
import {
  DomainError,
  MAX_JSON_DEPTH,
  jsonShapeProblem,
  nestingTooDeep,
  tooManyFields,
} from '../../core/index.ts'
import type { AppEnv } from '../app-env.ts'
import type { ReadsAhead } from '../reads-ahead.ts'

const gunzipAsync = promisify(gunzip)

/** Most members one object of an ingest body may have (an interaction has about ten). */
export const MAX_OBJECT_MEMBERS = 64

/** Largest body, in bytes, after decompression. */
export const MAX_BODY_BYTES = 1024 * 1024

/** The refusal of a body past `limit` bytes (after decompression). */
export const tooLarge = (limit: number) =>
  new DomainError(
    'too_large',
    'body_too_large',
    `the body is larger than ${limit} bytes (after decompression)`,
  )

/** How long a whole ingest body may take to arrive, by default. */
export const BODY_TIMEOUT_MS = 5_000

const bodyTimeout = (ms: number) =>
  new DomainError(
    'timeout',
    'body_timeout',
    `the body did not arrive within ${ms} ms (CASETRAIL_INGEST_BODY_TIMEOUT_MS); send it at once`,
    'body',
  )

/** Rejects with `body_timeout` after `ms`, unless `cancel()`ed first. */
function deadline(ms: number): { promise: Promise<never>; cancel: () => void; expired: () => boolean } {
  let timer: NodeJS.Timeout | undefined
  let fired = false
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      fired = true
      reject(bodyTimeout(ms))
    }, ms)
  })
  promise.catch(() => undefined)
  return { promise, cancel: () => clearTimeout(timer), expired: () => fired }
}

async function readLimited(
  stream: ReadableStream<Uint8Array> | null,
  limit: number,
  expired: () => boolean,
): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0)
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (expired()) {
      await reader.cancel().catch(() => undefined)
      break
    }
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge(limit)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

/** A whole body's bytes as a Buffer, without copying them. */
const asBuffer = (b: ArrayBuffer | Uint8Array): Buffer =>
  b instanceof Uint8Array ? Buffer.from(b.buffer, b.byteOffset, b.byteLength) : Buffer.from(b)

/**
 * Bodies of a declared length being read, each with the time it must have
 * arrived by, checked by one coarse timer (a twentieth of the timeout, 10 to
 * 250 ms) that runs only while some are pending: a setTimeout, a second
 * promise and a Promise.race per request were ~3 % of a beacon's event loop.
 */
function bodyDeadlines(timeoutMs: number) {
  const step = Math.max(10, Math.min(250, Math.ceil(timeoutMs / 20)))
  const pending = new Set<{ at: number; fail: (err: DomainError) => void }>()
  let ticker: NodeJS.Timeout | undefined
  const tick = () => {
    const now = performance.now()
    for (const p of pending) {
      if (p.at > now) continue
      pending.delete(p)
      p.fail(bodyTimeout(timeoutMs))
    }
    if (pending.size === 0) {
      clearInterval(ticker)
      ticker = undefined
    }
  }
  /** The body's bytes, or `body_timeout` once `timeoutMs` has passed (within one step). */
  return function within(reading: Promise<ArrayBuffer | Uint8Array>): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      const entry = { at: performance.now() + timeoutMs, fail: reject }
      pending.add(entry)
      if (ticker === undefined) {
        ticker = setInterval(tick, step)
        ticker.unref()
      }
      // A read that loses to the deadline settles later (the socket closes): that is not unhandled.
      reading.then(
        (b) => {
          pending.delete(entry)
          resolve(asBuffer(b))
        },
        (err: unknown) => {
          pending.delete(entry)
          reject(err)
        },
      )
    })
  }
}

/** Where an ingest body comes from: its headers as the request has them, and how to read its bytes. */
export interface BodySource {
  contentType: string | undefined
  contentEncoding: string | undefined
  contentLength: string | undefined
  /** The whole body of a declared length (the HTTP parser holds it to that length). */
  whole(): Promise<ArrayBuffer | Uint8Array>
  /** A body of no declared length, streamed against `limit` (`body_too_large` past it); stops once `expired()`. */
  chunked(limit: number, expired: () => boolean): Promise<Buffer>
}

/** The checks and reading of {@link jsonBody}, for any request: the parsed JSON value, or the refusal. */
export type IngestBodyReader = (source: BodySource) => Promise<unknown>

/**
 * Reads a JSON body for the ingest routes: `application/json` or `text/plain`
 * carrying JSON (what `navigator.sendBeacon` sends), optionally
 * `Content-Encoding: gzip`. The limit holds for the decompressed size, so a
 * gzip bomb gets 413 without inflating past it. One reader serves the Hono
 * routes ({@link jsonBody}) and the lean ingest path alike.
 */
export function ingestBodyReader(
  options: {
    maxBytes?: number
    /** The whole body must arrive within this; else 408 `body_timeout` and the slot is freed. Default 5 s. */
    timeoutMs?: number
    /** Reps' reads in flight, which a body's parsing and what follows wait for (bounded; see reads-ahead.ts). */
    reads?: Pick<ReadsAhead, 'waitForReads'>
  } = {},
): IngestBodyReader {
  const limit = options.maxBytes ?? MAX_BODY_BYTES
  const timeoutMs = options.timeoutMs ?? BODY_TIMEOUT_MS
  const within = bodyDeadlines(timeoutMs)
  /** Streams a body of no declared length (chunked) against `limit` and `timeoutMs`. */
  async function readChunked(source: BodySource): Promise<Buffer> {
    const timer = deadline(timeoutMs)
    try {
      const reading = source.chunked(limit, timer.expired)
      // Whichever loses is settled later (the socket closes); it must not surface as unhandled.
      reading.catch(() => undefined)
      return await Promise.race([reading, timer.promise])
    } finally {
      timer.cancel()
    }
  }
  return async function readIngestBody(source) {
    const type = (source.contentType ?? '').split(';')[0]!.trim().toLowerCase()
    if (type !== 'application/json' && type !== 'text/plain') {
      throw new DomainError(
        'unsupported_media',
        'unsupported_content_type',
        `Content-Type must be application/json or text/plain, got ${JSON.stringify(type || '(none)')}`,
        'content-type',
      )
    }
    const encoding = (source.contentEncoding ?? 'identity').trim().toLowerCase()
    if (encoding !== 'identity' && encoding !== 'gzip') {
      throw new DomainError(
        'unsupported_media',
        'unsupported_encoding',
        `Content-Encoding must be gzip or absent, got ${JSON.stringify(encoding)}`,
        'content-encoding',
      )
    }
    const declared = Number(source.contentLength ?? Number.NaN)
    if (declared > limit) throw tooLarge(limit)
    // With a declared length (the HTTP parser holds the body to it) the whole
    // body is read at once (on @hono/node-server's fast path that never builds
    // a web stream); without one (chunked), it is streamed against the limit.
    // A client that trickles its body gets 408 after timeoutMs: its in-flight slots are not held for longer.
    let bytes = Number.isFinite(declared) ? await within(source.whole()) : await readChunked(source)
    // Reads ahead: while a rep's read is in flight, this request's own work (inflating,
    // parsing, the items' checks and encoding, the log's append) waits, at most the gate's
    // bound. After the body arrived, so its deadline counts only its arrival.
    const reads = options.reads?.waitForReads()
    if (reads) await reads
    if (encoding === 'gzip') {
      try {
        bytes = await gunzipAsync(bytes, { maxOutputLength: limit })
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(limit)
        throw new DomainError('invalid', 'invalid_gzip', 'the body is not valid gzip', 'content-encoding')
      }
    }
    // Counted before parsing, so nothing downstream recurses on a body made to be deep, and no
    // object of 120K members is parsed, validated and quarantined (seconds of CPU for one request).
    const shape = jsonShapeProblem(bytes, { maxDepth: MAX_JSON_DEPTH, maxMembers: MAX_OBJECT_MEMBERS })
    if (shape === 'depth') throw nestingTooDeep()
    if (shape === 'members') throw tooManyFields(MAX_OBJECT_MEMBERS)
    try {
      return JSON.parse(bytes.toString('utf8')) as unknown
    } catch (err) {
      const message =
        bytes.length === 0 ? 'the body is empty' : `the body is not valid JSON: ${(err as Error).message}`
      throw new DomainError('invalid', 'invalid_json', message, 'body')
    }
  }
}

/**
 * The ingest body reader ({@link ingestBodyReader}) as middleware: puts the
 * parsed value on `c.get('body')`. Pass `reader` to share one with the lean path.
 */
export function jsonBody(
  options: { maxBytes?: number; timeoutMs?: number; reader?: IngestBodyReader } = {},
): MiddlewareHandler<AppEnv & { Variables: { body: unknown } }> {
  const read = options.reader ?? ingestBodyReader(options)
  return async function jsonBodyMiddleware(c, next) {
    c.set(
      'body',
      await read({
        contentType: c.req.header('content-type'),
        contentEncoding: c.req.header('content-encoding'),
        contentLength: c.req.header('content-length'),
        whole: () => c.req.arrayBuffer(),
        chunked: (limit, expired) => readLimited(c.req.raw.body, limit, expired),
      }),
    )
    await next()
  }
}
