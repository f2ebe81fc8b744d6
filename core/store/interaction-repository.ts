import { randomUUID } from 'node:crypto'
import { type Interaction, type InteractionType, MAX_JOURNEY_INTERACTIONS } from '../../schemas/index.ts'
import type { ClickHouseHandle } from './clickhouse-client.ts'
import { removeHubRowsOlderThan, setHubRetention } from './hub-rows.ts'

/** An accepted interaction on its way to the store, with its hub and arrival time. */
export interface InteractionRecord {
  hubId: string
  receivedAt: number
  interaction: Interaction
}

/** A rejected item kept for a while so admins can see what portals send wrong. */
export interface QuarantineRecord {
  hubId: string
  receivedAt: number
  /**
   * Where the item was refused: `edge` (validation, answered 400 in the
   * request) or `store` (acknowledged, then refused by ClickHouse for its data
   * and set aside by the flusher). Default `edge`.
   */
  stage?: 'edge' | 'store'
  code: string
  path: string
  message: string
  /** The item as received, truncated to {@link MAX_QUARANTINE_RAW} characters. */
  raw: string
}

/** A quarantined row as listed: the record and the row's own id (the list's tie-breaker). */
export type QuarantineRow = QuarantineRecord & { id: string }

/** How much of a rejected item's text the quarantine keeps. */
export const MAX_QUARANTINE_RAW = 4096

/** Text with each lone UTF-16 surrogate replaced by U+FFFD (what ClickHouse can store). */
export const wellFormed = (s: string): string => s.replace(/\p{Cs}/gu, '\uFFFD')

/** ClickHouse's DateTime64(3) text form of a time, in UTC. */
export const toClickHouseTime = (ms: number): string =>
  new Date(ms).toISOString().slice(0, 23).replace('T', ' ')

/**
 * {@link toClickHouseTime} of an ISO 8601 timestamp the interaction schema
 * accepted. A browser's `toISOString()` (`2026-11-02T09:30:00.000Z`) and the
 * same without milliseconds are already UTC: sliced, with no Date, which was
 * a fifth of encoding a row. Every other form (offsets, other precisions) is
 * parsed. `interaction-repository.test.ts` holds both ways to the same text.
 */
export function timestampText(iso: string): string {
  if (iso.length === 24 && iso.charCodeAt(23) === 0x5a && iso.charCodeAt(19) === 0x2e)
    return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`
  if (iso.length === 20 && iso.charCodeAt(19) === 0x5a) return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.000`
  return toClickHouseTime(Date.parse(iso))
}

// The records of one request share their arrival time: its text is made once.
let lastReceivedMs = Number.NaN
let lastReceivedText = ''
const receivedText = (ms: number): string => {
  if (ms !== lastReceivedMs) {
    lastReceivedText = toClickHouseTime(ms)
    lastReceivedMs = ms
  }
  return lastReceivedText
}

function itemOf(i: Interaction): { id: string; title: string; language: string } {
  switch (i.type) {
    case 'portal_viewknowledgearticle':
      return {
        id: i.portal_knowledgearticleid,
        title: i.portal_knowledgetitle,
        language: i.portal_language ?? '',
      }
    case 'portal_viewblogpost':
      return { id: i.portal_blogpostid, title: i.portal_blogtitle, language: '' }
    case 'portal_viewforumthread':
      return { id: i.portal_forumthreadid, title: i.portal_forumthreadtitle, language: '' }
    case 'portal_search':
      return { id: '', title: i.portal_searchstring, language: '' }
    case 'portal_articlefeedback':
      return { id: i.portal_knowledgearticleid, title: '', language: '' }
  }
}

/**
 * The columns only some types fill (migration 18): the vote of a feedback, the
 * result count of a search that carries one. Left out otherwise, so they take
 * their default (NULL) and the other types' rows are encoded as before.
 */
function outcomeColumns(i: Interaction): { helpful?: boolean; result_count?: number } {
  if (i.type === 'portal_articlefeedback') return { helpful: i.portal_helpful }
  if (i.type === 'portal_search' && i.portal_searchresultcount !== undefined)
    return { result_count: i.portal_searchresultcount }
  return {}
}

