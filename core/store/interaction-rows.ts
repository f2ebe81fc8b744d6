import type { Interaction } from '../../schemas/index.ts'
import { timestampText, toClickHouseTime } from './clickhouse-time.ts'

// The row an accepted interaction becomes in the \`interactions\` table: as an
// object (toInteractionRow) and as the JSONEachRow line the log keeps
// (encodeInteractionRow).

/** An accepted interaction on its way to the store, with its hub and arrival time. */
export interface InteractionRecord {
  hubId: string
  receivedAt: number
  interaction: Interaction
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
