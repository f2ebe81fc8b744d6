import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import type { IncomingMessage } from 'node:http'
import type { Context, MiddlewareHandler } from 'hono'
import {
  DomainError,
  MAX_JSON_DEPTH,
  jsonShapeProblem,
  nestingTooDeep,
  tooManyFields,
} from '../../core/index.ts'
import type { AppEnv } from '../app-env.ts'

const gunzipAsync = promisify(gunzip)

/** Most members one object of an ingest body may have (an interaction has about ten). */
export const MAX_OBJECT_MEMBERS = 64

/** Largest body, in bytes, after decompression. */
export const MAX_BODY_BYTES = 1024 * 1024

const tooLarge = (limit: number) =>
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

/** Reads the body against `timeoutMs`: whole when its length is declared, else streamed against `limit`. */
async function readWithin(c: Context, declared: number, limit: number, timeoutMs: number): Promise<Buffer> {
  const timer = deadline(timeoutMs)
  try {
    const reading = Number.isFinite(declared)
      ? c.req.arrayBuffer().then((b) => Buffer.from(b))
      : readLimited(c.req.raw.body, limit, timer.expired)
    // Whichever loses is settled later (the socket closes); it must not surface as unhandled.
    reading.catch(() => undefined)
    return await Promise.race([reading, timer.promise])
  } finally {
    timer.cancel()
  }
}

/**
 * Reads a JSON body for the ingest routes: `application/json` or `text/plain`
 * carrying JSON (what `navigator.sendBeacon` sends), optionally
 * `Content-Encoding: gzip`. The limit holds for the decompressed size, so a
 * gzip bomb gets 413 without inflating past it. Puts the parsed value on
 * `c.get('body')`.
 */
export function jsonBody(
  options: {
    maxBytes?: number
    /** The whole body must arrive within this; else 408 `body_timeout` and the slot is freed. Default 5 s. */
    timeoutMs?: number
  } = {},
): MiddlewareHandler<AppEnv & { Variables: { body: unknown } }> {
  const limit = options.maxBytes ?? MAX_BODY_BYTES
  const timeoutMs = options.timeoutMs ?? BODY_TIMEOUT_MS
  return async function jsonBodyMiddleware(c, next) {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (type !== 'application/json' && type !== 'text/plain') {
      throw new DomainError(
        'unsupported_media',
        'unsupported_content_type',
        `Content-Type must be application/json or text/plain, got ${JSON.stringify(type || '(none)')}`,
        'content-type',
      )
    }
    const encoding = (c.req.header('content-encoding') ?? 'identity').trim().toLowerCase()
    if (encoding !== 'identity' && encoding !== 'gzip') {
      throw new DomainError(
        'unsupported_media',
        'unsupported_encoding',
        `Content-Encoding must be gzip or absent, got ${JSON.stringify(encoding)}`,
        'content-encoding',
      )
    }
    const declared = Number(c.req.header('content-length') ?? Number.NaN)
    if (declared > limit) throw tooLarge(limit)
    // With a declared length (the HTTP parser holds the body to it) the whole
    // body is read at once, on @hono/node-server's fast path that never builds
    // a web stream; without one (chunked), it is streamed against the limit.
    // A client that trickles its body gets 408 after timeoutMs: its in-flight slots are not held for longer.
    let bytes: Buffer
    // A body the HTTP parser has already taken in whole (a beacon arrives in the packet of its
    // headers) cannot trickle: read it without arming a timer (one per request was ~2% of a beacon).
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
    if (Number.isFinite(declared) && incoming?.complete === true) {
      bytes = Buffer.from(await c.req.arrayBuffer())
    } else bytes = await readWithin(c, declared, limit, timeoutMs)
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
    let body: unknown
    try {
      body = JSON.parse(bytes.toString('utf8'))
    } catch (err) {
      const message =
        bytes.length === 0 ? 'the body is empty' : `the body is not valid JSON: ${(err as Error).message}`
      throw new DomainError('invalid', 'invalid_json', message, 'body')
    }
    c.set('body', body)
    await next()
  }
}
