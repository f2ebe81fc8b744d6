import type { Interaction } from '../../schemas/index.ts'
import type { ClickHouseHandle } from './clickhouse-client.ts'
import { toClickHouseTime } from './clickhouse-time.ts'

// One contact's rows, for their rights: their interactions page by page, how
// many rows name them, and erasing them (by contact, or by erasure subject).

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

/** How many of a contact's interactions (each id once) and quarantined rows there are. */
export interface ContactCounts {
  interactions: number
  quarantine: number
}

/** A contact's rows over an open ClickHouse handle; see {@link InteractionRepository.contactPage}. */
export function createContactRows(ch: ClickHouseHandle) {
  /** The contact's interactions (before \`before\`, when given) and the quarantined rows naming them. */
  const countsOf = async (params: {
    hub: string
    contact: string
    before?: string
  }): Promise<ContactCounts> => {
    const [row] = await ch.readRows<{ interactions: string | number; quarantine: string | number }>({
      query: `SELECT
            (SELECT uniqExact(interaction_id) FROM interactions
              WHERE hub_id = {hub:String} AND contact_id = {contact:UUID}
                ${params.before === undefined ? '' : "AND ts < {before:DateTime64(3, 'UTC')}"}) AS interactions,
            (SELECT count() FROM quarantine
              WHERE hub_id = {hub:String} AND positionCaseInsensitive(raw, {contact:String}) > 0) AS quarantine`,
      params,
    })
    return { interactions: Number(row?.interactions ?? 0), quarantine: Number(row?.quarantine ?? 0) }
  }

  return {
    async contactPage(
      hubId: string,
      contactId: string,
      limit: number,
      after?: ContactPageCursor,
    ): Promise<Array<{ cursor: ContactPageCursor; interaction: Interaction }>> {
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
    async contactCounts(hubId: string, contactId: string): Promise<ContactCounts> {
      return countsOf({ hub: hubId, contact: contactId })
    },
    async eraseContact(hubId: string, contactId: string, before: number): Promise<ContactCounts> {
      const params = { hub: hubId, contact: contactId, before: toClickHouseTime(before) }
      const counts = await countsOf(params)
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
      return counts
    },
    async eraseSubject(hubId: string, subject: string, before: number): Promise<number> {
      const params = { hub: hubId, subject, before: toClickHouseTime(before) }
      const where = `hub_id = {hub:String} AND ${SUBJECT_SQL} = {subject:String} AND ts < {before:DateTime64(3, 'UTC')}`
      const [row] = await ch.readRows<{ n: string | number }>({
        query: `SELECT uniqExact(interaction_id) AS n FROM interactions WHERE ${where}`,
        params,
      })
      await ch.client.command({ query: ch.ddl.deleteWhere('interactions', where), query_params: params })
      return Number(row?.n ?? 0)
    },
  }
}
