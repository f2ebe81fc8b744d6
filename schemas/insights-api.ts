import * as z from 'zod'
import { SAS_ERRORS, mergeErrors } from './api-errors.ts'
import { deflectionInsightsSchema, deflectionQuerySchema } from './deflection.ts'
import {
  contentInsightsSchema,
  insightQuerySchema,
  searchInsightsSchema,
  volumeInsightsSchema,
} from './insights.ts'
import { EXAMPLE_IDS, type RouteResponse, defineRoute } from './route-registry.ts'

const hubId = z.string().describe('The hub’s id')
const portalId = z.string().describe('The portal’s id')
const errors = mergeErrors(SAS_ERRORS, [
  {
    status: 400,
    codes: [
      'invalid_from',
      'invalid_to',
      'invalid_window',
      'invalid_portalId',
      'invalid_limit',
      'invalid_minReaders',
      'invalid_format',
      'invalid_period',
      'period_too_long',
      'window_too_long',
      'unknown_parameter',
    ],
  },
  { status: 404, codes: ['hub_not_found'] },
  { status: 503, codes: ['store_unavailable', 'read_too_large'] },
])
const ok = (description: string, schema: z.ZodType): Record<200, RouteResponse> => ({
  200: { description: `${description}; \`format=csv\` answers a spreadsheet (text/csv) instead`, schema },
})
const DESCRIPTION =
  'What preceded cases, computed in ClickHouse: `from`, `to` (default the 30 days to now), `window` (P7D), ' +
  '`limit`, `format=csv`. A `read` token on the hub (or the portal) is needed.'

const hubParams = z.object({ hubId })
const portalParams = z.object({ hubId, portalId })
const portalQuery = insightQuerySchema.omit({ portalId: true })

/** What the hub's and the portal's insight routes share (literal types kept for the typed client). */
const common = <const Id extends string, const P extends string, S extends z.ZodType>(
  operationId: Id,
  path: P,
  summary: string,
  schema: S,
) =>
  ({
    method: 'get',
    path,
    operationId,
    summary,
    description: DESCRIPTION,
    tags: ['Insights'],
    security: { sas: 'read' },
    responses: ok(summary, schema) as { 200: { description: string; schema: S } },
    errors,
  }) as const

/** An insight route on a hub: `/v1/hubs/{hubId}/insights/…`, with the `portalId` filter. */
function insight<const Id extends string, const P extends string, S extends z.ZodType>(
  operationId: Id,
  path: P,
  summary: string,
  schema: S,
) {
  return defineRoute({
    ...common(operationId, path, summary, schema),
    request: { params: hubParams, query: insightQuerySchema },
    example: { params: { hubId: EXAMPLE_IDS.hubId }, status: 200 },
  })
}

/** An insight route on one portal: `/v1/hubs/{hubId}/portals/{portalId}/insights/…`. */
function portalInsight<const Id extends string, const P extends string, S extends z.ZodType>(
  operationId: Id,
  path: P,
  summary: string,
  schema: S,
) {
  return defineRoute({
    ...common(operationId, path, summary, schema),
    request: { params: portalParams, query: portalQuery },
    example: { params: { hubId: EXAMPLE_IDS.hubId, portalId: EXAMPLE_IDS.portalId }, status: 200 },
  })
}

const CONTENT = 'Content read before cases, and content that deflects'
const SEARCHES = 'Searches run before cases'
const VOLUME = 'Interactions and cases per day'

/** `GET /v1/hubs/{hubId}/insights/content` */
export const getContentInsights = insight(
  'getContentInsights',
  '/v1/hubs/{hubId}/insights/content',
  CONTENT,
  contentInsightsSchema,
)
/** `GET /v1/hubs/{hubId}/insights/searches` */
export const getSearchInsights = insight(
  'getSearchInsights',
  '/v1/hubs/{hubId}/insights/searches',
  SEARCHES,
  searchInsightsSchema,
)
/** `GET /v1/hubs/{hubId}/insights/volume` */
export const getVolumeInsights = insight(
  'getVolumeInsights',
  '/v1/hubs/{hubId}/insights/volume',
  VOLUME,
  volumeInsightsSchema,
)
/** `GET /v1/hubs/{hubId}/portals/{portalId}/insights/content` */
export const getPortalContentInsights = portalInsight(
  'getPortalContentInsights',
  '/v1/hubs/{hubId}/portals/{portalId}/insights/content',
  `${CONTENT}, for one portal`,
  contentInsightsSchema,
)
/** `GET /v1/hubs/{hubId}/portals/{portalId}/insights/searches` */
export const getPortalSearchInsights = portalInsight(
  'getPortalSearchInsights',
  '/v1/hubs/{hubId}/portals/{portalId}/insights/searches',
  `${SEARCHES}, for one portal`,
  searchInsightsSchema,
)
/** `GET /v1/hubs/{hubId}/portals/{portalId}/insights/volume` */
export const getPortalVolumeInsights = portalInsight(
  'getPortalVolumeInsights',
  '/v1/hubs/{hubId}/portals/{portalId}/insights/volume',
  `${VOLUME}, for one portal`,
  volumeInsightsSchema,
)

const DEFLECTION =
  'Deflection: sessions Confirmed, Potential and Failed within `window` (default PT24H), by portal, article ' +
  'and week, self-service score, search dashboard, cost saved (see docs/deflection.md)'

/** `GET /v1/hubs/{hubId}/insights/deflection` */
export const getDeflectionInsights = defineRoute({
  ...common(
    'getDeflectionInsights',
    '/v1/hubs/{hubId}/insights/deflection',
    DEFLECTION,
    deflectionInsightsSchema,
  ),
  request: { params: hubParams, query: deflectionQuerySchema },
  example: { params: { hubId: EXAMPLE_IDS.hubId }, status: 200 },
})
/** `GET /v1/hubs/{hubId}/portals/{portalId}/insights/deflection` */
export const getPortalDeflectionInsights = defineRoute({
  ...common(
    'getPortalDeflectionInsights',
    '/v1/hubs/{hubId}/portals/{portalId}/insights/deflection',
    `${DEFLECTION}, for one portal`,
    deflectionInsightsSchema,
  ),
  request: { params: portalParams, query: deflectionQuerySchema.omit({ portalId: true }) },
  example: { params: { hubId: EXAMPLE_IDS.hubId, portalId: EXAMPLE_IDS.portalId }, status: 200 },
})

/** The insight routes. */
export const INSIGHTS_API = [
  getContentInsights,
  getSearchInsights,
  getVolumeInsights,
  getPortalContentInsights,
  getPortalSearchInsights,
  getPortalVolumeInsights,
  getDeflectionInsights,
  getPortalDeflectionInsights,
] as const