/** The columns of an interaction's row before `raw` and `received_at`, in the table's order. */
function leadingColumns(r: InteractionRecord) {
  const i = r.interaction
  const item = itemOf(i)
  return {
    hub_id: r.hubId,
    contact_id: i.portal_contactid,
    ts: timestampText(i.portal_timestamp),
    interaction_id: i.portal_interactionid,
    type: i.type,
    portal_id: i.portal_portalid,
    session_id: i.portal_sessionid ?? '',
    item_id: item.id,
    title: item.title,
    language: item.language,
    ...outcomeColumns(i),
  }
}

/** The row an interaction becomes in the `interactions` table. */
export function toInteractionRow(r: InteractionRecord) {
  return {
    ...leadingColumns(r),
    raw: JSON.stringify(r.interaction),
    received_at: receivedText(r.receivedAt),
  }
}

/**
 * A record as one JSONEachRow line of the `interactions` table (no newline):
 * what the write-ahead log keeps, so that flushing needs no parse and no
 * second serialisation. The `raw` column is written as the interaction's JSON
 * object, not as a string holding it: ClickHouse stores an object read into a
 * String column as its text, verbatim (`input_format_json_read_objects_as_strings`,
 * set on every insert), and the text is escaped once instead of twice (a
 * fifth of encoding a row, and 4-5 % fewer bytes in the log). Lines written
 * before, with `raw` as a string, insert the same way.
 */
export function encodeInteractionRow(r: InteractionRecord): string {
  const head = JSON.stringify(leadingColumns(r))
  return `${head.slice(0, -1)},"raw":${JSON.stringify(r.interaction)},"received_at":"${receivedText(r.receivedAt)}"}`
}

/** One contact's span of time: `from <= ts < to`, in ms. */
export interface JourneySpan {
  hubId: string
  contactId: string
  from: number
  to: number
}

/** A contact's rows in a span, oldest first, by time, id and arrival (an id repeats when retried). */
const JOURNEY_ROWS_IN_ORDER = `
  SELECT raw FROM interactions
  WHERE hub_id = {hub:String} AND contact_id = {contact:UUID}
    AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
  ORDER BY ts, interaction_id, received_at`

/** Rows in JOURNEY_ROWS_IN_ORDER's order, each interaction id once: its first. */
function firstOfEachId(rows: Interaction[]): Interaction[] {
  const seen = new Set<string>()
  return rows.filter((r) => {
    if (seen.has(r.portal_interactionid)) return false
    seen.add(r.portal_interactionid)
    return true
  })
}

// A contact's rows in a span, each id once, on the small columns only (a contact with 100,000
// rows sorts 3 MB, not their JSON).
const JOURNEY_IDS = `
  SELECT interaction_id, ts, type FROM interactions
  WHERE hub_id = {hub:String} AND contact_id = {contact:UUID}
    AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
  ORDER BY ts, interaction_id, received_at
  LIMIT 1 BY interaction_id`

