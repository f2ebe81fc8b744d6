import type { ClickHouseHandle } from './clickhouse-client.ts'

/** What the engine itself says it holds, in bytes (ClickHouse's `system.metrics`). */
export interface EngineMemory {
  /** Everything the engine's memory tracker counts: queries, inserts, merges, caches. */
  tracked: number
  markCache: number
  primaryIndexCache: number
  queryConditionCache: number
  compiledExpressionCache: number
  /** Merges running now, by their own count. */
  merges: number
}

const METRICS: Record<string, keyof EngineMemory> = {
  MemoryTracking: 'tracked',
  MarkCacheBytes: 'markCache',
  PrimaryIndexCacheBytes: 'primaryIndexCache',
  QueryConditionCacheBytes: 'queryConditionCache',
  CompiledExpressionCacheBytes: 'compiledExpressionCache',
}

/**
 * Reads the engine's memory figures (on the read pool). Embedded, they are
 * part of this process's resident set; on a server, the server's.
 *
 * @example
 * const { tracked } = await readEngineMemory(ch)
 */
export async function readEngineMemory(ch: ClickHouseHandle): Promise<EngineMemory> {
  const rows = await ch.readRows<{ metric: string; value: string }>({
    query: `SELECT metric, toString(value) AS value FROM system.metrics WHERE metric IN {names:Array(String)}
      UNION ALL SELECT 'merges', toString(sum(memory_usage)) FROM system.merges`,
    params: { names: Object.keys(METRICS) },
  })
  const out: EngineMemory = {
    tracked: 0,
    markCache: 0,
    primaryIndexCache: 0,
    queryConditionCache: 0,
    compiledExpressionCache: 0,
    merges: 0,
  }
  for (const row of rows) {
    const key = row.metric === 'merges' ? 'merges' : METRICS[row.metric]
    if (key) out[key] = Number(row.value)
  }
  return out
}
