import { LRUCache } from 'lru-cache'
import type { ChangeFeed } from '../store/change-feed.ts'
import type { StoredHub } from './hub-record.ts'

// Hubs as this node last read them, so each beacon does not read the store.

/** How long a verified hub stays cached, so each beacon does not read the store. */
export const HUB_CACHE_MS = 2000
/** How long the hot path may answer from a cached hub while it reloads in the background. */
const HUB_STALE_MS = 30_000
/** The most hubs one node keeps; past it, the least recently used is read again when next needed. */
export const HUB_CACHE_MAX = 100_000

/** The hubs this node has read; see {@link createHubCache}. */
export interface HubCache {
  /** The hub, read from the store unless a fresh copy is cached; undefined when there is none. */
  load(hubId: string): Promise<StoredHub | undefined>
  /**
   * The hub for the hot path (ingest, journey): a stale copy answers while it
   * reloads in the background; undefined when there is none.
   */
  loadHot(hubId: string): Promise<StoredHub | undefined>
  /** Puts a hub this node has just written (a read begun before it does not replace it). */
  set(hubId: string, hub: StoredHub): void
  /** Forgets a hub, so the next load reads the store. */
  delete(hubId: string): void
}

/** What a read found: the hub, or that the store has none (kept only until it is answered). */
type Found = { hub: StoredHub } | { hub: undefined }

/**
 * Hubs as this node last read them, on lru-cache's `fetch`: one read per hub
 * at a time, stale-while-revalidate. With a change feed, a cached hub stays
 * until a change to it is heard; without one, it is read again after
 * {@link HUB_CACHE_MS}. The hot path answers a stale hub at once while one
 * reload runs, and waits for the store only past {@link HUB_STALE_MS} (a reload
 * queued behind a large insert otherwise stalled every request for that hub
 * every two seconds). A change heard, or a hub this node writes, drops a read
 * in flight from the cache (lru-cache aborts it) while its caller still gets
 * what it read (`ignoreFetchAbort`); a failed reload keeps the stale copy
 * (`noDeleteOnFetchRejection`).
 */
export function createHubCache(deps: {
  read: (hubId: string) => Promise<StoredHub | undefined>
  clock: () => number
  /** Where changes made on any node are heard. */
  feed?: Pick<ChangeFeed, 'subscribe'>
}): HubCache {
  const cache = new LRUCache<string, Found>({
    // Bounded by a size of 1 per hub rather than by `max`: with `max`, lru-cache allocates its
    // key, value, link and age lists for every entry up front (4.3 MiB of heap and ArrayBuffers
    // for 100,000, in a process that usually holds a few hubs); with `maxSize` they grow with
    // the hubs held.
    maxSize: HUB_CACHE_MAX,
    sizeCalculation: () => 1,
    ttl: deps.feed ? 0 : HUB_CACHE_MS,
    // Ages by the service's clock; read at each call (no timer that rounds it).
    perf: { now: deps.clock },
    ttlResolution: 0,
    ignoreFetchAbort: true,
    noDeleteOnFetchRejection: true,
    // The hot path's sync look-up must not drop the stale copy it falls back on.
    noDeleteOnStaleGet: true,
    // A miss is a value, not undefined: an interrupted read of a missing hub then answers
    // "none" instead of rejecting with lru-cache's abort error.
    fetchMethod: async (hubId) => ({ hub: await deps.read(hubId) }),
  })
  deps.feed?.subscribe('hubs', (change) => {
    if ('all' in change) cache.clear()
    else cache.delete(change.key)
  })
  /** The hub a fetch found; a miss is not kept (the next load reads the store again). */
  const answer = (hubId: string, found: Found | undefined): StoredHub | undefined => {
    if (found?.hub) return found.hub
    if (found && cache.peek(hubId, { allowStale: true }) === found) cache.delete(hubId)
    return undefined
  }

  return {
    load: async (hubId) => answer(hubId, await cache.fetch(hubId, { allowStale: false })),
    async loadHot(hubId) {
      // A fresh hub without fetch's promise and options: the beacon path's common case
      // (measured per call: 66 ns instead of 126 with a change feed, 124 instead of 225 without;
      // the hand-written cache before it took 60 and 103).
      const fresh = cache.get(hubId)
      if (fresh?.hub) return fresh.hub
      // Stale (left < 0) but younger than HUB_STALE_MS: answered at once, reloaded behind.
      const left = cache.getRemainingTTL(hubId)
      const allowStale = left > HUB_CACHE_MS - HUB_STALE_MS
      return answer(hubId, await cache.fetch(hubId, { allowStale }))
    },
    set: (hubId, hub) => {
      cache.set(hubId, { hub })
    },
    delete: (hubId) => {
      cache.delete(hubId)
    },
  }
}
