import { type Context, Hono } from 'hono'
import { DomainError, type HubService, type InsightService } from '../../core/index.ts'
import {
  type ContentInsight,
  INTERACTION_TYPES,
  type InsightQuery,
  insightQuerySchema,
  toItemErrors,
} from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { requireSas } from '../middleware/sas-auth.ts'
import { toCsv } from './insight-csv.ts'

const CONTENT_COLUMNS = [
  'list',
  'type',
  'itemId',
  'title',
  'views',
  'readers',
  'casesPreceded',
  'readersWithCase',
  'caseRate',
] as const

const contentRow = (list: string, i: ContentInsight) => [
  list,
  i.type,
  i.itemId,
  i.title,
  i.views,
  i.readers,
  i.casesPreceded,
  i.readersWithCase,
  i.caseRate,
]

/** The query of an insight route, or the 400 that names the parameter at fault. */
function parseQuery(c: Context<AppEnv>): InsightQuery {
  const query = c.req.query()
  if (c.req.param('portalId') !== undefined && query.portalId !== undefined) {
    throw new DomainError(
      'invalid',
      'unknown_parameter',
      'portalId is in the path of this route; drop the query parameter',
      'portalId',
    )
  }
  const parsed = insightQuerySchema.safeParse(query)
  if (!parsed.success) {
    const [first] = toItemErrors(parsed.error, query)
    throw new DomainError(
      'invalid',
      first!.code === 'unknown_field' ? 'unknown_parameter' : `invalid_${first!.path}`,
      first!.code === 'unknown_field' ? `${first!.path} is not a parameter of this route` : first!.message,
      first!.path,
    )
  }
  return parsed.data
}

const csv = (c: Context<AppEnv>, name: string, body: string) => {
  c.header('Content-Disposition', `attachment; filename="casetrail-${name}.csv"`)
  return c.body(body, 200, { 'Content-Type': 'text/csv; charset=utf-8' })
}

/**
 * What preceded cases, with a `read` token on the hub (or the portal):
 * `GET /v1/hubs/{hubId}/insights/content|searches|volume` and the same under
 * `/v1/hubs/{hubId}/portals/{portalId}/`. Query: `from`, `to` (default the 30
 * days to now), `window` (P7D), `limit`, `minReaders`, `portalId` (hub
 * routes), `format=csv` for a spreadsheet.
 */
export function insightRoutes(deps: { hubs: HubService; insights: InsightService }) {
  const app = new Hono<AppEnv>()
  const guard = requireSas(deps.hubs, 'read', (c) => {
    const hubId = c.req.param('hubId')!
    const portalId = c.req.param('portalId')
    return { hubId, path: portalId ? `/v1/hubs/${hubId}/portals/${portalId}` : `/v1/hubs/${hubId}` }
  })
  const requestOf = (c: Context<AppEnv>, q: InsightQuery) => ({
    hubId: c.req.param('hubId')!,
    portalId: c.req.param('portalId') ?? q.portalId,
    from: q.from,
    to: q.to,
    window: q.window,
  })

  async function contentInsights(c: Context<AppEnv>) {
    const q = parseQuery(c)
    const answer = await deps.insights.content(requestOf(c, q), { limit: q.limit, minReaders: q.minReaders })
    c.header('Cache-Control', 'private, no-store')
    if (q.format === 'csv') {
      return csv(
        c,
        'content-before-cases',
        toCsv(CONTENT_COLUMNS, [
          ...answer.precededCases.map((i) => contentRow('precededCases', i)),
          ...answer.deflecting.map((i) => contentRow('deflecting', i)),
        ]),
      )
    }
    return c.json(answer)
  }

  async function searchInsights(c: Context<AppEnv>) {
    const q = parseQuery(c)
    const answer = await deps.insights.searches(requestOf(c, q), { limit: q.limit })
    c.header('Cache-Control', 'private, no-store')
    if (q.format === 'csv') {
      return csv(
        c,
        'searches-before-cases',
        toCsv(
          ['searchString', 'cases', 'runs'],
          answer.searches.map((s) => [s.searchString, s.cases, s.runs]),
        ),
      )
    }
    return c.json(answer)
  }

  async function volumeInsights(c: Context<AppEnv>) {
    const q = parseQuery(c)
    const answer = await deps.insights.volume(requestOf(c, q))
    c.header('Cache-Control', 'private, no-store')
    if (q.format === 'csv') {
      return csv(
        c,
        'volume',
        toCsv(
          ['day', ...INTERACTION_TYPES, 'cases'],
          answer.days.map((d) => [d.day, ...INTERACTION_TYPES.map((t) => d.counts[t]), d.cases]),
        ),
      )
    }
    return c.json(answer)
  }

  for (const prefix of ['/v1/hubs/:hubId', '/v1/hubs/:hubId/portals/:portalId']) {
    app.get(`${prefix}/insights/content`, guard, contentInsights)
    app.get(`${prefix}/insights/searches`, guard, searchInsights)
    app.get(`${prefix}/insights/volume`, guard, volumeInsights)
  }
  return app
}
