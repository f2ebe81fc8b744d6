/**
 * The embedded engine's allocator options. libchdb carries its own jemalloc
 * (prefixed, so Node's own allocations stay on glibc's malloc), which reads
 * `JE_MALLOC_CONF` once, when libchdb is loaded. This module must therefore be
 * evaluated before anything imports `chdb`: `clickhouse-client.ts` and
 * `read-pool.ts` import it first.
 *
 * libchdb's build defaults are a server's: freed pages stay resident for 5 s
 * (`dirty_decay_ms:5000`) in case the next query wants them, and heap
 * profiling samples every 512 KiB allocated (`prof:true`). In one process
 * beside Node, that slack is resident set the engine's own tracker never
 * counts.
 */

/**
 * What the engine's jemalloc starts with unless `JE_MALLOC_CONF` is set:
 * freed pages go back to the kernel within a second instead of five, and no
 * heap profiling.
 */
export const DEFAULT_ENGINE_ALLOCATOR_CONF = 'dirty_decay_ms:1000,prof:false'

// An operator's JE_MALLOC_CONF (even an empty one) is left as it is.
if (process.env.JE_MALLOC_CONF === undefined) process.env.JE_MALLOC_CONF = DEFAULT_ENGINE_ALLOCATOR_CONF
