import { describe, expect, it } from 'vitest'
import type { Change } from '../store/change-feed.ts'
import { HUB_CACHE_MAX, createHubCache } from './hub-cache.ts'
import type { StoredHub } from './hub-record.ts'

// The node's hub cache against a store read the test holds open, so the
// interleavings that matter (a change heard mid-read, a reload that fails)
// happen in a known order, and a clock the test moves.

const hub = (name: string): StoredHub => ({
  id: 'h1',
  name,
  createdAt: '2026-12-01T00:00:00.000Z',
  keys: [],
  capturedTypes: [],
  profile: null,
  deflectionCost: null,
  retentionDays: 395,
  logJourneyReads: false,
})

/** A store read per call, each settled by the test; and the stored hub. */
function heldStore() {
  let stored: StoredHub | undefined = hub('v1')
  const reads: Array<{ resolve: () => void; reject: (err: unknown) => void }> = []
  return {
    set: (h: StoredHub | undefined) => {
      stored = h
    },
    reads,
    read: (_id: string) =>
      new Promise<StoredHub | undefined>((resolve, reject) => {
        const at = stored
        reads.push({ resolve: () => resolve(at), reject })
      }),
    /** Settles the oldest open read with what was stored when it began. */
    settle: async (err?: unknown) => {
      const r = reads.shift()!
      if (err) r.reject(err)
      else r.resolve()
      await new Promise((done) => setImmediate(done))
    },
  }
}

function setup(withFeed: boolean) {
  const store = heldStore()
  let now = 1_000_000
  const listeners: Array<(c: Change) => void> = []
  const feed = {
    subscribe: (_t: 'hubs', l: (c: Change) => void) => {
      listeners.push(l)
      return () => {}
    },
  }
  const cache = createHubCache({ read: store.read, clock: () => now, ...(withFeed ? { feed } : {}) })
  return {
    store,
    cache,
    advance: (ms: number) => {
      now += ms
    },
    hear: (c: Change) => {
      for (const l of listeners) l(c)
    },
  }
}

describe('hub cache', () => {
  it('reads a hub once, then answers from the cache while it is fresh', async () => {
    const t = setup(false)
    const first = t.cache.loadHot('h1')
    await t.store.settle()
    expect((await first)?.name).toBe('v1')
    t.advance(1999)
    expect((await t.cache.loadHot('h1'))?.name).toBe('v1')
    expect(t.store.reads).toHaveLength(0)
  })

  it('answers a stale hub at once while one reload runs, then the reloaded one', async () => {
    const t = setup(false)
    const first = t.cache.loadHot('h1')
    await t.store.settle()
    await first
    t.store.set(hub('v2'))
    t.advance(2001)
    expect((await t.cache.loadHot('h1'))?.name).toBe('v1')
    expect((await t.cache.loadHot('h1'))?.name).toBe('v1')
    expect(t.store.reads).toHaveLength(1)
    await t.store.settle()
    expect((await t.cache.loadHot('h1'))?.name).toBe('v2')
  })

  it('keeps the stale hub when its reload fails, and waits for the store once it is 30 s old', async () => {
    const t = setup(false)
    const first = t.cache.loadHot('h1')
    await t.store.settle()
    await first
    t.advance(5000)
    expect((await t.cache.loadHot('h1'))?.name).toBe('v1')
    await t.store.settle(new Error('store down'))
    expect((await t.cache.loadHot('h1'))?.name).toBe('v1')
    await t.store.settle(new Error('store down'))
    t.advance(25_000)
    const waiting = expect(t.cache.loadHot('h1')).rejects.toThrow('store down')
    expect(t.store.reads).toHaveLength(1)
    await t.store.settle(new Error('store down'))
    await waiting
  })

  it('answers undefined for a hub the store does not have', async () => {
    const t = setup(false)
    const got = t.cache.loadHot('h1')
    t.store.set(undefined)
    await t.store.settle()
    t.store.set(undefined)
    const none = t.cache.load('nope')
    await t.store.settle()
    expect(await none).toBeUndefined()
    expect((await got)?.name).toBe('v1')
  })

  it('with a change feed, keeps a hub until a change to it is heard', async () => {
    const t = setup(true)
    const first = t.cache.loadHot('h1')
    await t.store.settle()
    await first
    t.advance(3_600_000)
    expect((await t.cache.loadHot('h1'))?.name).toBe('v1')
    expect(t.store.reads).toHaveLength(0)
    t.store.set(hub('v2'))
    t.hear({ key: 'h1' })
    const again = t.cache.loadHot('h1')
    await t.store.settle()
    expect((await again)?.name).toBe('v2')
  })

  it('answers a read interrupted by a change heard, but does not keep what it read', async () => {
    for (const change of [{ key: 'h1' }, { all: true } as const]) {
      const t = setup(true)
      const reading = t.cache.load('h1')
      t.store.set(hub('v2'))
      t.hear(change)
      await t.store.settle()
      expect((await reading)?.name).toBe('v1')
      const next = t.cache.load('h1')
      expect(t.store.reads).toHaveLength(1)
      await t.store.settle()
      expect((await next)?.name).toBe('v2')
    }
  })

  it('answers undefined for a missing hub whose read a change interrupted', async () => {
    const t = setup(true)
    t.store.set(undefined)
    const reading = t.cache.load('h1')
    t.hear({ key: 'h1' })
    await t.store.settle()
    expect(await reading).toBeUndefined()
  })

  it('keeps a hub this node wrote, over a read that began before the write', async () => {
    const t = setup(true)
    const reading = t.cache.load('h1')
    t.cache.set('h1', hub('written'))
    await t.store.settle()
    await reading
    expect((await t.cache.loadHot('h1'))?.name).toBe('written')
  })
})

describe('the hub cache, bounded', () => {
  it(`keeps at most ${HUB_CACHE_MAX} hubs, forgetting the least recently used`, async () => {
    const reads: string[] = []
    const cache = createHubCache({
      read: async (hubId) => {
        reads.push(hubId)
        return { id: hubId } as unknown as StoredHub
      },
      clock: () => 0,
    })
    for (let i = 0; i <= HUB_CACHE_MAX; i++) await cache.load(`hub-${i}`)
    expect(reads).toHaveLength(HUB_CACHE_MAX + 1)
    // The newest is still held; the first, least recently used, was let go and is read again.
    await cache.load(`hub-${HUB_CACHE_MAX}`)
    expect(reads).toHaveLength(HUB_CACHE_MAX + 1)
    await cache.load('hub-0')
    expect(reads.at(-1)).toBe('hub-0')
    expect(reads).toHaveLength(HUB_CACHE_MAX + 2)
  })
})
