import { LRUCache } from 'lru-cache'
import type { ChangeFeed } from '../store/change-feed.ts'
import type { StoredHub } from './hub-record.ts'

// Hubs as this node last read them, so each beacon does not read the store.

/** How long a verified hub stays cached, so each beacon does not read the store. */
export const HUB_CACHE_MS = 2000
/** How long the hot path may answer from a cached hub while it reloads in the background. */
const HUB_STALE_MS = 30_000

/** The hubs this node has read; see {@link createHubCache}. */
export interface HubCache {
  /** The hub, read from the store unless a fresh copy is cached; undefined when there is none. */
  load(hubId: string): Promise<StoredHub | undefined>
  /**
   * The hub for the hot path (ingest, journey): a stale copy answers while it
   * reloads in the background; undefined when there is none.
   */
  loadHot(hubId: string): Promise<StoredHub | undefined>
  /** Puts a hub this node has just written. */
  set(hubId: string, hub: StoredHub): void
  /** Forgets a hub, so the next load reads the store. */
  delete(hubId: string): void
}

/**
 * Hubs as this node last read them. With a change feed, a cached hub stays
 * until a change to it is heard; without one, it is read again after
 * {@link HUB_CACHE_MS}.
 */
export function createHubCache(deps: {
  read: (hubId: string) => Promise<StoredHub | undefined>
  clock: () => number
  feed?: ChangeFeed
}): HubCache {
  const { clock } = deps
  const cache = new LRUCache<string, { hub: StoredHub; at: number }>({ max: 100_000 })
  // Bumped by every change heard: a read that began before it must not put back what it read.
  let epoch = 0
  deps.feed?.subscribe('hubs', (change) => {
    epoch++
    if ('all' in change) cache.clear()
    else cache.delete(change.key)
  })
  const fresh = (at: number) => deps.feed !== undefined || clock() - at < HUB_CACHE_MS
  const remember = (hubId: string, hub: StoredHub, since: number) => {
    if (since === epoch) cache.set(hubId, { hub, at: clock() })
  }
  const load = async (hubId: string): Promise<StoredHub | undefined> => {
    const cached = cache.get(hubId)
    if (cached && fresh(cached.at)) return cached.hub
    const since = epoch
    const hub = await deps.read(hubId)
    if (hub) remember(hubId, hub, since)
    return hub
  }

  // The hot path (ingest, journey) never waits for a reload of a hub it has:
  // past HUB_CACHE_MS it answers from the cache and reloads in the background
  // (one reload per hub at a time); only past HUB_STALE_MS, or for a hub it
  // has never seen, does it wait. A reload queued behind a large insert
  // otherwise stalled every request for that hub every two seconds.
  const reloading = new Map<string, Promise<unknown>>()
  const loadHot = async (hubId: string): Promise<StoredHub | undefined> => {
    const cached = cache.get(hubId)
    if (!cached) return load(hubId)
    if (fresh(cached.at)) return cached.hub
    if (clock() - cached.at >= HUB_STALE_MS) return load(hubId)
    if (!reloading.has(hubId)) {
      const since = epoch
      const reload = deps
        .read(hubId)
        .then((hub) => {
          if (hub) remember(hubId, hub, since)
          else cache.delete(hubId)
        })
        .catch(() => undefined) // the stale copy serves until HUB_STALE_MS; then callers see the error
        .finally(() => reloading.delete(hubId))
      reloading.set(hubId, reload)
    }
    return cached.hub
  }

  return {
    load,
    loadHot,
    set: (hubId, hub) => cache.set(hubId, { hub, at: clock() }),
    delete: (hubId) => cache.delete(hubId),
  }
}
