import { Hono } from 'hono'
import { type Core, DomainError, type SiteFetcher } from '../../core/index.ts'
import {
  feedbackInputSchema,
  resultSortQuerySchema,
  runActionInputSchema,
  startRunSchema,
  toItemErrors,
} from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { parseJsonBody } from '../parse-json-body.ts'

/** A body that may be left out: none at all reads as `{}` (Hono keeps the text for the second read). */
const optionalBody = async <T>(
  c: Parameters<typeof parseJsonBody>[0],
  schema: Parameters<typeof parseJsonBody>[1],
): Promise<T> => ((await c.req.text()) === '' ? schema.parse({}) : await parseJsonBody(c, schema)) as T

/**
 * The portal checker, under `/v1/admin/portals/{portalId}/checker`: the
 * catalogue of checks, Run Portal Checker (and Refresh results: run again),
 * earlier runs with their results sorted by any column, feedback on a
 * result, and the actions that fix what a check found. Every route needs the
 * manage permission on the portal (core answers anyone else with the seed's
 * 403). Checks that fetch from the running site do so with `fetchSite`: a
 * real request through the app, with the portal's host.
 */
export function checkerRoutes(deps: { core: Pick<Core, 'checker' | 'portals'>; fetchSite: SiteFetcher }) {
  const { checker, portals } = deps.core
  const app = new Hono<AppEnv>()

  app.get('/:portalId/checker/checks', async (c) => {
    // The catalogue is the same for every portal; the portal and the permission are still checked.
    await portals.get(c.get('principal'), c.req.param('portalId'))
    return c.json({ checks: checker.catalogue() })
  })

  app.post('/:portalId/checker/runs', async (c) => {
    const input = await optionalBody<ReturnType<typeof startRunSchema.parse>>(c, startRunSchema)
    const run = await checker.run(c.get('principal'), c.req.param('portalId'), input, {
      fetchSite: deps.fetchSite,
    })
    return c.json(run, 201, { Location: `${c.req.path}/${run.id}` })
  })

  app.get('/:portalId/checker/runs', async (c) =>
    c.json({ runs: await checker.listRuns(c.get('principal'), c.req.param('portalId')) }),
  )

  app.get('/:portalId/checker/runs/:runId', async (c) => {
    const query = c.req.query()
    const parsed = resultSortQuerySchema.safeParse(query)
    if (!parsed.success) {
      const [first] = toItemErrors(parsed.error, query)
      throw new DomainError('invalid', first!.code, first!.message, first!.path || 'query')
    }
    const { portalId, runId } = c.req.param()
    return c.json(await checker.getRun(c.get('principal'), portalId, runId, parsed.data))
  })

  app.put('/:portalId/checker/runs/:runId/results/:checkId/feedback', async (c) => {
    const body = await parseJsonBody(c, feedbackInputSchema)
    const { portalId, runId, checkId } = c.req.param()
    return c.json(await checker.feedback(c.get('principal'), portalId, runId, checkId, body))
  })

  app.post('/:portalId/checker/actions/:actionId', async (c) => {
    const input = await optionalBody<ReturnType<typeof runActionInputSchema.parse>>(c, runActionInputSchema)
    const { portalId, actionId } = c.req.param()
    return c.json(await checker.runAction(c.get('principal'), portalId, actionId, input))
  })

  app.get('/:portalId/checker/actions', async (c) =>
    c.json({ actions: await checker.listActions(c.get('principal'), c.req.param('portalId')) }),
  )
  return app
}
