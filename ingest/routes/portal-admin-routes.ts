import { Hono } from 'hono'
import { z } from 'zod'
import {
  type Core,
  changeValuesSchema,
  configureHubSchema,
  provisionSchema,
  updateHubKeySchema,
  updatePortalSchema,
} from '../../core/index.ts'
import type { AppEnv } from '../app-env.ts'
import { parseJsonBody } from '../parse-json-body.ts'

const anyObject = z.record(z.string(), z.unknown())

/**
 * The portal admin centre, under `/v1/admin/portals`: provisioning options
 * and provisioning, each portal's job progress, Restart Provisioning and
 * Change Values and Restart Provisioning, packages and their retries, the hub
 * a portal sends to, and the site's records. Every action on a portal is for
 * a Global Administrator, a Service Administrator, or a System Administrator
 * of the portal's instance (core answers anyone else with the seed's 403).
 */
export function portalAdminRoutes(deps: { core: Pick<Core, 'portals'> }) {
  const portals = deps.core.portals
  const app = new Hono<AppEnv>()

  app.get('/options', async (c) =>
    c.json(await portals.options(c.get('principal'), c.req.query('instanceId'))),
  )
  app.post('/', async (c) => {
    const body = await parseJsonBody(c, provisionSchema)
    return c.json(await portals.provision(c.get('principal'), body), 202)
  })
  app.get('/', async (c) => c.json({ portals: await portals.list(c.get('principal')) }))
  app.get('/:portalId', async (c) => c.json(await portals.get(c.get('principal'), c.req.param('portalId'))))
  app.patch('/:portalId', async (c) => {
    const body = await parseJsonBody(c, updatePortalSchema)
    return c.json(await portals.update(c.get('principal'), c.req.param('portalId'), body))
  })

  app.get('/:portalId/provisioning', async (c) =>
    c.json(await portals.provisioning(c.get('principal'), c.req.param('portalId'))),
  )
  app.post('/:portalId/provisioning/restart', async (c) =>
    c.json(await portals.restart(c.get('principal'), c.req.param('portalId')), 202),
  )
  app.post('/:portalId/provisioning/change-values-and-restart', async (c) => {
    const body = await parseJsonBody(c, changeValuesSchema)
    return c.json(
      await portals.changeValuesAndRestart(c.get('principal'), c.req.param('portalId'), body),
      202,
    )
  })

  app.get('/:portalId/packages', async (c) =>
    c.json({ packages: await portals.packages(c.get('principal'), c.req.param('portalId')) }),
  )
  app.post('/:portalId/packages/:packageId/retry', async (c) =>
    c.json(await portals.retryPackage(c.get('principal'), c.req.param('portalId'), c.req.param('packageId'))),
  )

  app.get('/:portalId/hub-binding', async (c) =>
    c.json(await portals.hubBinding(c.get('principal'), c.req.param('portalId'))),
  )
  app.put('/:portalId/hub-binding', async (c) => {
    const body = await parseJsonBody(c, configureHubSchema)
    return c.json(await portals.configureHub(c.get('principal'), c.req.param('portalId'), body))
  })
  app.patch('/:portalId/hub-binding', async (c) => {
    const body = await parseJsonBody(c, updateHubKeySchema)
    return c.json(await portals.updateHubKey(c.get('principal'), c.req.param('portalId'), body))
  })
  app.delete('/:portalId/hub-binding', async (c) => {
    await portals.removeHub(c.get('principal'), c.req.param('portalId'))
    return c.body(null, 204)
  })

  app.get('/:portalId/site/records', async (c) =>
    c.json({
      records: await portals.siteRecords(c.get('principal'), c.req.param('portalId'), c.req.query('kind')),
    }),
  )
  app.put('/:portalId/site/records/:kind/:recordId', async (c) => {
    const body = await parseJsonBody(c, anyObject)
    const { portalId, kind, recordId } = c.req.param()
    return c.json(await portals.putSiteRecord(c.get('principal'), portalId, kind, recordId, body))
  })
  app.delete('/:portalId/site/records/:kind/:recordId', async (c) => {
    const { portalId, kind, recordId } = c.req.param()
    await portals.deleteSiteRecord(c.get('principal'), portalId, kind, recordId)
    return c.body(null, 204)
  })
  return app
}
