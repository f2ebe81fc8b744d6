import { DEFAULT_RETENTION_DAYS } from '../../schemas/index.ts'
import type { CaseRecord, CaseRepository } from '../store/case-repository.ts'
import type { EncodedRows, InteractionRepository } from '../store/interaction-repository.ts'
import { rowHead } from './erasure-tombstones.ts'

const encoder = new TextEncoder()

/**
 * Each hub's retention, stamped on its rows on their way into ClickHouse:
 * the `retention_days` column their TTL reads (`toDateTime(ts) +
 * toIntervalDay(retention_days)`). Only hubs whose retention is not the
 * column's default (395) are stamped, so with none set a flush costs nothing
 * more; a row of a hub that set one gets `"retention_days":N` added to its
 * encoded line at flush. Rows still in the write-ahead log when a hub's
 * retention changes get the new one.
 *
 * @example
 * const stamps = createRetentionStamps()
 * stamps.set(hub.id, hub.retentionDays)
 * const flushed = stamps.stamp(repository) // what the flusher inserts through
 */
export function createRetentionStamps() {
  const byHub = new Map<string, number>()
  const suffixes = new Map<number, Uint8Array>()
  const suffixOf = (days: number): Uint8Array => {
    let suffix = suffixes.get(days)
    if (!suffix) {
      suffix = encoder.encode(`,"retention_days":${days}}`)
      suffixes.set(days, suffix)
    }
    return suffix
  }
  /** The line with the hub's retention before its closing brace (a line it cannot read: as it is). */
  const stampLine = (line: Uint8Array): Uint8Array => {
    const head = rowHead(line)
    const days = head ? byHub.get(head.hubId) : undefined
    if (days === undefined) return line
    const end = line.lastIndexOf(0x7d) // '}'
    if (end < 0) return line
    const suffix = suffixOf(days)
    const out = new Uint8Array(end + suffix.length)
    out.set(line.subarray(0, end))
    out.set(suffix, end)
    return out
  }
  return {
    /** Records a hub's retention (its default forgets it: nothing to stamp). */
    set(hubId: string, days: number): void {
      if (days === DEFAULT_RETENTION_DAYS) byHub.delete(hubId)
      else byHub.set(hubId, days)
    },
    /** A hub's retention as stamped. */
    daysOf: (hubId: string): number => byHub.get(hubId) ?? DEFAULT_RETENTION_DAYS,
    /** The repository with every encoded row it inserts stamped with its hub's retention. */
    stamp<R extends Pick<InteractionRepository, 'insertEncodedRows'>>(repository: R): R {
      return {
        ...repository,
        insertEncodedRows(lines: EncodedRows) {
          if (byHub.size === 0) return repository.insertEncodedRows(lines)
          return repository.insertEncodedRows(
            Array.from({ length: lines.length }, (_, i) => stampLine(lines.at(i)!)),
          )
        },
      }
    },
    /** The case repository with every case it inserts stamped with its hub's retention. */
    stampCases<R extends Pick<CaseRepository, 'insert'>>(repository: R): R {
      return {
        ...repository,
        insert(records: readonly CaseRecord[]) {
          if (byHub.size === 0) return repository.insert(records)
          return repository.insert(
            records.map((r) => (byHub.has(r.hubId) ? { ...r, retentionDays: byHub.get(r.hubId) } : r)),
          )
        },
      }
    },
  }
}

/** Each hub's retention, as stamped on its rows. */
export type RetentionStamps = ReturnType<typeof createRetentionStamps>