/** Reads and writes of interactions and the quarantine. The only SQL for them. */
export interface InteractionRepository {
  insert(records: readonly InteractionRecord[]): Promise<void>
  /** Inserts rows already shaped by {@link toInteractionRow} (bulk loads, benchmarks). */
  insertRows(rows: ReadonlyArray<ReturnType<typeof toInteractionRow>>): Promise<void>
  /** Inserts rows already encoded by {@link encodeInteractionRow}, one per element, as they are. */
  insertEncodedRows(lines: ReadonlyArray<Uint8Array>): Promise<void>
  quarantine(records: readonly QuarantineRecord[]): Promise<void>
  /**
   * A contact's interactions with `from <= time < to`, oldest first, one per
   * interaction id (the first received wins), as the JSON they were sent in:
   * the newest `limit` of them (default {@link MAX_JOURNEY_INTERACTIONS}).
   */
  journey(query: JourneySpan & { limit?: number }): Promise<Interaction[]>
  /** How many interactions of each type the contact has with `from <= time < to`, each id once. */
  journeyCounts(query: JourneySpan): Promise<Partial<Record<InteractionType, number>>>
  /** Stored interaction count for a hub, duplicates folded (for admins and tests). */
  count(hubId: string): Promise<number>
  /**
   * A hub's quarantined rows, newest first, in a stable order (arrival time,
   * then the row's id), after `after` (the last row of the previous page).
   */
  listQuarantine(hubId: string, limit: number, after?: { at: number; id: string }): Promise<QuarantineRow[]>
  /**
   * One page of all a contact's interactions, oldest first, each interaction
   * id once (the first by time, then arrival, as the journey picks it), after
   * `after` (the last of the previous page): the export's reader. The page's
   * ids are picked on the small columns; only their JSON is read.
   */
  contactPage(
    hubId: string,
    contactId: string,
    limit: number,
    after?: ContactPageCursor,
  ): Promise<Array<{ cursor: ContactPageCursor; interaction: Interaction }>>
  /** A hub's quarantined rows whose item names the contact (its id anywhere in the raw text), newest first. */
  quarantineNaming(
    hubId: string,
    contactId: string,
    limit: number,
    after?: { at: number; id: string },
  ): Promise<QuarantineRow[]>
  /** How many interactions (each id once) and quarantined rows name the contact. */
  contactCounts(hubId: string, contactId: string): Promise<{ interactions: number; quarantine: number }>
  /**
   * Deletes the contact's interactions dated before `before` (ms) and every
   * quarantined row of the hub naming the contact (lightweight DELETE through
   * the table DDL, so a cluster deletes on every shard). Returns what it
   * counted just before.
   */
  eraseContact(
    hubId: string,
    contactId: string,
    before: number,
  ): Promise<{ interactions: number; quarantine: number }>
  /**
   * {@link eraseContact} of the interactions by the erasure's subject
   * (`sha256(hubId:contactId)` hex) when the contact id is not known: an
   * erasure a crash interrupted, resumed at the next start. Reads every row of
   * the hub; the quarantine, which keeps no contact column, is not reached.
   */
  eraseSubject(hubId: string, subject: string, before: number): Promise<number>
  /**
   * Deletes the hub's interactions dated before `cutoff` (ms): a retention
   * applied now (lightweight DELETE, on every shard in a cluster). Returns the
   * rows it counted just before.
   */
  removeOlderThan(hubId: string, cutoff: number): Promise<number>
  /**
   * Sets the retention (days) of the hub's stored interactions, which their TTL
   * reads: one `ALTER … UPDATE` (a mutation, on every shard in a cluster) that
   * rewrites that column of the parts holding the hub's rows. Queued, or with
   * `wait` finished, when it resolves.
   */
  setRetention(hubId: string, days: number, options: { wait: boolean }): Promise<void>
}

/**
 * The erasure subject of a row, in SQL: `sha256(hub_id + ":" + contact_id)` in
 * lower-case hex (`toString` of a UUID is lower case), as `erasureSubject` computes it.
 */
export const SUBJECT_SQL = "lower(hex(SHA256(concat(hub_id, ':', toString(contact_id)))))"

/** Where a page of a contact's interactions ended: time (ms) and interaction id. */
export interface ContactPageCursor {
  at: number
  id: string
}

/** Insert bodies grow in steps of this, so a kept body fits the next insert of about its size. */
const BODY_GRAIN = 1024 * 1024
/** The largest insert body kept between inserts (the flusher's default byte budget is 16 MiB). */
const MAX_KEPT_BODY = 16 * 1024 * 1024

