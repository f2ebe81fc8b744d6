import { availableParallelism } from 'node:os'

const MIB = 1024 * 1024

/** How much memory the embedded engine may hold, and how many sessions read at once. */
export interface EngineOptions {
  /**
   * The engine's whole memory bound (`max_server_memory_usage`): queries,
   * inserts, merges and caches together. Past it the engine refuses the
   * allocation (`MEMORY_LIMIT_EXCEEDED`) rather than growing; the flusher then
   * inserts smaller batches. Default 256 MiB.
   */
  memoryBytes?: number
  /** Sessions the read pool holds (journeys, profiles, admin reads). Default: see {@link defaultReadSessions}. */
  readSessions?: number
  /**
   * Reads ahead of inserts and merges: the thread priorities of
   * {@link ENGINE_SCHEDULING_SETTINGS}, {@link FLUSH_INSERT_PRIORITY},
   * {@link READ_SESSION_SETTINGS} and {@link REP_READ_PRIORITY}. Default true; false leaves every engine
   * thread at the process's own priority (the flusher's inserts still on one thread).
   */
  priorities?: boolean
}

/** The engine's memory bound when none is configured. */
export const DEFAULT_ENGINE_MEMORY_BYTES = 256 * MIB

/**
 * Reads run on their own sessions, one per core and at least two, so that two
 * service reps never wait for each other on a small machine, and at most
 * eight (each session holds little, but more than the cores only queue).
 */
export const defaultReadSessions = (cores = availableParallelism()): number => Math.min(8, Math.max(2, cores))

/**
 * The settings the embedded engine starts with, derived from one memory
 * bound, as `clickhouse local` arguments (chdb's `connectionArgs`). Caches
 * default to gigabytes (a 5 GiB mark cache, 5 GiB primary-index cache) sized
 * for a server that owns its machine; here they share a bound with inserts
 * and merges. Each query (and each insert) may use at most half of the bound,
 * so one large read cannot starve the flusher.
 *
 * @example
 * engineMemorySettings(256 * 2 ** 20).max_server_memory_usage // 268435456
 */
export function engineMemorySettings(memoryBytes: number): Record<string, number> {
  const share = (fraction: number, floor: number) => Math.max(floor, Math.floor(memoryBytes * fraction))
  return {
    max_server_memory_usage: memoryBytes,
    // Journeys read a few granules per contact: their marks and primary index are what is worth caching.
    mark_cache_size: share(1 / 16, 4 * MIB),
    index_mark_cache_size: share(1 / 64, MIB),
    primary_index_cache_size: share(1 / 32, 2 * MIB),
    uncompressed_cache_size: 0,
    index_uncompressed_cache_size: 0,
    query_condition_cache_size: share(1 / 64, MIB),
    compiled_expression_cache_size: share(1 / 64, MIB),
    vector_similarity_index_cache_size: MIB,
    page_cache_max_size: 0,
    mmap_cache_size: 64,
    // Two merges at a time on two cores; more only hold more blocks in memory.
    background_pool_size: 2,
    background_merges_mutations_concurrency_ratio: 1,
    background_schedule_pool_size: 2,
    background_common_pool_size: 1,
  }
}

/**
 * How far behind reads the engine's writing threads run: nice 10 weighs 110
 * against a read thread's 1,277 (nice -1), so a busy read gets over nine
 * tenths of a core an insert or a merge wants too. Not 19 (weight 15): on a
 * machine busy with other work an insert at 19 gets almost nothing, the log
 * backs up towards `log_full` and parts wait unmerged.
 */
export const WRITE_NICE = 10

/**
 * Who gets the cores first when both are busy (issue 26: a rep never waits
 * for the portals). Linux nice values the engine gives its own threads: the
 * merges' threads run at {@link WRITE_NICE} for as long as they live. The engine applies
 * these only when the process may raise priorities (`CAP_SYS_NICE`; root
 * outside a container); without it they are no-ops and every thread shares
 * the cores alike. Ingest's answers never wait for a merge or an insert (the
 * write-ahead log answers them), so these are what may wait.
 */
export const ENGINE_SCHEDULING_SETTINGS: Readonly<Record<string, number>> = {
  os_threads_nice_value_merge_mutate: WRITE_NICE,
}

/**
 * Settings of the flusher's inserts on the embedded engine: one thread (no
 * parallel parsing of the batch), so an insert takes at most one core's spare
 * time from reads instead of every core for a shorter while.
 */
export const FLUSH_INSERT_SETTINGS: Readonly<Record<string, number>> = {
  input_format_parallel_parsing: 0,
  max_threads: 1,
}

/** The flusher's inserts at {@link WRITE_NICE} while they run. */
export const FLUSH_INSERT_PRIORITY: Readonly<Record<string, number>> = {
  os_thread_priority: WRITE_NICE,
}

/**
 * Settings of every read session: reads one notch above the process's other
 * threads (nice -1). The engine does not always give a pool thread its nice
 * back after a query (seen in chdb 3.4: a `ThreadPool` thread kept an
 * insert's nice 10, or a read's -5, and later ran another query's pipeline);
 * a read that sets its own nice never inherits that.
 */
export const READ_SESSION_SETTINGS: Readonly<Record<string, number>> = {
  os_thread_priority: -1,
}

/**
 * The nice of a rep's reads (a journey's interactions and cases: `ReadQuery.ahead`),
 * ahead of every other thread on the machine: weight 71,755 against the Node main
 * thread's 1,024, which under a flood is busy parsing batches, and the other
 * processes'. At -1 (weight 1,277) such a read shared its core with them: a paced
 * journey's engine time grew from 6-7 ms idle to 8-10 ms at p50 and to twice its idle
 * p95 under the flood; at -19 it stays near its idle time (bench/README, issue 26).
 * Only for reads bounded to one thread and a contact's few granules: any read at
 * this nice takes a core from ingest and the HTTP side for as long as it runs, so
 * the other reads (insights, admin) stay at the sessions' -1.
 */
export const REP_READ_NICE = -19

/** Per-query settings of a rep's read where the engine's priorities apply; see {@link REP_READ_NICE}. */
export const REP_READ_PRIORITY: Readonly<Record<string, number>> = {
  os_thread_priority: REP_READ_NICE,
}

/** Per-query settings every engine session gets: the share of the bound one query may use. */
export function sessionSettings(memoryBytes: number): Record<string, number> {
  return { max_memory_usage: Math.floor(memoryBytes / 2) }
}

/** Settings as `--name=value` arguments. */
export const asEngineArgs = (settings: Record<string, number>): string[] =>
  Object.entries(settings).map(([name, value]) => `--${name}=${value}`)
