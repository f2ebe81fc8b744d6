import type { CaseDetails, CaseSource, CaseView, JourneyCase } from '../../schemas/index.ts'
import type { ClickHouseHandle } from './clickhouse-client.ts'
import { removeHubRowsOlderThan, setHubRetention } from './hub-rows.ts'
import type { ReadParam } from './sql-literal.ts'
import { toClickHouseTime } from './clickhouse-time.ts'
import { SUBJECT_SQL } from './contact-rows.ts'

/** A case on its way to the `cases` table. Times are epoch milliseconds. */
export interface CaseRecord {
  hubId: string
  caseId: string
  caseNumber: string | null
  contactId: string
  portalId: string | null
  createdAt: number
  title: string | null
  status: string | null
  category: string | null
  description: string | null
  source: CaseSource
  reportedAt: number
  /** Days the hub keeps it (the row's TTL); absent: the column's default, 395. */
  retentionDays?: number
}

/** What a stored case may not change on a repeat: its contact and creation time. */
export interface CaseIdentity {
  contactId: string
  createdAt: number
}

/** A position in the newest-first case list: the last case of a page. */
export interface CaseCursor {
  createdAt: number
  caseId: string
}

/** Filters of the case list. */
export interface CaseListFilter {
  hubId: string
  portalId?: string
  contactId?: string
  status?: string
  limit: number
  after?: CaseCursor
}

/** Reads and writes of the `cases` table. The only SQL for it. */
export interface CaseRepository {
  insert(records: readonly CaseRecord[]): Promise<void>
  /** The contact and creation time of those of `caseIds` a hub already holds. */
  identities(hubId: string, caseIds: readonly string[]): Promise<Map<string, CaseIdentity>>
  /** A contact's cases with `from <= createdAt < to`, oldest first, latest report of each. */
  forContact(query: { hubId: string; contactId: string; from: number; to: number }): Promise<JourneyCase[]>
  /** A hub's cases, newest first (ties by case id, descending), latest report of each. */
  list(filter: CaseListFilter): Promise<CaseView[]>
  /** One case of a hub, with its description, or null. */
  get(hubId: string, caseId: string): Promise<(CaseView & Pick<CaseDetails, 'description'>) | null>
  /** How many cases the contact has (each case id once). */
  countForContact(hubId: string, contactId: string): Promise<number>
  /**
   * Deletes every row of the contact's cases (lightweight DELETE through the
   * table DDL) and returns how many cases there were.
   */
  eraseContact(hubId: string, contactId: string): Promise<number>
  /** {@link eraseContact} by the erasure's subject, when the contact id is not known (a resumed erasure). */
  eraseSubject(hubId: string, subject: string): Promise<number>
  /** Deletes the hub's case rows created before `cutoff` (ms): a retention applied now. Returns the rows counted just before. */
  removeOlderThan(hubId: string, cutoff: number): Promise<number>
  /**
   * Sets the retention (days) of the hub's stored case rows, which their TTL
   * reads: one `ALTER … UPDATE` (a mutation, on every shard in a cluster) that
   * rewrites that column of the parts holding the hub's rows. Queued, or with
   * `wait` finished, when it resolves.
   */
  setRetention(hubId: string, days: number, options: { wait: boolean }): Promise<void>
}

/** The row a case becomes in the `cases` table. */
export function toCaseRow(r: CaseRecord) {
  return {
    hub_id: r.hubId,
    contact_id: r.contactId.toLowerCase(),
    created_at: toClickHouseTime(r.createdAt),
    case_id: r.caseId.toLowerCase(),
    case_number: r.caseNumber,
    portal_id: r.portalId?.toLowerCase() ?? null,
    title: r.title,
    status: r.status,
    category: r.category,
    description: r.description,
    ...(r.retentionDays === undefined ? {} : { retention_days: r.retentionDays }),
    source: r.source,
    reported_at: toClickHouseTime(r.reportedAt),
  }
}

interface CaseRow {
  hub_id: string
  case_id: string
  case_number: string | null
  contact_id: string
  portal_id: string | null
  title: string | null
  status: string | null
  category: string | null
  description: string | null
  source: string
  created_ms: string | number
  reported_ms: string | number
}

type JourneyCaseRow = Pick<
  CaseRow,
  'case_id' | 'case_number' | 'title' | 'status' | 'portal_id' | 'created_ms'
>

const iso = (ms: string | number) => new Date(Number(ms)).toISOString()

const toView = (r: CaseRow): CaseView => ({
  caseId: r.case_id,
  caseNumber: r.case_number,
  hubId: r.hub_id,
  contactId: r.contact_id,
  portalId: r.portal_id,
  title: r.title,
  status: r.status,
  category: r.category,
  source: r.source === 'portal' ? 'portal' : 'crm',
  createdAt: iso(r.created_ms),
  reportedAt: iso(r.reported_ms),
})

const COLUMNS = `hub_id, case_id, case_number, contact_id, portal_id, title, status, category, description, source,
  toUnixTimestamp64Milli(created_at) AS created_ms, toUnixTimestamp64Milli(reported_at) AS reported_ms`