/** The interaction repository over an open ClickHouse handle. */
export function createInteractionRepository(ch: ClickHouseHandle): InteractionRepository {
  // One insert body kept between inserts: a fresh 4-5 MB Buffer per 5,000-row insert
  // outlived the scavenges while the engine read it and piled up until a full GC (the
  // bench's anonymous peak, in the batch phase). An insert that finds it taken (two at
  // once) gets its own, so a body is never shared.
  let spare: Buffer | null = null
  const takeBody = (size: number): Buffer => {
    const kept = spare
    spare = null
    if (kept && kept.byteLength >= size) return kept
    return Buffer.allocUnsafeSlow(Math.ceil(size / BODY_GRAIN) * BODY_GRAIN)
  }
  const giveBody = (body: Buffer) => {
    if (body.byteLength <= MAX_KEPT_BODY && (!spare || spare.byteLength < body.byteLength)) spare = body
  }
  const insertRows: InteractionRepository['insertRows'] = async (rows) => {
    if (rows.length === 0) return
    await ch.client.insert({ table: 'interactions', values: rows as unknown[], format: 'JSONEachRow' })
  }
  return {
    insert: (records) => insertRows(records.map(toInteractionRow)),
    insertRows,
    async insertEncodedRows(lines) {
      if (lines.length === 0) return
      let size = 0
      for (const line of lines) size += line.byteLength + 1
      const body = takeBody(size)
      let at = 0
      for (const line of lines) {
        body.set(line, at)
        at += line.byteLength
        body[at++] = 0x0a
      }
      try {
        // chdb hands the bytes to the engine without a copy and is done with them once this settles.
        await ch.insertJsonEachRow('interactions', body.subarray(0, size))
      } finally {
        giveBody(body)
      }
    },
    async quarantine(records) {
      if (records.length === 0) return
      await ch.client.insert({
        table: 'quarantine',
        // Well-formed text only: what is quarantined is often what the store would refuse.
        // Each row its own id: two identical items of one millisecond are still two rows to page over.
        values: records.map((r) => ({
          id: randomUUID(),
          hub_id: wellFormed(r.hubId),
          stage: r.stage ?? 'edge',
          received_at: toClickHouseTime(r.receivedAt),
          code: wellFormed(r.code),
          path: wellFormed(r.path),
          message: wellFormed(r.message),
          raw: wellFormed(r.raw.slice(0, MAX_QUARANTINE_RAW)),
        })),
        format: 'JSONEachRow',
      })
    },
    async journey({ hubId, contactId, from, to, limit = MAX_JOURNEY_INTERACTIONS }) {
      // On the read pool, beside inserts. `raw` as it is (TabSeparatedRaw: each row's JSON
      // text, one per line; JSON.stringify never writes a bare newline), parsed once.
      // One contact's window is a few granules: threads only add scheduling on cores the
      // HTTP side and background merges already share.
      const params = {
        hub: hubId,
        contact: contactId,
        from: toClickHouseTime(from),
        to: toClickHouseTime(to),
        limit,
        more: limit + 1,
      }
      const readRaw = async (query: string) => {
        const text = await ch.read.text({
          query,
          params,
          settings: { max_threads: 1 },
          format: 'TabSeparatedRaw',
        })
        const body = text.endsWith('\n') ? text.slice(0, -1) : text
        return body.length === 0 ? [] : (JSON.parse(`[${body.replaceAll('\n', ',')}]`) as Interaction[])
      }
      // Almost every window holds fewer than `limit`: one pass, in the sorting key's order,
      // stopping at `limit + 1` rows. Without LIMIT 1 BY the engine reads `raw` lazily, for the
      // rows kept only (LazilyReadFromMergeTree); with it, whole blocks of the window's JSON were
      // read first and a contact with 200,000 rows in 90 days answered 503 read_too_large
      // (shutdown-under-reads). Each id once is then picked here: the rows come ordered by time,
      // id and arrival, so the first of an id is the one LIMIT 1 BY kept.
      const window = await readRaw(`${JOURNEY_ROWS_IN_ORDER} LIMIT {more:UInt32}`)
      if (window.length <= limit) return firstOfEachId(window)
      // More than `limit`: the newest `limit` ids are picked on the small columns first;
      // only their rows' JSON is read and sorted, so the read's memory is bounded by the
      // limit whatever the contact holds (100,000 rows in 90 days made the whole-window
      // sort of `raw` pass the query's memory share: 500 every time).
      return readRaw(`SELECT raw FROM interactions
          WHERE hub_id = {hub:String} AND contact_id = {contact:UUID}
            AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
            AND interaction_id IN (
              SELECT interaction_id FROM (${JOURNEY_IDS})
              ORDER BY ts DESC, interaction_id DESC
              LIMIT {limit:UInt32}
            )
          ORDER BY ts, interaction_id, received_at
          LIMIT 1 BY interaction_id`)
    },
    async journeyCounts({ hubId, contactId, from, to }) {
      const rows = await ch.readRows<{ type: InteractionType; n: string | number }>({
        query: `SELECT type, count() AS n FROM (${JOURNEY_IDS}) GROUP BY type`,
        params: { hub: hubId, contact: contactId, from: toClickHouseTime(from), to: toClickHouseTime(to) },
        settings: { max_threads: 1 },
      })
      return Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]))
    },
    async count(hubId) {
      const rs = await ch.client.query({
        query: 'SELECT uniqExact(interaction_id) AS n FROM interactions WHERE hub_id = {hub:String}',
        query_params: { hub: hubId },
        format: 'JSONEachRow',
      })
      const [row] = await rs.json<{ n: string | number }>()
      return Number(row?.n ?? 0)
    },
    async contactPage(hubId, contactId, limit, after) {
      const params = {
        hub: hubId,
        contact: contactId,
        limit,
        ...(after ? { afterAt: after.at, afterId: after.id } : {}),
      }
      // Each id at its first time (min over repeats), so a page boundary never splits an id.
      const ids = await ch.readRows<{ interaction_id: string; at: string | number }>({
        query: `SELECT interaction_id, toUnixTimestamp64Milli(min(ts)) AS at FROM interactions
          WHERE hub_id = {hub:String} AND contact_id = {contact:UUID}
          GROUP BY interaction_id
          ${after ? 'HAVING (at, interaction_id) > ({afterAt:Int64}, {afterId:UUID})' : ''}
          ORDER BY at, interaction_id
          LIMIT {limit:UInt32}`,
        params,
        settings: { max_threads: 1 },
      })
      if (ids.length === 0) return []
      const rows = await ch.readRows<{ interaction_id: string; raw: string }>({
        query: `SELECT interaction_id, raw FROM interactions
          WHERE hub_id = {hub:String} AND contact_id = {contact:UUID} AND interaction_id IN {ids:Array(UUID)}
          ORDER BY ts, interaction_id, received_at
          LIMIT 1 BY interaction_id`,
        params: { hub: hubId, contact: contactId, ids: ids.map((r) => r.interaction_id) },
        settings: { max_threads: 1 },
      })
      const raw = new Map(rows.map((r) => [r.interaction_id, r.raw]))
      return ids.flatMap((r) => {
        const text = raw.get(r.interaction_id)
        return text === undefined
          ? []
          : [
              {
                cursor: { at: Number(r.at), id: r.interaction_id },
                interaction: JSON.parse(text) as Interaction,
              },
            ]
      })
    },
    async quarantineNaming(hubId, contactId, limit, after) {
      const rows = await ch.readRows<{
        id: string
        hub_id: string
        at: string
        stage: string
        code: string
        path: string
        message: string
        raw: string
      }>({
        query: `SELECT id, hub_id, toUnixTimestamp64Milli(received_at) AS at, stage, code, path, message, raw
          FROM quarantine
          WHERE hub_id = {hub:String} AND positionCaseInsensitive(raw, {contact:String}) > 0
            ${after ? 'AND (toUnixTimestamp64Milli(received_at), id) < ({at:Int64}, {id:UUID})' : ''}
          ORDER BY toUnixTimestamp64Milli(received_at) DESC, id DESC
          LIMIT {limit:UInt32}`,
        params: { hub: hubId, contact: contactId, limit, ...(after ? { at: after.at, id: after.id } : {}) },
      })
      return rows.map((r) => ({
        id: r.id,
        hubId: r.hub_id,
        receivedAt: Number(r.at),
        stage: r.stage === 'store' ? ('store' as const) : ('edge' as const),
        code: r.code,
        path: r.path,
        message: r.message,
        raw: r.raw,
      }))
    },
    async contactCounts(hubId, contactId) {
      const [row] = await ch.readRows<{ interactions: string | number; quarantine: string | number }>({
        query: `SELECT
            (SELECT uniqExact(interaction_id) FROM interactions
              WHERE hub_id = {hub:String} AND contact_id = {contact:UUID}) AS interactions,
            (SELECT count() FROM quarantine
              WHERE hub_id = {hub:String} AND positionCaseInsensitive(raw, {contact:String}) > 0) AS quarantine`,
        params: { hub: hubId, contact: contactId },
      })
      return { interactions: Number(row?.interactions ?? 0), quarantine: Number(row?.quarantine ?? 0) }
    },
    async eraseContact(hubId, contactId, before) {
      const params = { hub: hubId, contact: contactId, before: toClickHouseTime(before) }
      const [row] = await ch.readRows<{ interactions: string | number; quarantine: string | number }>({
        query: `SELECT
            (SELECT uniqExact(interaction_id) FROM interactions
              WHERE hub_id = {hub:String} AND contact_id = {contact:UUID}
                AND ts < {before:DateTime64(3, 'UTC')}) AS interactions,
            (SELECT count() FROM quarantine
              WHERE hub_id = {hub:String} AND positionCaseInsensitive(raw, {contact:String}) > 0) AS quarantine`,
        params,
      })
      // Lightweight deletes: the rows are masked at once (every read skips them) and
      // dropped from the parts by the merges that follow (docs/data-rights.md).
      await ch.client.command({
        query: ch.ddl.deleteWhere(
          'interactions',
          "hub_id = {hub:String} AND contact_id = {contact:UUID} AND ts < {before:DateTime64(3, 'UTC')}",
        ),
        query_params: params,
      })
      await ch.client.command({
        query: ch.ddl.deleteWhere(
          'quarantine',
          'hub_id = {hub:String} AND positionCaseInsensitive(raw, {contact:String}) > 0',
        ),
        query_params: params,
      })
      return { interactions: Number(row?.interactions ?? 0), quarantine: Number(row?.quarantine ?? 0) }
    },
    async eraseSubject(hubId, subject, before) {
      const params = { hub: hubId, subject, before: toClickHouseTime(before) }
      const where = `hub_id = {hub:String} AND ${SUBJECT_SQL} = {subject:String} AND ts < {before:DateTime64(3, 'UTC')}`
      const [row] = await ch.readRows<{ n: string | number }>({
        query: `SELECT uniqExact(interaction_id) AS n FROM interactions WHERE ${where}`,
        params,
      })
      await ch.client.command({ query: ch.ddl.deleteWhere('interactions', where), query_params: params })
      return Number(row?.n ?? 0)
    },
    setRetention: (hubId, days, options) => setHubRetention(ch, 'interactions', hubId, days, options),
    removeOlderThan: (hubId, cutoff) =>
      removeHubRowsOlderThan(ch, 'interactions', 'ts', hubId, toClickHouseTime(cutoff)),
    async listQuarantine(hubId, limit, after) {
      // (time, id) as a tuple: ClickHouse compares UUIDs by their internal layout, the same
      // way in ORDER BY and in `<`, so the cursor and the order agree.
      const rs = await ch.client.query({
        query: `SELECT id, hub_id, toUnixTimestamp64Milli(received_at) AS at, stage, code, path, message, raw
          FROM quarantine
          WHERE hub_id = {hub:String}
            ${after ? 'AND (toUnixTimestamp64Milli(received_at), id) < ({at:Int64}, {id:UUID})' : ''}
          ORDER BY toUnixTimestamp64Milli(received_at) DESC, id DESC
          LIMIT {limit:UInt32}`,
        query_params: { hub: hubId, limit, ...(after ? { at: after.at, id: after.id } : {}) },
        format: 'JSONEachRow',
      })
      const rows = await rs.json<{
        id: string
        hub_id: string
        at: string
        stage: string
        code: string
        path: string
        message: string
        raw: string
      }>()
      return rows.map((r) => ({
        id: r.id,
        hubId: r.hub_id,
        receivedAt: Number(r.at),
        stage: r.stage === 'store' ? ('store' as const) : ('edge' as const),
        code: r.code,
        path: r.path,
        message: r.message,
        raw: r.raw,
      }))
    },
  }
}
