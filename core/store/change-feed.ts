import type { ControlPlaneDb, Queryable } from './control-plane-db.ts'

/** The kinds of control-plane records nodes keep in memory and must hear about. */
export const CHANGE_TOPICS = ['hubs', 'domains', 'translations', 'sites', 'portals', 'erasures'] as const

/** A kind of cached record. */
export type ChangeTopic = (typeof CHANGE_TOPICS)[number]

/** What a subscriber hears: one record changed, or (a notification was missed) any may have. */
export type Change = { key: string } | { all: true }

/** What the feed logs with. */
export interface ChangeFeedLog {
  warn(obj: object, msg: string): void
  info(obj: object, msg: string): void
}

/**
 * Tells every node of changes to the control-plane records they cache: a
 * write publishes (counter + NOTIFY, in the writer's transaction when it has
 * one), every node LISTENs, and a periodic version check catches what a
 * node missed (a dropped LISTEN session, Postgres restarted).
 */
export interface ChangeFeed {
  /**
   * Records that `key` of `topic` changed and notifies every node, on `on`
   * (a transaction: then both happen at its commit) or the database.
   */
  publish(topic: ChangeTopic, key: string, on?: Queryable): Promise<void>
  /** Calls `listener` for each change of `topic` heard from any node (this one included). */
  subscribe(topic: ChangeTopic, listener: (change: Change) => void): () => void
  /**
   * Whether the last version check reached the database: while it does not,
   * caches keep what they have (ingest keeps accepting known keys) and no
   * change can be heard.
   */
  reachable(): boolean
  /** Subscribes to the channel and starts the version check. */
  start(): Promise<void>
  close(): Promise<void>
}

/** The NOTIFY channel of the feed. */
export const CHANGE_CHANNEL = 'casetrail_changes'

/**
 * A change feed on the control-plane database.
 *
 * @example
 * const feed = createChangeFeed({ db, log })
 * await feed.start()
 * feed.subscribe('hubs', (c) => ('all' in c ? cache.clear() : cache.delete(c.key)))
 * await feed.publish('hubs', hub.id)
 */
export function createChangeFeed(deps: {
  db: ControlPlaneDb
  log: ChangeFeedLog
  /** How often the version check runs, in ms (default 1000: a missed change is heard within about a second). */
  checkEveryMs?: number
}): ChangeFeed {
  const checkEveryMs = deps.checkEveryMs ?? 1000
  const listeners = new Map<ChangeTopic, Set<(change: Change) => void>>()
  /** The counter of each topic as this node last heard it. */
  const heard = new Map<string, number>()
  let unlisten: (() => Promise<void>) | null = null
  let timer: NodeJS.Timeout | null = null
  let checking: Promise<void> | null = null
  let reachable = true
  let closed = false

  const tell = (topic: string, change: Change) => {
    for (const listener of listeners.get(topic as ChangeTopic) ?? []) {
      try {
        listener(change)
      } catch (err) {
        deps.log.warn({ err, topic }, 'change feed: a subscriber failed')
      }
    }
  }

  const onNotify = (payload: string) => {
    let note: { t?: unknown; k?: unknown; s?: unknown }
    try {
      note = JSON.parse(payload) as typeof note
    } catch {
      return
    }
    if (typeof note.t !== 'string' || typeof note.k !== 'string' || typeof note.s !== 'number') return
    const known = heard.get(note.t) ?? 0
    // The next one in order: only that record. A gap (a notification missed, or two
    // commits heard out of order): anything of the topic may have changed.
    if (note.s === known + 1 || note.s <= known) tell(note.t, { key: note.k })
    else tell(note.t, { all: true })
    if (note.s > known) heard.set(note.t, note.s)
  }

  /** Reads every counter; a topic ahead of what this node heard tells its subscribers "all". */
  const check = async (): Promise<void> => {
    try {
      const { rows } = await deps.db.query<{ topic: string; seq: number }>(
        'SELECT topic, seq FROM control_plane_changes',
      )
      if (!reachable) {
        // Back after an outage: LISTEN may have been lost with the session; listen again, and
        // everything heard before is suspect.
        deps.log.info({}, 'control plane reachable again: caches reload what changed meanwhile')
        await relisten()
        for (const topic of listeners.keys()) tell(topic, { all: true })
      }
      reachable = true
      for (const { topic, seq } of rows) {
        const known = heard.get(topic)
        if (known === undefined || seq > known) {
          heard.set(topic, seq)
          if (known !== undefined) tell(topic, { all: true })
        }
      }
    } catch (err) {
      if (reachable) deps.log.warn({ err }, 'control plane unreachable: caches keep what they hold')
      reachable = false
    }
  }

  const relisten = async () => {
    const previous = unlisten
    unlisten = null
    await previous?.().catch(() => undefined)
    unlisten = await deps.db.listen(CHANGE_CHANNEL, onNotify)
  }

  const schedule = () => {
    if (closed) return
    timer = setTimeout(() => {
      checking = check().finally(() => {
        checking = null
        schedule()
      })
    }, checkEveryMs)
    timer.unref()
  }

  return {
    async publish(topic, key, on) {
      await (on ?? deps.db).query(
        `WITH bumped AS (
          INSERT INTO control_plane_changes AS c (topic, seq) VALUES ($1, 1)
          ON CONFLICT (topic) DO UPDATE SET seq = c.seq + 1
          RETURNING seq)
        SELECT pg_notify($2, json_build_object('t', $1::text, 'k', $3::text, 's', seq)::text) FROM bumped`,
        [topic, CHANGE_CHANNEL, key],
      )
    },
    subscribe(topic, listener) {
      let set = listeners.get(topic)
      if (!set) {
        set = new Set()
        listeners.set(topic, set)
      }
      set.add(listener)
      return () => set.delete(listener)
    },
    reachable: () => reachable,
    async start() {
      unlisten = await deps.db.listen(CHANGE_CHANNEL, onNotify)
      await check()
      schedule()
    },
    async close() {
      closed = true
      if (timer) clearTimeout(timer)
      await checking
      await unlisten?.().catch(() => undefined)
    },
  }
}
