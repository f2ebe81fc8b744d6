import type { HubService } from '../hubs/hub-service.ts'
import type { ClickHouseHandle } from '../store/clickhouse-client.ts'
import { createDeflectionQueries } from '../store/deflection-queries.ts'
import { createInsightQueries } from '../store/insight-queries.ts'
import { createDeflectionService } from './deflection-service.ts'
import { createInsightService } from './insight-service.ts'

/** What preceded cases, and deflection, per hub or portal: ClickHouse reads bounded in time. */
export function createInsightModule(deps: {
  ch: ClickHouseHandle
  hubs: HubService
  clock: () => number
  /** Time bound of one insight read, in seconds (default `INSIGHT_MAX_SECONDS`, 20). */
  maxSeconds?: number
}) {
  const bound = { maxSeconds: deps.maxSeconds }
  return {
    /** What preceded cases, per hub or portal. */
    insights: createInsightService({ ...deps, queries: createInsightQueries(deps.ch, bound) }),
    /** Deflection as support teams measure it, per hub or portal. */
    deflection: createDeflectionService({ ...deps, queries: createDeflectionQueries(deps.ch, bound) }),
  }
}
