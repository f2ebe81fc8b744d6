import { Hono } from 'hono'
import { compress } from 'hono/compress'
import type { HubService, JourneyService } from '../../core/index.ts'
import { API } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { requireSas } from '../middleware/sas-auth.ts'
import { validateRoute } from '../middleware/validate-route.ts'

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
      c.header('Cache-Control', 'private, no-store')
      return c.json(journey)
    },
  )
  return app
}
