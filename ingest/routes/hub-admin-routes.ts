import { Hono } from 'hono'
import { DomainError, type HubService, isTenantAdmin, toHubView } from '../../core/index.ts'
import {
  INTERACTION_TYPES,
  createHubSchema,
  createKeySchema,
  regenerateKeySchema,
} from '../../schemas/index.ts'
import { z } from 'zod'
import type { AppEnv } from '../app-env.ts'
import { parseJsonBody } from '../parse-json-body.ts'

const capturedTypesSchema = z.strictObject({
  types: z.array(
    z.enum(INTERACTION_TYPES, { error: `types must hold only ${INTERACTION_TYPES.join(', ')}` }),
  ),
})

/**
 * Hubs and their shared access keys, named as Event Hubs names authorization
 * rules. Mounted behind `adminAuth`; only tenant administrators (global or
 * service administrator) may use them.
 */
export function hubAdminRoutes(deps: { hubs: HubService }) {
  const app = new Hono<AppEnv>()
  app.use('*', async function requireTenantAdmin(c, next) {
    if (!isTenantAdmin(c.get('principal'))) {
      throw new DomainError(
        'forbidden',
        'role_required',
        'only a global administrator or service administrator may manage hubs',
      )
    }
    await next()
  })
  app.post('/', async (c) => {
    const { name } = await parseJsonBody(c, createHubSchema)
    return c.json(toHubView(await deps.hubs.create(name)), 201)
  })
  app.get('/', async (c) => c.json({ hubs: (await deps.hubs.list()).map(toHubView) }))
  app.get('/:hubId', async (c) => c.json(toHubView(await deps.hubs.get(c.req.param('hubId')))))
  app.post('/:hubId/keys', async (c) => {
    const { keyName, rights } = await parseJsonBody(c, createKeySchema)
    return c.json(await deps.hubs.addKey(c.req.param('hubId'), keyName, rights), 201)
  })
  app.post('/:hubId/keys/:keyName/regenerate', async (c) => {
    const { which } = await parseJsonBody(c, regenerateKeySchema)
    return c.json(await deps.hubs.regenerateKey(c.req.param('hubId'), c.req.param('keyName'), which))
  })
  app.delete('/:hubId/keys/:keyName', async (c) => {
    await deps.hubs.deleteKey(c.req.param('hubId'), c.req.param('keyName'))
    return c.body(null, 204)
  })
  app.put('/:hubId/interaction-types', async (c) => {
    const { types } = await parseJsonBody(c, capturedTypesSchema)
    return c.json(toHubView(await deps.hubs.setCapturedTypes(c.req.param('hubId'), types)))
  })
  return app
}