/** The case repository over an open ClickHouse handle. */
export function createCaseRepository(ch: ClickHouseHandle): CaseRepository {
  // Reads go to the read pool (journeys list the contact's cases).
  const select = (query: string, params: Record<string, ReadParam>): Promise<CaseRow[]> =>
    ch.readRows<CaseRow>({ query, params })
  const countCases = async (hubId: string, contactId: string): Promise<number> => {
    const [row] = await ch.readRows<{ n: string | number }>({
      query:
        'SELECT uniqExact(case_id) AS n FROM cases WHERE hub_id = {hub:String} AND contact_id = {contact:UUID}',
      params: { hub: hubId, contact: contactId.toLowerCase() },
    })
    return Number(row?.n ?? 0)
  }
  return {
    async insert(records) {
      if (records.length === 0) return
      await ch.client.insert({ table: 'cases', values: records.map(toCaseRow), format: 'JSONEachRow' })
    },
    async identities(hubId, caseIds) {
      const out = new Map<string, CaseIdentity>()
      if (caseIds.length === 0) return out
      const rs = await ch.client.query({
        query: `SELECT case_id, any(contact_id) AS contact_id, toUnixTimestamp64Milli(any(created_at)) AS created_ms
          FROM cases WHERE hub_id = {hub:String} AND case_id IN {ids:Array(UUID)} GROUP BY case_id`,
        query_params: { hub: hubId, ids: caseIds.map((id) => id.toLowerCase()) },
        format: 'JSONEachRow',
      })
      for (const r of await rs.json<{ case_id: string; contact_id: string; created_ms: string }>()) {
        out.set(r.case_id, { contactId: r.contact_id, createdAt: Number(r.created_ms) })
      }
      return out
    },
    async forContact({ hubId, contactId, from, to }) {
      // Only what a journey shows (no description: the widest column, compressed), and on one
      // thread like the journey's interaction read: a contact's window is a few granules.
      const rows = await ch.readRows<JourneyCaseRow>({
        query: `SELECT case_id, case_number, title, status, portal_id,
            toUnixTimestamp64Milli(created_at) AS created_ms
          FROM cases
          WHERE hub_id = {hub:String} AND contact_id = {contact:UUID}
            AND created_at >= {from:DateTime64(3, 'UTC')} AND created_at < {to:DateTime64(3, 'UTC')}
          ORDER BY created_at, case_id, reported_at DESC
          LIMIT 1 BY case_id`,
        params: { hub: hubId, contact: contactId, from: toClickHouseTime(from), to: toClickHouseTime(to) },
        settings: { max_threads: 1 },
        ahead: true,
      })
      return rows.map((r) => ({
        caseId: r.case_id,
        caseNumber: r.case_number,
        title: r.title,
        status: r.status,
        createdAt: iso(r.created_ms),
        portalId: r.portal_id,
      }))
    },
    async list(filter) {
      const where = ['hub_id = {hub:String}']
      const params: Record<string, ReadParam> = { hub: filter.hubId, limit: filter.limit }
      if (filter.contactId) {
        where.push('contact_id = {contact:UUID}')
        params.contact = filter.contactId.toLowerCase()
      }
      if (filter.portalId) {
        where.push('portal_id = {portal:UUID}')
        params.portal = filter.portalId.toLowerCase()
      }
      if (filter.after) {
        // Contact and creation time never change, so the cursor can prune before the fold.
        where.push(
          "(created_at < {afterAt:DateTime64(3, 'UTC')} OR (created_at = {afterAt:DateTime64(3, 'UTC')} AND case_id < {afterId:UUID}))",
        )
        params.afterAt = toClickHouseTime(filter.after.createdAt)
        params.afterId = filter.after.caseId
      }
      // Status can change with a repeat report, so it filters the latest row of each case.
      const status = filter.status === undefined ? '' : 'WHERE status = {status:String}'
      if (filter.status !== undefined) params.status = filter.status
      const rows = await select(
        `SELECT * FROM (
          SELECT ${COLUMNS}, created_at AS c, case_id AS id FROM cases WHERE ${where.join(' AND ')}
          ORDER BY reported_at DESC LIMIT 1 BY case_id
        ) ${status}
        ORDER BY c DESC, id DESC LIMIT {limit:UInt32}`,
        params,
      )
      return rows.map(toView)
    },
    countForContact: (hubId, contactId) => countCases(hubId, contactId),
    async eraseContact(hubId, contactId) {
      const params = { hub: hubId, contact: contactId.toLowerCase() }
      const n = await countCases(hubId, contactId)
      await ch.client.command({
        query: ch.ddl.deleteWhere('cases', 'hub_id = {hub:String} AND contact_id = {contact:UUID}'),
        query_params: params,
      })
      return n
    },
    async eraseSubject(hubId, subject) {
      const params = { hub: hubId, subject }
      const where = `hub_id = {hub:String} AND ${SUBJECT_SQL} = {subject:String}`
      const [row] = await ch.readRows<{ n: string | number }>({
        query: `SELECT uniqExact(case_id) AS n FROM cases WHERE ${where}`,
        params,
      })
      await ch.client.command({ query: ch.ddl.deleteWhere('cases', where), query_params: params })
      return Number(row?.n ?? 0)
    },
    setRetention: (hubId, days, options) => setHubRetention(ch, 'cases', hubId, days, options),
    removeOlderThan: (hubId, cutoff) =>
      removeHubRowsOlderThan(ch, 'cases', 'created_at', hubId, toClickHouseTime(cutoff)),
    async get(hubId, caseId) {
      const [row] = await select(
        `SELECT ${COLUMNS} FROM cases WHERE hub_id = {hub:String} AND case_id = {id:UUID}
          ORDER BY reported_at DESC LIMIT 1`,
        { hub: hubId, id: caseId.toLowerCase() },
      )
      return row ? { ...toView(row), description: row.description } : null
    },
  }
}
