import * as z from 'zod'
import { SAS_ERRORS, mergeErrors } from './api-errors.ts'
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
      'unknown_parameter',
    ],
  },
  { status: 404, codes: ['hub_not_found'] },
  { status: 503, codes: ['store_unavailable'] },
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

function insight<const Id extends string, const P extends string, S extends z.ZodType>(
  operationId: Id,
  path: P,
  summary: string,
  schema: S,
) {
  const portal = path.includes('{portalId}')
  return defineRoute({
    method: 'get',
    path,
    operationId,
    summary,
    description: DESCRIPTION,
    tags: ['Insights'],
    security: { sas: 'read' },
    request: { params: portal ? portalParams : hubParams, query: portal ? portalQuery : insightQuerySchema },
    responses: ok(summary, schema) as { 200: { description: string; schema: S } },
    errors,
    example: {
      params: portal
        ? { hubId: EXAMPLE_IDS.hubId, portalId: EXAMPLE_IDS.portalId }
        : { hubId: EXAMPLE_IDS.hubId },
      status: 200,
    },
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
export const getPortalContentInsights = insight(
  'getPortalContentInsights',
  '/v1/hubs/{hubId}/portals/{portalId}/insights/content',
  `${CONTENT}, for one portal`,
  contentInsightsSchema,
)
/** `GET /v1/hubs/{hubId}/portals/{portalId}/insights/searches` */
export const getPortalSearchInsights = insight(
  'getPortalSearchInsights',
  '/v1/hubs/{hubId}/portals/{portalId}/insights/searches',
  `${SEARCHES}, for one portal`,
  searchInsightsSchema,
)
/** `GET /v1/hubs/{hubId}/portals/{portalId}/insights/volume` */
export const getPortalVolumeInsights = insight(
  'getPortalVolumeInsights',
  '/v1/hubs/{hubId}/portals/{portalId}/insights/volume',
  `${VOLUME}, for one portal`,
  volumeInsightsSchema,
)

/** The insight routes. */
export const INSIGHTS_API = [
  getContentInsights,
  getSearchInsights,
  getVolumeInsights,
  getPortalContentInsights,
  getPortalSearchInsights,
  getPortalVolumeInsights,
] as const
