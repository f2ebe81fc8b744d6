import { type Context, Hono } from 'hono'
import { type Core, isDomainError } from '../../core/index.ts'
import { API } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { type RecordLocks, lockRecord, versioned } from '../middleware/if-match.ts'
import { validateRoute as v } from '../middleware/validate-route.ts'
import { byCreation, paginate } from '../paginate.ts'

/**
 * The portal admin centre, under `/v1/admin/portals`: provisioning options
 * and provisioning, each portal's job progress, Restart Provisioning and
 * Change Values and Restart Provisioning, packages and their retries, the hub
 * a portal sends to, and the site's records. Every action on a portal is for
 * a Global Administrator, a Service Administrator, or a System Administrator
 * of the portal's instance (core answers anyone else with the seed's 403).
 */
export function portalAdminRoutes(deps: { core: Pick<Core, 'portals' | 'domains'>; locks: RecordLocks }) {
  const portals = deps.core.portals
  // The list and the portal show the custom domain it is served at (the README promises it on Applications).
  const withDomain = <P extends { id: string }>(portal: P) => ({
    ...portal,
    customDomain: deps.core.domains.customDomainOf(portal.id),
  })
  const { locks } = deps
  const app = new Hono<AppEnv>()
  // The portal and its hub binding are one stored record: one lock for both versions.
  const portalRecord = (c: Context<AppEnv>) => `portal:${c.req.param('portalId')}`
  const portalVersion = versioned({
    locks,
    record: portalRecord,
    // The ETag is the hash of what GET shows: the custom domain included.
    current: async (c) => withDomain(await portals.get(c.get('principal'), c.req.param('portalId')!)),
  })
  const bindingVersion = versioned({
    locks,
    record: portalRecord,
    current: (c) => portals.hubBinding(c.get('principal'), c.req.param('portalId')!),
  })
  const portalLock = lockRecord(locks, portalRecord)

  app.get('/options', v(API.getProvisioningOptions), async (c) =>
    c.json(
      await portals.options(c.get('principal'), c.var.input.query.instanceId, c.var.input.query.subdomain),
    ),
  )
  app.post('/', v(API.provisionPortal), async (c) =>
    c.json(await portals.provision(c.get('principal'), c.var.input.body), 202),
  )
  app.get('/', v(API.listPortals), async (c) => {
    const page = paginate(await portals.list(c.get('principal')), byCreation, c.var.input.query)
    return c.json({ portals: page.items.map(withDomain), nextCursor: page.nextCursor })
  })
  app.get('/:portalId', v(API.getPortal), portalVersion, async (c) =>
    c.json(withDomain(await portals.get(c.get('principal'), c.req.param('portalId')))),
  )
  app.patch('/:portalId', v(API.updatePortal), portalVersion, async (c) =>
    c.json(withDomain(await portals.update(c.get('principal'), c.req.param('portalId'), c.var.input.body))),
  )

  app.get('/:portalId/provisioning', v(API.getProvisioning), async (c) =>
    c.json(await portals.provisioning(c.get('principal'), c.req.param('portalId'))),
  )
  app.get('/:portalId/provisioning/jobs', v(API.listPortalJobs), async (c) => {
    const jobs = await portals.jobsOf(c.get('principal'), c.req.param('portalId'))
    // Job keys are `{portalId}/{attempt, zero-padded}`: by key is by attempt.
    const page = paginate(jobs, (j) => j.key, c.var.input.query)
    return c.json({ jobs: page.items, nextCursor: page.nextCursor })
  })
  app.post('/:portalId/provisioning/restart', v(API.restartProvisioning), portalLock, async (c) =>
    c.json(await portals.restart(c.get('principal'), c.req.param('portalId')), 202),
  )
  app.post(
    '/:portalId/provisioning/change-values-and-restart',
    v(API.changeValuesAndRestart),
    portalLock,
    async (c) =>
      c.json(
        await portals.changeValuesAndRestart(c.get('principal'), c.req.param('portalId'), c.var.input.body),
        202,
      ),
  )

  app.get('/:portalId/packages', v(API.listPackages), async (c) =>
    c.json({ packages: await portals.packages(c.get('principal'), c.req.param('portalId')) }),
  )
  app.post('/:portalId/packages/:packageId/retry', v(API.retryPackage), portalLock, async (c) =>
    c.json(await portals.retryPackage(c.get('principal'), c.req.param('portalId'), c.req.param('packageId'))),
  )

  app.get('/:portalId/hub-binding', v(API.getHubBinding), bindingVersion, async (c) =>
    c.json(await portals.hubBinding(c.get('principal'), c.req.param('portalId'))),
  )
  app.put('/:portalId/hub-binding', v(API.configureHub), bindingVersion, async (c) =>
    c.json(await portals.configureHub(c.get('principal'), c.req.param('portalId'), c.var.input.body)),
  )
  app.patch('/:portalId/hub-binding', v(API.updateHubKey), bindingVersion, async (c) =>
    c.json(await portals.updateHubKey(c.get('principal'), c.req.param('portalId'), c.var.input.body)),
  )
  app.delete('/:portalId/hub-binding', v(API.removeHub), portalLock, async (c) => {
    await portals.removeHub(c.get('principal'), c.req.param('portalId'))
    return c.body(null, 204)
  })

  app.get('/:portalId/site/records', v(API.listSiteRecords), async (c) =>
    c.json({
      records: await portals.siteRecords(c.get('principal'), c.req.param('portalId'), c.var.input.query.kind),
    }),
  )
  // Each site record is its own version; a PUT that creates one has none to match (If-Match then answers 412).
  const siteRecordVersion = versioned({
    locks,
    record: (c) => `site-record:${c.req.param('portalId')}/${c.req.param('kind')}/${c.req.param('recordId')}`,
    current: (c) => {
      const { portalId, kind, recordId } = c.req.param()
      return portals.siteRecord(c.get('principal'), portalId!, kind!, recordId!).catch((err: unknown) => {
        if (isDomainError(err) && err.code === 'site_record_not_found') return null
        throw err
      })
    },
  })
  app.get('/:portalId/site/records/:kind/:recordId', v(API.getSiteRecord), siteRecordVersion, async (c) => {
    const { portalId, kind, recordId } = c.req.param()
    return c.json(await portals.siteRecord(c.get('principal'), portalId, kind, recordId))
  })
  app.put('/:portalId/site/records/:kind/:recordId', v(API.putSiteRecord), siteRecordVersion, async (c) => {
    const { portalId, kind, recordId } = c.req.param()
    return c.json(await portals.putSiteRecord(c.get('principal'), portalId, kind, recordId, c.var.input.body))
  })
  app.delete(
    '/:portalId/site/records/:kind/:recordId',
    v(API.deleteSiteRecord),
    siteRecordVersion,
    async (c) => {
      const { portalId, kind, recordId } = c.req.param()
      await portals.deleteSiteRecord(c.get('principal'), portalId, kind, recordId)
      return c.body(null, 204)
    },
  )
  return app
}

/**
 * `/v1/admin/provisioning-jobs`: the jobs of every portal the caller may
 * manage, newest first, optionally in one state (the failed ones to restart).
 */
export function provisioningJobRoutes(deps: { core: Pick<Core, 'portals'> }) {
  const portals = deps.core.portals
  const app = new Hono<AppEnv>()
  app.get('/', v(API.listProvisioningJobs), async (c) => {
    const { state, ...query } = c.var.input.query
    const jobs = await portals.jobs(c.get('principal'), { state })
    const page = paginate(jobs, (j) => `${j.createdAt}\u0000${j.key}`, query, 'desc')
    return c.json({ jobs: page.items, nextCursor: page.nextCursor })
  })
  return app
}
