import { promisify } from 'node:util'
import { gzip, gzipSync } from 'node:zlib'
import { Hono } from 'hono'
import { parseAccept } from 'hono/utils/accept'
import type { AuditLog, HubService, JourneyService } from '../../core/index.ts'
import { API } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { clientAddress } from '../client-address.ts'
import { markRead } from '../middleware/mark-read.ts'
import { requireSas } from '../middleware/sas-auth.ts'
import type { ReadsAhead } from '../reads-ahead.ts'
import { validateRoute } from '../middleware/validate-route.ts'

const gzipAsync = promisify(gzip)

/** Answers smaller than this go as they are: gzip would save little and cost a call. */
export const JOURNEY_GZIP_MIN_BYTES = 1024
/**
 * Answers up to this size are gzipped on the event loop (well under a millisecond);
 * larger ones on libuv's threads, so one busy contact's month does not hold up
 * every other request meanwhile.
 */
export const JOURNEY_GZIP_SYNC_MAX_BYTES = 64 * 1024

/**
 * Whether `Accept-Encoding` takes gzip, as `hono/compress` decides it: `gzip`
 * with q > 0, or else `*` with q > 0.
 */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false
  const accepts = parseAccept(header)
  const explicit = accepts.find((a) => a.type.toLowerCase() === 'gzip')
  return (explicit ? explicit.q : (accepts.find((a) => a.type === '*')?.q ?? 0)) > 0
}

/**
 * `GET /v1/hubs/{hubId}/contacts/{contactId}/journey?before=…&window=P7D&after=P1D`
 * with a `read` token covering the contact (a per-contact token) or the hub:
 * the interactions and cases from `before - window` to `before + after`.
 * A busy contact's month is hundreds of KB of JSON that gzips about tenfold:
 * the answer is gzipped when the client takes it and it is at least
 * {@link JOURNEY_GZIP_MIN_BYTES} long.
 *
 * A hub with `logJourneyReads` writes an audit entry for each read before it
 * answers (`getJourney`, the token's resource as actor, the contact as
 * target; never the contents): a read that cannot be logged is not answered.
 */
export function journeyRoutes(deps: {
  hubs: HubService
  journey: JourneyService
  audit: Pick<AuditLog, 'appendRead'>
  trustProxy?: boolean
  /** Where the read marks itself in flight, so ingest waits for it (reads-ahead.ts). */
  reads: Pick<ReadsAhead, 'enter'>
}) {
  const app = new Hono<AppEnv>()
  app.get(
    '/v1/hubs/:hubId/contacts/:contactId/journey',
    requireSas(deps.hubs, 'read', (c) => {
      const hubId = c.req.param('hubId')!
      return { hubId, path: `/v1/hubs/${hubId}/contacts/${c.req.param('contactId')}` }
    }),
    markRead(deps.reads),
    validateRoute(API.getJourney),
    async function journeyHandler(c) {
      const { params, query } = c.var.input
      const journey = await deps.journey.read({
        hubId: params.hubId,
        contactId: params.contactId,
        before: query.before,
        window: query.window,
        after: query.after,
      })
      if ((await deps.hubs.getCached(params.hubId)).logJourneyReads) {
        const sas = c.get('sas')
        await deps.audit.appendRead(
          {
            actor: { id: sas.resource, name: sas.keyName, kind: 'sas_token' },
            operation: 'getJourney',
            target: { type: 'contact', id: params.contactId.toLowerCase() },
            requestId: c.get('requestId'),
            clientAddress: clientAddress(c, { trustProxy: deps.trustProxy ?? false }),
          },
          { status: 200 },
        )
      }
      // Encoded here, not by `hono/compress`: that middleware sets Vary on the
      // finished response, which on @hono/node-server turns it into a web-stream
      // Response read back chunk by chunk (a third of the journey's own main-thread
      // time in bench/journey-probe.ts). Headers set before the body keep the
      // body a plain buffer the server writes at once.
      const text = JSON.stringify(journey)
      c.header('Cache-Control', 'private, no-store')
      c.header('Content-Type', 'application/json')
      c.header('Vary', 'Accept-Encoding')
      if (!acceptsGzip(c.req.header('accept-encoding'))) return c.body(text)
      const bytes = Buffer.from(text, 'utf8')
      if (bytes.length < JOURNEY_GZIP_MIN_BYTES) return c.body(text)
      const gzipped = bytes.length <= JOURNEY_GZIP_SYNC_MAX_BYTES ? gzipSync(bytes) : await gzipAsync(bytes)
      c.header('Content-Encoding', 'gzip')
      return c.body(new Uint8Array(gzipped.buffer, gzipped.byteOffset, gzipped.byteLength))
    },
  )
  return app
}
