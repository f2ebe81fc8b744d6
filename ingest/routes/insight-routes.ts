import { type Context, Hono } from 'hono'
import type { DeflectionService, HubService, InsightService } from '../../core/index.ts'
import {
  API,
  type ContentInsight,
  type DeflectionOutcomes,
  type DeflectionQuery,
  INTERACTION_TYPES,
  type InsightQuery,
} from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { requireSas } from '../middleware/sas-auth.ts'
import { validateRoute as v } from '../middleware/validate-route.ts'
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

const OUTCOME_COLUMNS = [
  'sessions',
  'confirmed',
  'potential',
  'failed',
  'confirmedRate',
  'potentialRate',
  'failedRate',
  'deflectionRate',
  'helpfulVotes',
  'unhelpfulVotes',
  'helpfulRate',
] as const
/** One CSV row of deflection: what it is about (`summary`, `previous`, `portal`, `article`, `week`), then the outcomes. */
const outcomeRow = (level: string, key: string, title: string, o: DeflectionOutcomes) => [
  level,
  key,
  title,
  ...OUTCOME_COLUMNS.map((k) => o[k]),
]

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
export function insightRoutes(deps: {
  hubs: HubService
  insights: InsightService
  deflection: DeflectionService
}) {
  const app = new Hono<AppEnv>()
  const guard = requireSas(deps.hubs, 'read', (c) => {
    const hubId = c.req.param('hubId')!
    const portalId = c.req.param('portalId')
    return { hubId, path: portalId ? `/v1/hubs/${hubId}/portals/${portalId}` : `/v1/hubs/${hubId}` }
  })
  // Validated by the route's own definition (schemas/insights-api.ts); portal routes take no portalId query.
  const queryOf = (c: Context<AppEnv>) =>
    (c as unknown as Context<AppEnv & { Variables: { input: { query: InsightQuery } } }>).var.input.query
  const requestOf = (
    c: Context<AppEnv>,
    q: Pick<InsightQuery, 'from' | 'to' | 'window'> & { portalId?: string },
  ) => ({
    hubId: c.req.param('hubId')!,
    portalId: c.req.param('portalId') ?? q.portalId,
    from: q.from,
    to: q.to,
    window: q.window,
  })

  async function contentInsights(c: Context<AppEnv>) {
    const q = queryOf(c)
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
    const q = queryOf(c)
    const answer = await deps.insights.searches(requestOf(c, q), { limit: q.limit })
    c.header('Cache-Control', 'private, no-store')
    if (q.format === 'csv') {
      return csv(
        c,
        'searches-before-cases',
        toCsv(
          ['searchString', 'cases', 'runs', 'noResults', 'noClick', 'precededCases'],
          answer.searches.map((s) => [
            s.searchString,
            s.cases,
            s.runs,
            s.noResults,
            s.noClick,
            s.precededCases,
          ]),
        ),
      )
    }
    return c.json(answer)
  }

  async function volumeInsights(c: Context<AppEnv>) {
    const q = queryOf(c)
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

  async function deflectionInsights(c: Context<AppEnv>) {
    const q = queryOf(c) as unknown as DeflectionQuery
    const answer = await deps.deflection.insights(requestOf(c, q), { limit: q.limit })
    c.header('Cache-Control', 'private, no-store')
    if (q.format === 'csv') {
      return csv(
        c,
        'deflection',
        toCsv(
          ['level', 'key', 'title', ...OUTCOME_COLUMNS],
          [
            outcomeRow('summary', answer.from, answer.to, answer.summary),
            outcomeRow('previous', '', '', answer.previous),
            ...answer.portals.map((p) => outcomeRow('portal', p.portalId, '', p)),
            ...answer.articles.map((a) => outcomeRow('article', a.articleId, a.title, a)),
            ...answer.weeks.map((w) => outcomeRow('week', w.weekStart, '', w)),
          ],
        ),
      )
    }
    return c.json(answer)
  }

  const hub = '/v1/hubs/:hubId'
  const portal = '/v1/hubs/:hubId/portals/:portalId'
  app.get(`${hub}/insights/content`, guard, v(API.getContentInsights), contentInsights)
  app.get(`${hub}/insights/searches`, guard, v(API.getSearchInsights), searchInsights)
  app.get(`${hub}/insights/volume`, guard, v(API.getVolumeInsights), volumeInsights)
  app.get(`${portal}/insights/content`, guard, v(API.getPortalContentInsights), contentInsights)
  app.get(`${portal}/insights/searches`, guard, v(API.getPortalSearchInsights), searchInsights)
  app.get(`${portal}/insights/volume`, guard, v(API.getPortalVolumeInsights), volumeInsights)
  app.get(`${hub}/insights/deflection`, guard, v(API.getDeflectionInsights), deflectionInsights)
  app.get(`${portal}/insights/deflection`, guard, v(API.getPortalDeflectionInsights), deflectionInsights)
  return app
}
