import { createHash } from 'node:crypto'
import type { CaseRecord, CaseRepository } from '../store/case-repository.ts'
import type { EncodedRows, InteractionRepository } from '../store/interaction-repository.ts'
import { toClickHouseTime } from '../store/clickhouse-time.ts'

/**
 * What an erasure records instead of the contact's id:
 * `sha256(hubId + ":" + contactId)` in hex, the contact id in lower case
 * (portals send UUIDs in either case; the store keeps them in lower case).
 */
export const erasureSubject = (hubId: string, contactId: string): string =>
  createHash('sha256').update(`${hubId}:${contactId.toLowerCase()}`).digest('hex')

/** One erased contact: interactions of theirs dated before `before` (ms) are dropped. */
export interface Tombstone {
  hubId: string
  subject: string
  before: number
}

/** The tombstones of one hub, with the latest line among them (most rows are dated after it). */
interface HubTombstones {
  latest: string
  subjects: Map<string, string>
}

// The head of a row as `encodeInteractionRow` writes it: hub, contact and time come first.
const ROW_HEAD = /^\{"hub_id":("(?:[^"\\]|\\.)*"),"contact_id":"([^"\\]*)","ts":"([^"\\]*)"/
const HEAD_BYTES = 256

/** The hub, contact and time text (`YYYY-MM-DD hh:mm:ss.mmm`) of an encoded row. */
export function rowHead(line: Uint8Array): { hubId: string; contactId: string; ts: string } | null {
  const head = Buffer.from(line.buffer, line.byteOffset, Math.min(line.byteLength, HEAD_BYTES)).toString(
    'utf8',
  )
  const m = ROW_HEAD.exec(head)
  if (m) return { hubId: JSON.parse(m[1]!) as string, contactId: m[2]!, ts: m[3]! }
  try {
    const row = JSON.parse(Buffer.from(line).toString('utf8')) as Record<string, unknown>
    if (typeof row.hub_id === 'string' && typeof row.contact_id === 'string' && typeof row.ts === 'string')
      return { hubId: row.hub_id, contactId: row.contact_id, ts: row.ts }
  } catch {
    // Not a row this filter can read: the store decides (and quarantines it).
  }
  return null
}

/**
 * The erased contacts a node knows of, applied to every row on its way from
 * the write-ahead log into the store: a row of an erased contact dated before
 * the erasure request is dropped there, whenever it arrives (late, retried,
 * or replayed from the log after a crash), since every row passes the
 * flusher. The tombstones hold hashes only ({@link erasureSubject}); a row is
 * hashed only when its hub has an erasure and it is dated before that hub's
 * latest one, so live traffic (dated now) costs a map lookup and a string
 * comparison.
 */
export interface ErasureTombstones {
  add(t: Tombstone): void
  /** Whether the interaction of this contact dated `tsText` (ClickHouse time text) is erased. */
  drops(hubId: string, contactId: string, tsText: string): boolean
  /** The rows to keep of a batch of encoded rows. */
  keep(lines: EncodedRows): EncodedRows
  /** The repository with {@link keep} applied to every insert of encoded rows. */
  guard<R extends Pick<InteractionRepository, 'insertEncodedRows'>>(repository: R): R
  /**
   * The case repository with the erased contacts' cases created before their
   * erasure left out of every insert: a CRM that reports them again (a sync,
   * a retry) does not bring them back.
   */
  guardCases<R extends Pick<CaseRepository, 'insert'>>(repository: R): R
  /** Resolves once every insert that started before the call has settled. */
  drained(): Promise<void>
  /** Rows dropped since start. */
  dropped(): number
}

/** An empty set of tombstones. */
export function createErasureTombstones(): ErasureTombstones {
  const byHub = new Map<string, HubTombstones>()
  const inFlight = new Set<Promise<unknown>>()
  let dropped = 0
  const drops = (hubId: string, contactId: string, tsText: string): boolean => {
    const hub = byHub.get(hubId)
    if (!hub || tsText >= hub.latest) return false
    const before = hub.subjects.get(erasureSubject(hubId, contactId))
    return before !== undefined && tsText < before
  }
  const keep = (lines: EncodedRows): EncodedRows => {
    if (byHub.size === 0) return lines
    const kept: Uint8Array[] = []
    for (let i = 0; i < lines.length; i++) {
      const line = lines.at(i)!
      const head = rowHead(line)
      if (!(head && drops(head.hubId, head.contactId, head.ts))) kept.push(line)
    }
    dropped += lines.length - kept.length
    return kept
  }
  return {
    add({ hubId, subject, before }) {
      const text = toClickHouseTime(before)
      const hub = byHub.get(hubId) ?? { latest: text, subjects: new Map<string, string>() }
      const known = hub.subjects.get(subject)
      if (known === undefined || known < text) hub.subjects.set(subject, text)
      if (hub.latest < text) hub.latest = text
      byHub.set(hubId, hub)
    },
    drops,
    keep,
    guard(repository) {
      return {
        ...repository,
        insertEncodedRows(lines: EncodedRows) {
          const insert = repository.insertEncodedRows(keep(lines))
          inFlight.add(insert)
          const forget = () => inFlight.delete(insert)
          insert.then(forget, forget)
          return insert
        },
      }
    },
    guardCases(repository) {
      return {
        ...repository,
        insert(records: readonly CaseRecord[]) {
          if (byHub.size === 0) return repository.insert(records)
          const kept = records.filter((r) => !drops(r.hubId, r.contactId, toClickHouseTime(r.createdAt)))
          dropped += records.length - kept.length
          return repository.insert(kept)
        },
      }
    },
    async drained() {
      await Promise.allSettled([...inFlight])
    },
    dropped: () => dropped,
  }
}
