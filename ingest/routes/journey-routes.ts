import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { DomainError, type HubService, type JourneyService } from '../../core/index.ts'
import { journeyQuerySchema, toItemErrors } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { requireSas } from '../middleware/sas-auth.ts'

/**
 * `GET /v1/hubs/{hubId}/contacts/{contactId}/journey?before=…&window=P7D&after=P1D`
 * with a `read` token covering the contact (a per-contact token) or the hub:
 * the interactions and cases from `before - window` to `before + after`.
 */
export function journeyRoutes(deps: { hubs: HubService; journey: JourneyService }) {
  const app = new Hono<AppEnv>()
  app.get(
    '/v1/hubs/:hubId/contacts/:contactId/journey',
    // A busy contact's month is hundreds of KB of JSON that gzips about tenfold.
    compress({ encoding: 'gzip' }),
    requireSas(deps.hubs, 'read', (c) => {
      const hubId = c.req.param('hubId')!
      return { hubId, path: `/v1/hubs/${hubId}/contacts/${c.req.param('contactId')}` }
    }),
    async function journeyHandler(c) {
      const query = c.req.query()
      const parsed = journeyQuerySchema.safeParse(query)
      if (!parsed.success) {
        const [first] = toItemErrors(parsed.error, query)
        const code =
          first!.path === 'before' && first!.code === 'required'
            ? 'before_required'
            : `invalid_${first!.path}`
        const message =
          first!.code === 'unknown_field' ? `${first!.path} is not a parameter of this route` : first!.message
        throw new DomainError(
          'invalid',
          first!.code === 'unknown_field' ? 'unknown_parameter' : code,
          message,
          first!.path,
        )
      }
      const contactId = c.req.param('contactId')
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(contactId)) {
        throw new DomainError(
          'invalid',
          'invalid_uuid',
          `contactId must be a uuid, got ${JSON.stringify(contactId)}`,
          'contactId',
        )
      }
      const journey = await deps.journey.read({
        hubId: c.req.param('hubId'),
        contactId,
        before: parsed.data.before,
        window: parsed.data.window,
        after: parsed.data.after,
      })
      c.header('Cache-Control', 'private, no-store')
      return c.json(journey)
    },
  )
  return app
}
