import type { Interaction, InteractionType } from '../../schemas/index.ts'
import type { ClickHouseHandle } from './clickhouse-client.ts'
import { toClickHouseTime } from './clickhouse-time.ts'
import { type ContactPageCursor, createContactRows } from './contact-rows.ts'
import { removeHubRowsOlderThan, setHubRetention } from './hub-rows.ts'
import { type InteractionRecord, toInteractionRow } from './interaction-rows.ts'
import { type JourneySpan, createJourneyReads } from './journey-reads.ts'
import { type QuarantineRecord, type QuarantineRow, createQuarantineRows } from './quarantine-rows.ts'

// The interactions table and the quarantine, behind one interface: inserts
// here; rows in interaction-rows.ts, journeys in journey-reads.ts, a
// contact's rows in contact-rows.ts, the quarantine in quarantine-rows.ts.

/** Kept here for bench/batch-path-cpu.ts, which loads it by this path from a baseline checkout too. */
export { encodeInteractionRow } from './interaction-rows.ts'

/**
 * Encoded rows (JSONEachRow lines without their newline) by index: an array, or a
 * batch read from the write-ahead log, which holds no object per row and makes a
 * view of a row when asked (`at`).
 */
export interface EncodedRows {
  readonly length: number
  at(i: number): Uint8Array | undefined
  slice(start?: number, end?: number): EncodedRows
}

/** Reads and writes of interactions and the quarantine. The only SQL for them. */
export interface InteractionRepository {
  insert(records: readonly InteractionRecord[]): Promise<void>
  /** Inserts rows already shaped by {@link toInteractionRow} (bulk loads, benchmarks). */
  insertRows(rows: ReadonlyArray<ReturnType<typeof toInteractionRow>>): Promise<void>
  /** Inserts rows already encoded by {@link encodeInteractionRow}, one per element, as they are. */
  insertEncodedRows(lines: EncodedRows): Promise<void>
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
      // Views made here die young: only the rows' holder (the log's batch) lives through the insert.
      let size = 0
      for (let i = 0; i < lines.length; i++) size += lines.at(i)!.byteLength + 1
      const body = takeBody(size)
      let at = 0
      for (let i = 0; i < lines.length; i++) {
        const line = lines.at(i)!
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
    ...createQuarantineRows(ch),
    ...createJourneyReads(ch),
    ...createContactRows(ch),
    async count(hubId) {
      const rs = await ch.client.query({
        query: 'SELECT uniqExact(interaction_id) AS n FROM interactions WHERE hub_id = {hub:String}',
        query_params: { hub: hubId },
        format: 'JSONEachRow',
      })
      const [row] = await rs.json<{ n: string | number }>()
      return Number(row?.n ?? 0)
    },
    setRetention: (hubId, days, options) => setHubRetention(ch, 'interactions', hubId, days, options),
    removeOlderThan: (hubId, cutoff) =>
      removeHubRowsOlderThan(ch, 'interactions', 'ts', hubId, toClickHouseTime(cutoff)),
  }
}
