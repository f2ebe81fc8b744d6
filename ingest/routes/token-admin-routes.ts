import { Hono, type MiddlewareHandler } from 'hono'
import { type Core, DomainError, createSasToken, isTenantAdmin } from '../../core/index.ts'
import { API } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { validateRoute } from '../middleware/validate-route.ts'

/**
 * `POST /v1/admin/hubs/{hubId}/tokens`: mints a shared access signature for
 * the hub, one portal or one contact, signed with one of the hub's keys, for a
 * lifetime the admin picks (one minute to one year). What the console's
 * "Mint a token" and Journey lookup use, so no hub key has to reach a browser
 * that only needs a token. Mounted at `/v1/admin/hubs` behind `adminAuth`;
 * tenant administrators only, like the hubs themselves.
 */
export function tokenAdminRoutes(deps: { core: Pick<Core, 'hubs'>; clock?: () => number }) {
  const { hubs } = deps.core
  const clock = deps.clock ?? Date.now
  const app = new Hono<AppEnv>()
  const requireTenantAdminToMint: MiddlewareHandler<AppEnv> = async function requireTenantAdminToMint(
    c,
    next,
  ) {
    if (!isTenantAdmin(c.get('principal'))) {
      throw new DomainError(
        'forbidden',
        'role_required',
        'only a global administrator or service administrator may mint hub tokens',
      )
    }
    await next()
  }
  app.post(
    '/:hubId/tokens',
    requireTenantAdminToMint,
    validateRoute(API.mintHubToken),
    async function mintToken(c) {
      const input = c.var.input.body
      const hub = await hubs.get(c.req.param('hubId'))
      const key = hub.keys.find((k) => k.keyName === input.keyName)
      if (!key) {
        throw new DomainError(
          'not_found',
          'key_not_found',
          `hub ${hub.id} has no key named ${JSON.stringify(input.keyName)}; its keys are ${hub.keys.map((k) => k.keyName).join(', ')}`,
          'keyName',
        )
      }
      const base = `/v1/hubs/${encodeURIComponent(hub.id)}`
      const { resource } = input
      const path =
        resource.kind === 'hub'
          ? base
          : resource.kind === 'portal'
            ? `${base}/portals/${resource.portalId.toLowerCase()}`
            : `${base}/contacts/${resource.contactId.toLowerCase()}`
      const resourceUri = hubs.resourceUri(path)
      const now = clock()
      const expiresAt = Math.floor(now / 1000) + input.ttlSeconds
      const token = createSasToken({
        resourceUri,
        keyName: key.keyName,
        key: input.which === 'secondary' ? key.secondaryKey : key.primaryKey,
        expiresAt,
      })
      c.header('Cache-Control', 'no-store')
      return c.json(
        {
          token,
          resourceUri,
          keyName: key.keyName,
          rights: key.rights,
          expiresAt: new Date(expiresAt * 1000).toISOString(),
        },
        201,
      )
    },
  )
  return app
}
