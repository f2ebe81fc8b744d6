import { type Interaction, type InteractionType, MAX_JOURNEY_INTERACTIONS } from '../../schemas/index.ts'
import type { ClickHouseHandle } from './clickhouse-client.ts'
import { toClickHouseTime } from './clickhouse-time.ts'

// A contact's journey: their interactions in a span of time, each id once,
// and how many of each type.

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

/** The journey reads over an open ClickHouse handle; see {@link InteractionRepository.journey}. */
export function createJourneyReads(ch: ClickHouseHandle) {
  return {
    async journey({
      hubId,
      contactId,
      from,
      to,
      limit = MAX_JOURNEY_INTERACTIONS,
    }: JourneySpan & { limit?: number }): Promise<Interaction[]> {
      // On the read pool, beside inserts. `raw` as it is (TabSeparatedRaw: each row's JSON
      // text, one per line; JSON.stringify never writes a bare newline), parsed once.
      // One contact's window is a few granules: threads only add scheduling on cores the
      // HTTP side and background merges already share. A rep waits for it: ahead of the
      // flood's threads (ReadQuery.ahead).
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
          ahead: true,
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
    async journeyCounts({
      hubId,
      contactId,
      from,
      to,
    }: JourneySpan): Promise<Partial<Record<InteractionType, number>>> {
      const rows = await ch.readRows<{ type: InteractionType; n: string | number }>({
        query: `SELECT type, count() AS n FROM (${JOURNEY_IDS}) GROUP BY type`,
        params: { hub: hubId, contact: contactId, from: toClickHouseTime(from), to: toClickHouseTime(to) },
        settings: { max_threads: 1 },
        ahead: true,
      })
      return Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]))
    },
  }
}
