import { Hono } from 'hono'
import type { Core } from '../../core/index.ts'
import { API } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { validateRoute as v } from '../middleware/validate-route.ts'

/**
 * Portal visitors' sign-in, for admins (mounted under `/v1/admin`): a
 * portal's authentication settings, its outbox and invitations; a contact's
 * sign-in methods and "sign out everywhere".
 */
export function portalAuthRoutes(deps: { core: Pick<Core, 'portalAuth'> }) {
  const auth = deps.core.portalAuth.admin
  const app = new Hono<AppEnv>()
  app.get('/portals/:portalId/authentication', v(API.getPortalAuthentication), async (c) =>
    c.json(await auth.authentication(c.get('principal'), c.req.param('portalId'))),
  )
  app.put('/portals/:portalId/authentication', v(API.setPortalAuthentication), async (c) =>
    c.json(await auth.setAuthentication(c.get('principal'), c.req.param('portalId'), c.var.input.body)),
  )
  app.get('/portals/:portalId/outbox', v(API.listPortalOutbox), async (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json(await auth.outbox(c.get('principal'), c.req.param('portalId')))
  })
  app.post('/portals/:portalId/invitations', v(API.invitePortalContact), async (c) =>
    c.json(await auth.invite(c.get('principal'), c.req.param('portalId'), c.var.input.body.contactId), 201),
  )
  app.get('/instances/:instanceId/contacts/:contactId/sign-in', v(API.getContactSignIn), async (c) =>
    c.json(await auth.signInMethods(c.get('principal'), c.req.param('instanceId'), c.req.param('contactId'))),
  )
  app.post(
    '/instances/:instanceId/contacts/:contactId/sign-out-everywhere',
    v(API.signOutContactEverywhere),
    async (c) =>
      c.json(
        await auth.signOutEverywhere(c.get('principal'), c.req.param('instanceId'), c.req.param('contactId')),
      ),
  )
  return app
}
