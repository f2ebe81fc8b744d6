import { Hono } from 'hono'
import { type Core, toUserView } from '../../core/index.ts'
import { API } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { type RecordLocks, lockRecord, versioned } from '../middleware/if-match.ts'
import { validateRoute as v } from '../middleware/validate-route.ts'
import { byCreation, paginate } from '../paginate.ts'

/**
 * Tenancy, under `/v1/admin`: users and their roles (a user is an admin
 * principal; creating one issues its bearer token, shown once), instances
 * and their contacts, and portal licences. Roles are checked by core.
 */
export function tenancyAdminRoutes(deps: {
  core: Pick<Core, 'tenancy' | 'portals' | 'principals'>
  locks: RecordLocks
}) {
  const { instances, users, licences, contacts } = deps.core.tenancy
  const { locks } = deps
  const app = new Hono<AppEnv>()
  const userVersion = versioned({
    locks,
    record: (c) => `user:${c.req.param('userId')}`,
    current: (c) => users.get(c.get('principal'), c.req.param('userId')!),
  })
  // A token rotation rewrites the user record too: it takes the user's lock, with no version of its own.
  const userLock = lockRecord(locks, (c) => `user:${c.req.param('userId')}`)
  const instanceVersion = versioned({
    locks,
    record: (c) => `instance:${c.req.param('instanceId')}`,
    current: (c) => instances.view(c.get('principal'), c.req.param('instanceId')!),
  })

  app.get('/users/me', v(API.getMe), (c) => c.json(toUserView(c.get('principal'))))
  app.post('/users', v(API.createUser), async (c) =>
    c.json(await users.create(c.get('principal'), c.var.input.body), 201),
  )
  app.get('/users', v(API.listUsers), async (c) => {
    const page = paginate(await users.list(c.get('principal')), byCreation, c.var.input.query)
    return c.json({ users: page.items, nextCursor: page.nextCursor })
  })
  app.get('/users/:userId', v(API.getUser), userVersion, async (c) =>
    c.json(await users.get(c.get('principal'), c.req.param('userId'))),
  )
  app.put('/users/:userId/roles', v(API.setUserRoles), userVersion, async (c) =>
    c.json(await users.setRoles(c.get('principal'), c.req.param('userId'), c.var.input.body.roles)),
  )
  app.post('/users/:userId/token', v(API.rotateUserToken), userLock, async (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json(await users.rotateToken(c.get('principal'), c.req.param('userId')))
  })
  app.delete('/users/:userId/token', v(API.revokeUserToken), userLock, async (c) => {
    await users.revokeToken(c.get('principal'), c.req.param('userId'))
    return c.body(null, 204)
  })

  // Console sessions: started with an admin token, ended at sign-out.
  app.post('/sessions', v(API.startAdminSession), async (c) => {
    const session = await deps.core.principals.startSession(c.get('bearer'))
    c.get('log').info(
      { userId: c.get('principal').id, expiresAt: session.expiresAt },
      'admin session started',
    )
    c.header('Cache-Control', 'no-store')
    return c.json(session, 201)
  })
  app.delete('/sessions/current', v(API.endAdminSession), async (c) => {
    await deps.core.principals.endSession(c.get('bearer'))
    c.get('log').info({ userId: c.get('principal').id }, 'admin session ended')
    return c.body(null, 204)
  })

  app.post('/instances', v(API.createInstance), async (c) =>
    c.json(await instances.create(c.get('principal'), c.var.input.body), 201),
  )
  app.get('/instances', v(API.listInstances), async (c) => {
    const page = paginate(await instances.list(c.get('principal')), byCreation, c.var.input.query)
    return c.json({ instances: page.items, nextCursor: page.nextCursor })
  })
  app.get('/instances/:instanceId', v(API.getInstance), instanceVersion, async (c) =>
    c.json(await instances.view(c.get('principal'), c.req.param('instanceId'))),
  )
  app.patch('/instances/:instanceId', v(API.updateInstance), instanceVersion, async (c) =>
    c.json(await instances.update(c.get('principal'), c.req.param('instanceId'), c.var.input.body)),
  )
  app.get('/instances/:instanceId/contacts', v(API.listContacts), async (c) => {
    const all = await contacts.list(c.get('principal'), c.req.param('instanceId'))
    const page = paginate(all, (x) => x.crmrecordid, c.var.input.query)
    return c.json({ contacts: page.items, nextCursor: page.nextCursor })
  })
  app.post('/instances/:instanceId/contacts', v(API.upsertContacts), async (c) =>
    c.json(await contacts.upsert(c.get('principal'), c.req.param('instanceId'), c.var.input.body)),
  )

  app.post('/licences', v(API.createLicence), async (c) =>
    c.json(await licences.add(c.get('principal'), c.var.input.body), 201),
  )
  app.get('/licences', v(API.listLicences), async (c) =>
    c.json({ licences: await licences.list(c.get('principal')) }),
  )
  app.delete('/licences/:licenceId', v(API.deleteLicence), async (c) => {
    await licences.remove(c.get('principal'), c.req.param('licenceId'))
    return c.body(null, 204)
  })
  // Assigning changes the portal's view (its type and licence): under the portal's lock, as its own routes.
  app.post('/licences/:licenceId/assign', v(API.assignLicence), async (c) => {
    const { portalId } = c.var.input.body
    return c.json(
      await locks(`portal:${portalId}`, () =>
        deps.core.portals.assignLicence(c.get('principal'), c.req.param('licenceId'), portalId),
      ),
    )
  })
  return app
}
