import { Hono, type MiddlewareHandler } from 'hono'
import { stream } from 'hono/streaming'
import { type Core, DomainError, isTenantAdmin } from '../../core/index.ts'
import { API } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { validateRoute as v } from '../middleware/validate-route.ts'

/**
 * A contact's data rights: `GET …/contacts/{contactId}/export` (NDJSON),
 * `DELETE …/contacts/{contactId}` (starts an erasure, 202) and
 * `GET …/erasures/{erasureId}`. Mounted at `/v1/admin/hubs` behind
 * `adminAuth`; tenant administrators only, like the hub's profiles and cases.
 */
export function contactRightsRoutes(deps: { core: Pick<Core, 'hubs' | 'contactRights'> }) {
  const { hubs, contactRights } = deps.core
  const app = new Hono<AppEnv>()
  const tenantAdminOnly: MiddlewareHandler<AppEnv> = async function requireTenantAdminForContactData(
    c,
    next,
  ) {
    if (!isTenantAdmin(c.get('principal'))) {
      throw new DomainError(
        'forbidden',
        'role_required',
        "only a global administrator or service administrator may export or erase a hub's contacts",
      )
    }
    await next()
  }
  app.use('/:hubId/contacts/*', tenantAdminOnly)
  app.use('/:hubId/erasures/*', tenantAdminOnly)

  app.get('/:hubId/contacts/:contactId/export', v(API.exportContact), async function exportContact(c) {
    const { hubId, contactId } = c.var.input.params
    const hub = await hubs.get(hubId)
    const lines = contactRights.exportLines(hub.id, contactId)
    // The first line is read before the answer starts, so a store failure is still a clean 503.
    const first = await lines.next()
    c.header('Content-Type', 'application/x-ndjson; charset=utf-8')
    c.header('Cache-Control', 'private, no-store')
    c.header('Content-Disposition', `attachment; filename="contact-${contactId.toLowerCase()}.ndjson"`)
    return stream(c, async (out) => {
      if (!first.done) await out.write(first.value)
      for await (const line of lines) {
        if (out.aborted) break
        await out.write(line)
      }
    })
  })

  app.delete('/:hubId/contacts/:contactId', v(API.eraseContact), async function eraseContact(c) {
    const { hubId, contactId } = c.var.input.params
    const hub = await hubs.get(hubId)
    const principal = c.get('principal')
    const started = await contactRights.erase(hub.id, contactId, { id: principal.id, name: principal.name })
    return c.json(started, 202)
  })

  app.get('/:hubId/erasures/:erasureId', v(API.getErasure), async function getErasure(c) {
    const { hubId, erasureId } = c.var.input.params
    const hub = await hubs.get(hubId)
    c.header('Cache-Control', 'private, no-store')
    return c.json(await contactRights.get(hub.id, erasureId))
  })
  return app
}
