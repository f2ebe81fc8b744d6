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
  /**
   * The engine's allocator (jemalloc) from its own statistics: bytes handed
   * out, bytes resident (what it holds of the process's memory, freed pages
   * not yet returned included) and address space kept for reuse. 0 when the
   * engine does not report them (a server without `system.jemalloc_stats`).
   */
  allocatorAllocated: number
  allocatorResident: number
  allocatorRetained: number
}

/** jemalloc's summary line of `malloc_stats_print`, as `system.jemalloc_stats` holds it. */
const ALLOCATOR_LINE =
  /^Allocated: (\d+), active: \d+, metadata: \d+.*?, resident: (\d+), mapped: \d+, retained: (\d+)/m

/** The allocator's figures from the engine's jemalloc statistics (about 2 ms to print); zeros when it has none. */
async function readAllocator(
  ch: ClickHouseHandle,
): Promise<Pick<EngineMemory, 'allocatorAllocated' | 'allocatorResident' | 'allocatorRetained'>> {
  const none = { allocatorAllocated: 0, allocatorResident: 0, allocatorRetained: 0 }
  try {
    const rows = await ch.readRows<Record<string, string>>({ query: 'SELECT * FROM system.jemalloc_stats' })
    const m = ALLOCATOR_LINE.exec(Object.values(rows[0] ?? {})[0] ?? '')
    if (!m) return none
    return {
      allocatorAllocated: Number(m[1]),
      allocatorResident: Number(m[2]),
      allocatorRetained: Number(m[3]),
    }
  } catch {
    return none
  }
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
  const allocator = readAllocator(ch)
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
    ...(await allocator),
  }
  for (const row of rows) {
    const key = row.metric === 'merges' ? 'merges' : METRICS[row.metric]
    if (key) out[key] = Number(row.value)
  }
  return out
}
