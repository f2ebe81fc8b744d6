import { type Context, Hono } from 'hono'
import { type Core, isDomainError } from '../../core/index.ts'
import { API } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { type RecordLocks, etagOf, versioned } from '../middleware/if-match.ts'
import { validateRoute as v } from '../middleware/validate-route.ts'

/**
 * Portal visitors' sign-in, for admins (mounted under `/v1/admin`): a
 * portal's authentication settings, its outbox and invitations; a contact's
 * sign-in methods and "sign out everywhere"; the OpenID providers a portal
 * trusts. The settings and each provider are versioned records (ETag,
 * If-Match).
 */
export function portalAuthRoutes(deps: { core: Pick<Core, 'portalAuth'>; locks: RecordLocks }) {
  const auth = deps.core.portalAuth.admin
  const app = new Hono<AppEnv>()
  const settingsVersion = versioned({
    locks: deps.locks,
    record: (c) => `portal-auth:${c.req.param('portalId')}`,
    current: (c) => auth.authentication(c.get('principal'), c.req.param('portalId')!),
  })
  const providerOf = (c: Pick<Context<AppEnv>, 'get' | 'req'>) =>
    auth.oidcProvider(c.get('principal'), c.req.param('portalId')!, c.req.param('providerId')!)
  const providerVersion = versioned({
    locks: deps.locks,
    record: (c) => `portal-oidc-provider:${c.req.param('portalId')}/${c.req.param('providerId')}`,
    // Removed (or never there): no version to match, and the handler says not found.
    current: (c) =>
      providerOf(c).catch((err: unknown) => {
        if (isDomainError(err) && err.code === 'oidc_provider_not_found') return null
        throw err
      }),
  })
  app.get('/portals/:portalId/authentication', v(API.getPortalAuthentication), settingsVersion, async (c) =>
    c.json(await auth.authentication(c.get('principal'), c.req.param('portalId'))),
  )
  app.put('/portals/:portalId/authentication', v(API.setPortalAuthentication), settingsVersion, async (c) =>
    c.json(await auth.setAuthentication(c.get('principal'), c.req.param('portalId'), c.var.input.body)),
  )
  app.get('/portals/:portalId/oidc-providers', v(API.listPortalOidcProviders), async (c) =>
    c.json(await auth.oidcProviders(c.get('principal'), c.req.param('portalId'))),
  )
  app.post('/portals/:portalId/oidc-providers', v(API.addPortalOidcProvider), async (c) => {
    const made = await auth.addOidcProvider(c.get('principal'), c.req.param('portalId'), c.var.input.body)
    c.header('ETag', etagOf(made))
    return c.json(made, 201)
  })
  app.get(
    '/portals/:portalId/oidc-providers/:providerId',
    v(API.getPortalOidcProvider),
    providerVersion,
    async (c) => c.json(await providerOf(c)),
  )
  app.patch(
    '/portals/:portalId/oidc-providers/:providerId',
    v(API.updatePortalOidcProvider),
    providerVersion,
    async (c) =>
      c.json(
        await auth.updateOidcProvider(
          c.get('principal'),
          c.req.param('portalId'),
          c.req.param('providerId'),
          c.var.input.body,
        ),
      ),
  )
  app.delete(
    '/portals/:portalId/oidc-providers/:providerId',
    v(API.removePortalOidcProvider),
    providerVersion,
    async (c) => {
      await auth.removeOidcProvider(c.get('principal'), c.req.param('portalId'), c.req.param('providerId'))
      return c.body(null, 204)
    },
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
