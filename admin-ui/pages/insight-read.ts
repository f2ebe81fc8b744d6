/**
 * What the Insights page asks the API: one insight (content, searches, daily
 * volume) for a hub or one of its portals, as JSON or as the CSV it exports.
 */
import type { ContentInsights, OperationOutput, SearchInsights, VolumeInsights } from '../../schemas/index.ts'
import type { ApiClient } from '../api-client.ts'
import { lazyModule } from '../components/lazy-chart.tsx'

/** The Insights page's charts (ECharts), loaded with the page's first answers. */
export const loadInsightCharts = lazyModule(() => import('../insight-charts.ts'))
/** What `loadInsightCharts` gives. */
export type InsightCharts = typeof import('../insight-charts.ts')

/** What is asked: the hub (and the portal, when one is picked), the period and the look-back window. */
export interface InsightAsk {
  hubId: string
  portalId: string
  query: { from: string; to: string; window: string }
  /** A read token on the hub (`Authorization: SharedAccessSignature …`). */
  token: string
}

/** The page's answers, with what was asked (the CSV export asks the same again). */
export interface InsightAnswers {
  content: ContentInsights
  searches: SearchInsights
  volume: VolumeInsights
  ask: InsightAsk
}

/** The hub's and the one portal's operation of each insight. */
const OPERATIONS = {
  content: ['getContentInsights', 'getPortalContentInsights'],
  searches: ['getSearchInsights', 'getPortalSearchInsights'],
  volume: ['getVolumeInsights', 'getPortalVolumeInsights'],
} as const
export type Insight = keyof typeof OPERATIONS

/**
 * One insight through the typed client: the hub's operation, or the portal's
 * when a portal is picked. With `csv`, the same operation with `format=csv`,
 * read as text (the registry types the JSON answer only).
 */
export function readInsight<W extends Insight>(
  api: ApiClient,
  what: W,
  ask: InsightAsk,
  csv?: 'csv',
): Promise<OperationOutput<(typeof OPERATIONS)[W][0]>> {
  const [hubOp, portalOp] = OPERATIONS[what]
  const query = { ...ask.query, ...(csv ? { format: csv } : {}) }
  const options = { authorization: ask.token, ...(csv ? { text: true } : {}) }
  return ask.portalId
    ? (api.call(portalOp, { params: { hubId: ask.hubId, portalId: ask.portalId }, query }, options) as never)
    : (api.call(hubOp, { params: { hubId: ask.hubId }, query }, options) as never)
}
