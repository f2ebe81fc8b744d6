import { randomUUID } from 'node:crypto'
import type { ClickHouseHandle } from './clickhouse-client.ts'
import { toClickHouseTime } from './clickhouse-time.ts'

// The quarantine: rejected items kept for a while so admins can see what
// portals send wrong, written and listed newest first.

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

/** A quarantine row as ClickHouse answers it. */
interface QuarantineRowText {
  id: string
  hub_id: string
  at: string
  stage: string
  code: string
  path: string
  message: string
  raw: string
}

const toQuarantineRow = (r: QuarantineRowText): QuarantineRow => ({
  id: r.id,
  hubId: r.hub_id,
  receivedAt: Number(r.at),
  stage: r.stage === 'store' ? ('store' as const) : ('edge' as const),
  code: r.code,
  path: r.path,
  message: r.message,
  raw: r.raw,
})

/** Writes and pages of the quarantine over an open ClickHouse handle. */
export function createQuarantineRows(ch: ClickHouseHandle) {
  /**
   * A hub's quarantined rows newest first, after a cursor, optionally only those whose text
   * names a contact. (time, id) as a tuple: ClickHouse compares UUIDs by their internal
   * layout, the same way in ORDER BY and in \`<\`, so the cursor and the order agree.
   */
  const page = async (
    hubId: string,
    limit: number,
    after: { at: number; id: string } | undefined,
    contactId?: string,
  ): Promise<QuarantineRow[]> => {
    const query = `SELECT id, hub_id, toUnixTimestamp64Milli(received_at) AS at, stage, code, path, message, raw
          FROM quarantine
          WHERE hub_id = {hub:String}
            ${contactId === undefined ? '' : 'AND positionCaseInsensitive(raw, {contact:String}) > 0'}
            ${after ? 'AND (toUnixTimestamp64Milli(received_at), id) < ({at:Int64}, {id:UUID})' : ''}
          ORDER BY toUnixTimestamp64Milli(received_at) DESC, id DESC
          LIMIT {limit:UInt32}`
    const params = {
      hub: hubId,
      ...(contactId === undefined ? {} : { contact: contactId }),
      limit,
      ...(after ? { at: after.at, id: after.id } : {}),
    }
    // The admin's list on the main client, a contact's rights on the read pool, each as it was.
    const rows =
      contactId === undefined
        ? await (
            await ch.client.query({ query, query_params: params, format: 'JSONEachRow' })
          ).json<QuarantineRowText>()
        : await ch.readRows<QuarantineRowText>({ query, params })
    return rows.map(toQuarantineRow)
  }

  return {
    async quarantine(records: readonly QuarantineRecord[]): Promise<void> {
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
    listQuarantine: (hubId: string, limit: number, after?: { at: number; id: string }) =>
      page(hubId, limit, after),
    quarantineNaming: (hubId: string, contactId: string, limit: number, after?: { at: number; id: string }) =>
      page(hubId, limit, after, contactId),
  }
}
