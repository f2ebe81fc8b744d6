/**
 * Loading the embedded engine (libchdb) with its allocator's options.
 * libchdb carries its own jemalloc (prefixed, so Node's own allocations stay
 * on glibc's malloc), which reads `JE_MALLOC_CONF` once, when libchdb is
 * loaded. So nothing imports `chdb` statically: {@link loadEngine} sets the
 * option and then imports it. Done at import time instead, the order would
 * depend on how modules are evaluated; a bundler hoists the external `chdb`
 * import above every bundled module's code, and libchdb would start with its
 * defaults (this happened in the server's esbuild bundle).
 *
 * libchdb's build defaults are a server's: freed pages stay resident for 5 s
 * (`dirty_decay_ms:5000`) in case the next query wants them, and heap
 * profiling samples every 512 KiB allocated (`prof:true`). In one process
 * beside Node, that slack is resident set the engine's own tracker never
 * counts.
 */
import type { Session } from 'chdb'
import type { createChdbConnection } from 'chdb/connection'

/**
 * What the engine's jemalloc starts with unless `JE_MALLOC_CONF` is set:
 * freed pages go back to the kernel within a second instead of five, and no
 * heap profiling.
 */
export const DEFAULT_ENGINE_ALLOCATOR_CONF = 'dirty_decay_ms:1000,prof:false'

/** chdb's entry points, from {@link loadEngine}. */
export interface EngineLibrary {
  Session: typeof Session
  createChdbConnection: typeof createChdbConnection
}

/**
 * Loads libchdb (once per process; later calls get the same modules), with
 * the allocator's default options unless the environment has its own
 * `JE_MALLOC_CONF` (even an empty one), which is left as it is.
 *
 * @example
 * const { Session } = await loadEngine()
 */
export async function loadEngine(): Promise<EngineLibrary> {
  if (process.env.JE_MALLOC_CONF === undefined) process.env.JE_MALLOC_CONF = DEFAULT_ENGINE_ALLOCATOR_CONF
  const [chdb, connection] = await Promise.all([import('chdb'), import('chdb/connection')])
  return { Session: chdb.Session, createChdbConnection: connection.createChdbConnection }
}
