import { Hono } from 'hono'
import type { Core } from '../../core/index.ts'
import { API } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { validateRoute as v } from '../middleware/validate-route.ts'

/**
 * The portal checker, under `/v1/admin/portals/{portalId}/checker`: the
 * catalogue of checks, Run Portal Checker (and Refresh results: run again),
 * earlier runs with their results sorted by any column, feedback on a
 * result, and the actions that fix what a check found. Every route needs the
 * manage permission on the portal (core answers anyone else with the seed's
 * 403). Checks that read the site render its pages with the site's renderer.
 */
export function checkerRoutes(deps: { core: Pick<Core, 'checker' | 'portals'> }) {
  const { checker, portals } = deps.core
  const app = new Hono<AppEnv>()

  app.get('/:portalId/checker/checks', v(API.listChecks), async (c) => {
    // The catalogue is the same for every portal; the portal and the permission are still checked.
    await portals.get(c.get('principal'), c.req.param('portalId'))
    return c.json({ checks: checker.catalogue() })
  })

  app.post('/:portalId/checker/runs', v(API.startCheckerRun), async (c) => {
    const run = await checker.run(c.get('principal'), c.req.param('portalId'), c.var.input.body ?? {})
    return c.json(run, 201, { Location: `${c.req.path}/${run.id}` })
  })

  app.get('/:portalId/checker/runs', v(API.listCheckerRuns), async (c) =>
    c.json({ runs: await checker.listRuns(c.get('principal'), c.req.param('portalId')) }),
  )

  app.get('/:portalId/checker/runs/:runId', v(API.getCheckerRun), async (c) => {
    const { portalId, runId } = c.req.param()
    return c.json(await checker.getRun(c.get('principal'), portalId, runId, c.var.input.query))
  })

  app.put('/:portalId/checker/runs/:runId/results/:checkId/feedback', v(API.putCheckFeedback), async (c) => {
    const { portalId, runId, checkId } = c.req.param()
    return c.json(await checker.feedback(c.get('principal'), portalId, runId, checkId, c.var.input.body))
  })

  app.post('/:portalId/checker/actions/:actionId', v(API.runCheckerAction), async (c) => {
    const { portalId, actionId } = c.req.param()
    return c.json(await checker.runAction(c.get('principal'), portalId, actionId, c.var.input.body ?? {}))
  })

  app.get('/:portalId/checker/actions', v(API.listCheckerActions), async (c) =>
    c.json({ actions: await checker.listActions(c.get('principal'), c.req.param('portalId')) }),
  )

  app.get('/:portalId/beacons', v(API.getPortalBeacons), async (c) =>
    c.json(await checker.beacons(c.get('principal'), c.req.param('portalId'))),
  )
  return app
}
