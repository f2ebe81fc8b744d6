import { Hono } from 'hono'
import {
  type Core,
  assignLicenceSchema,
  createInstanceSchema,
  createLicenceSchema,
  createUserSchema,
  setRolesSchema,
  toUserView,
  updateInstanceSchema,
  upsertContactsSchema,
} from '../../core/index.ts'
import type { AppEnv } from '../app-env.ts'
import { parseJsonBody } from '../parse-json-body.ts'

/**
 * Tenancy, under `/v1/admin`: users and their roles (a user is an admin
 * principal; creating one issues its bearer token, shown once), instances
 * and their contacts, and portal licences. Roles are checked by core.
 */
export function tenancyAdminRoutes(deps: { core: Pick<Core, 'tenancy' | 'portals'> }) {
  const { instances, users, licences, contacts } = deps.core.tenancy
  const app = new Hono<AppEnv>()

  app.get('/users/me', (c) => c.json(toUserView(c.get('principal'))))
  app.post('/users', async (c) => {
    const body = await parseJsonBody(c, createUserSchema)
    return c.json(await users.create(c.get('principal'), body), 201)
  })
  app.get('/users', async (c) => c.json({ users: await users.list(c.get('principal')) }))
  app.get('/users/:userId', async (c) => c.json(await users.get(c.get('principal'), c.req.param('userId'))))
  app.put('/users/:userId/roles', async (c) => {
    const { roles } = await parseJsonBody(c, setRolesSchema)
    return c.json(await users.setRoles(c.get('principal'), c.req.param('userId'), roles))
  })
  app.post('/users/:userId/token', async (c) =>
    c.json(await users.rotateToken(c.get('principal'), c.req.param('userId'))),
  )

  app.post('/instances', async (c) => {
    const body = await parseJsonBody(c, createInstanceSchema)
    return c.json(await instances.create(c.get('principal'), body), 201)
  })
  app.get('/instances', async (c) => c.json({ instances: await instances.list(c.get('principal')) }))
  app.get('/instances/:instanceId', async (c) =>
    c.json(await instances.view(c.get('principal'), c.req.param('instanceId'))),
  )
  app.patch('/instances/:instanceId', async (c) => {
    const body = await parseJsonBody(c, updateInstanceSchema)
    return c.json(await instances.update(c.get('principal'), c.req.param('instanceId'), body))
  })
  app.get('/instances/:instanceId/contacts', async (c) =>
    c.json({ contacts: await contacts.list(c.get('principal'), c.req.param('instanceId')) }),
  )
  app.post('/instances/:instanceId/contacts', async (c) => {
    const body = await parseJsonBody(c, upsertContactsSchema)
    return c.json(await contacts.upsert(c.get('principal'), c.req.param('instanceId'), body))
  })

  app.post('/licences', async (c) => {
    const body = await parseJsonBody(c, createLicenceSchema)
    return c.json(await licences.add(c.get('principal'), body), 201)
  })
  app.get('/licences', async (c) => c.json({ licences: await licences.list(c.get('principal')) }))
  app.delete('/licences/:licenceId', async (c) => {
    await licences.remove(c.get('principal'), c.req.param('licenceId'))
    return c.body(null, 204)
  })
  app.post('/licences/:licenceId/assign', async (c) => {
    const { portalId } = await parseJsonBody(c, assignLicenceSchema)
    return c.json(
      await deps.core.portals.assignLicence(c.get('principal'), c.req.param('licenceId'), portalId),
    )
  })
  return app
}
