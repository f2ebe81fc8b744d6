import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { Profile } from '../../schemas/index.ts'
import { DomainError } from '../errors.ts'
import type { ProfileRepository } from '../profiles/profile-repository.ts'
import type { CaseCursor, CaseRepository } from '../store/case-repository.ts'
import type { ContactPageCursor } from '../store/contact-rows.ts'
import type { InteractionRepository } from '../store/interaction-repository.ts'
import { type AuditEntry, type AuditLog, auditScope } from '../store/audit-log.ts'
import type { ChangeFeed } from '../store/change-feed.ts'
import { type RecordStore, createRecordRepository } from '../store/record-repository.ts'
import { toQuarantineView } from '../hubs/quarantine-view.ts'
import type { PortalIdentityErasure } from '../sites/portal-identity-erasure.ts'
import { type ErasureTombstones, erasureSubject } from './erasure-tombstones.ts'

/** Rows read per page while exporting: the export never holds a contact's whole history. */
export const EXPORT_PAGE_ROWS = 500

const countsSchema = z.object({
  interactions: z.number().int(),
  cases: z.number().int(),
  profiles: z.number().int(),
  quarantine: z.number().int(),
})

/** What one contact's data counts, by kind. */
export type ContactCounts = z.infer<typeof countsSchema>

/** An erasure as stored (control plane, `cp_settings` under `erasure/{hubId}/{erasureId}`): never the contact id. */
export const erasureRecordSchema = z.object({
  erasureId: z.string(),
  hubId: z.string(),
  /** `sha256(hubId + ":" + contactId)` in hex. */
  subject: z.string(),
  requestedAt: z.string(),
  requestedBy: z.object({ id: z.string(), name: z.string() }),
  state: z.enum(['running', 'done', 'failed']),
  /** What was removed; `portalRecords`: the portal identity records (absent in erasures stored before: 0). */
  counts: countsSchema.extend({ portalRecords: z.number().int().default(0) }),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
})

/** A stored erasure. */
export type ErasureRecord = z.infer<typeof erasureRecordSchema>

const ZERO: ErasureRecord['counts'] = {
  interactions: 0,
  cases: 0,
  profiles: 0,
  quarantine: 0,
  portalRecords: 0,
}

/** Who asks for an erasure. */
export interface ErasureActor {
  id: string
  name: string
}

/** Logging of the erasure jobs (ids and hashes only; never a contact id). */
export interface ContactRightsLog {
  info(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

/**
 * A contact's data rights: export everything kept about them, and erase it.
 *
 * @example
 * const rights = createContactRights({ db, repository, cases, profiles, tombstones, log })
 * await rights.load()                         // before the flusher starts: tombstones first
 * for await (const line of rights.exportLines(hubId, contactId)) res.write(line)
 * const { erasureId } = await rights.erase(hubId, contactId, { id, name })
 */
export function createContactRights(deps: {
  db: RecordStore
  repository: Pick<
    InteractionRepository,
    'contactPage' | 'quarantineNaming' | 'contactCounts' | 'eraseContact' | 'eraseSubject'
  >
  cases: Pick<CaseRepository, 'list' | 'countForContact' | 'eraseContact' | 'eraseSubject'>
  profiles: Pick<ProfileRepository, 'get' | 'delete' | 'page'>
  tombstones: ErasureTombstones
  log: ContactRightsLog
  clock?: () => number
  /**
   * The control plane's change feed: an erasure taken here is published, and
   * one taken on another node adds its tombstone here (within about a second).
   */
  feed?: Pick<ChangeFeed, 'publish' | 'subscribe'>
  /** Rows per page of an export (default {@link EXPORT_PAGE_ROWS}; tests page with fewer). */
  pageRows?: number
  /** The audit log: the entries about a contact (journey reads a hub logs) are part of their export. */
  audit?: Pick<AuditLog, 'list'>
  /** The contact's portal accounts, sessions, links and OpenID identities on the hub's portals, erased with the rest. */
  portalIdentities?: Pick<PortalIdentityErasure, 'eraseContact'>
}) {
  const { repository, cases, profiles, tombstones, log } = deps
  const pageRows = deps.pageRows ?? EXPORT_PAGE_ROWS
  const clock = deps.clock ?? Date.now
  const erasures = createRecordRepository(deps.db, 'cp_settings', erasureRecordSchema)
  const keyOf = (hubId: string, erasureId: string) => `erasure/${hubId}/${erasureId}`
  const running = new Set<Promise<void>>()
  const remember = (value: ErasureRecord) =>
    tombstones.add({ hubId: value.hubId, subject: value.subject, before: Date.parse(value.requestedAt) })
  const loadAll = async (): Promise<number> => {
    const all = await erasures.list('erasure/')
    for (const { value } of all) remember(value)
    return all.length
  }
  // Erasures other nodes take: their tombstones apply to this node's flusher too.
  deps.feed?.subscribe('erasures', (change) => {
    const heard = 'key' in change ? erasures.get(change.key).then((r) => r && remember(r)) : loadAll()
    heard.catch((err: unknown) => log.error({ err }, 'could not read an erasure another node took'))
  })
  const track = (job: Promise<void>) => {
    running.add(job)
    void job.finally(() => running.delete(job))
  }

  /**
   * The audit entries about the contact in this hub, oldest first: journey reads
   * (`getJourney`, target the contact) by a token of this hub, from `since` on.
   */
  const auditAbout = async (
    hubId: string,
    contactId: string,
    since: string | null,
  ): Promise<AuditEntry[]> => {
    if (!deps.audit) return []
    const hubResource = `/v1/hubs/${hubId}`
    const ofHub = (e: AuditEntry) => {
      const at = e.actor.id.indexOf(hubResource)
      return at >= 0 && [undefined, '/'].includes(e.actor.id[at + hubResource.length])
    }
    const out: AuditEntry[] = []
    for (let before: number | undefined; ; ) {
      const page = await deps.audit.list({ targetType: 'contact', targetId: contactId, limit: 500, before })
      out.push(...page.entries.filter((e) => ofHub(e) && (since === null || e.at >= since)))
      if (page.nextBefore === null) break
      before = page.nextBefore
    }
    return out.reverse()
  }

  const erasureOf = async (hubId: string, subject: string): Promise<ErasureRecord | null> => {
    const found = (await erasures.list(`erasure/${hubId}/`)).map((r) => r.value)
    return (
      found
        .filter((e) => e.subject === subject)
        .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))[0] ?? null
    )
  }

  /** The contact's id from the hub's profiles by the erasure's subject, paging through them (a resumed erasure). */
  const profileIdOf = async (hubId: string, subject: string): Promise<string | null> => {
    let after: string | null = null
    for (;;) {
      const page = await profiles.page(hubId, after, 1000)
      const found = page.find((p) => erasureSubject(hubId, p.crmrecordid) === subject)
      if (found) return found.crmrecordid
      if (page.length < 1000) return null
      after = page.at(-1)!.crmrecordid
    }
  }

  /** Deletes what the erasure covers: by the contact id when known, else (resumed after a crash) by its hash. */
  const deleteAll = async (
    record: ErasureRecord,
    contactId: string | null,
  ): Promise<ErasureRecord['counts']> => {
    const before = Date.parse(record.requestedAt)
    // Their sign-in first: a session still open could otherwise keep sending for them.
    const portalRecords =
      (await deps.portalIdentities?.eraseContact(record.hubId, (id) =>
        contactId === null
          ? erasureSubject(record.hubId, id) === record.subject
          : id.toLowerCase() === contactId,
      )) ?? 0
    if (contactId === null) {
      const interactions = await repository.eraseSubject(record.hubId, record.subject, before)
      const caseCount = await cases.eraseSubject(record.hubId, record.subject)
      const profileId = await profileIdOf(record.hubId, record.subject)
      if (profileId !== null) await profiles.delete(record.hubId, profileId)
      return {
        interactions,
        cases: caseCount,
        profiles: profileId === null ? 0 : 1,
        quarantine: 0,
        portalRecords,
      }
    }
    const events = await repository.eraseContact(record.hubId, contactId, before)
    const caseCount = await cases.eraseContact(record.hubId, contactId)
    const profile = await profiles.get(record.hubId, contactId)
    if (profile) await profiles.delete(record.hubId, contactId)
    return {
      interactions: events.interactions,
      cases: caseCount,
      profiles: profile ? 1 : 0,
      quarantine: events.quarantine,
      portalRecords,
    }
  }

  const run = async (record: ErasureRecord, contactId: string | null): Promise<void> => {
    const key = keyOf(record.hubId, record.erasureId)
    try {
      // Inserts that passed the filter before the tombstone may still be on their way in:
      // their rows must be in the table before the DELETE, or they would outlive it.
      await tombstones.drained()
      const done: ErasureRecord = {
        ...record,
        state: 'done',
        counts: await deleteAll(record, contactId),
        finishedAt: new Date(clock()).toISOString(),
      }
      await erasures.put(key, done)
      log.info({ erasureId: record.erasureId, hubId: record.hubId, counts: done.counts }, 'erasure done')
    } catch (err) {
      log.error({ err, erasureId: record.erasureId, hubId: record.hubId }, 'erasure failed')
      await erasures
        .put(key, {
          ...record,
          state: 'failed',
          finishedAt: new Date(clock()).toISOString(),
          error: err instanceof Error ? err.message : String(err),
        })
        .catch(() => undefined)
    }
  }

  return {
    /**
     * Reads every stored erasure into the tombstones: call before the
     * write-ahead log is replayed, so a replay cannot bring an erased row back.
     */
    load: loadAll,

    /**
     * Carries on the erasures a previous process left `running` (killed
     * mid-job), in the background: by the subject's hash, as the id was
     * never stored. The quarantine is not reached that way (docs/data-rights.md).
     */
    resume(): number {
      void erasures.list('erasure/').then(
        (all) => {
          for (const { value } of all) {
            if (value.state !== 'running') continue
            log.info({ erasureId: value.erasureId, hubId: value.hubId }, 'resuming an interrupted erasure')
            track(run(value, null))
          }
        },
        (err: unknown) => log.error({ err }, 'could not read the erasures to resume'),
      )
      return running.size
    },

    /**
     * The contact's export as NDJSON lines (each ending in a newline): a
     * first `export` line with the counts, then interactions, cases, the
     * profile and the quarantined items naming them, read page by page.
     */
    async *exportLines(hubId: string, contactId: string): AsyncGenerator<string> {
      const contact = contactId.toLowerCase()
      const erasure = await erasureOf(hubId, erasureSubject(hubId, contact))
      const erasedAt = erasure?.state === 'done' ? erasure.requestedAt : null
      const events = await repository.contactCounts(hubId, contact)
      const profile: Profile | null = await profiles.get(hubId, contact)
      // Entries stay in the append-only log after an erasure; those before it are not exported.
      const audit = await auditAbout(hubId, contact, erasedAt)
      const counts: ContactCounts & { audit: number } = {
        interactions: events.interactions,
        cases: await cases.countForContact(hubId, contact),
        profiles: profile ? 1 : 0,
        quarantine: events.quarantine,
        audit: audit.length,
      }
      yield line({
        kind: 'export',
        hubId,
        contactId: contact,
        at: new Date(clock()).toISOString(),
        counts,
        ...(erasedAt ? { erasedAt } : {}),
      })
      let after: ContactPageCursor | undefined
      for (;;) {
        const page = await repository.contactPage(hubId, contact, pageRows, after)
        for (const row of page) yield line({ kind: 'interaction', ...row.interaction })
        if (page.length < pageRows) break
        after = page.at(-1)!.cursor
      }
      let caseAfter: CaseCursor | undefined
      for (;;) {
        const page = await cases.list({
          hubId,
          contactId: contact,
          limit: pageRows,
          after: caseAfter,
        })
        for (const c of page) yield line({ kind: 'case', ...c })
        if (page.length < pageRows) break
        const last = page.at(-1)!
        caseAfter = { createdAt: Date.parse(last.createdAt), caseId: last.caseId }
      }
      if (profile) yield line({ kind: 'profile', ...profile })
      let quarantineAfter: { at: number; id: string } | undefined
      for (;;) {
        const page = await repository.quarantineNaming(hubId, contact, pageRows, quarantineAfter)
        for (const q of page) yield line({ kind: 'quarantine', ...toQuarantineView(q) })
        if (page.length < pageRows) break
        const last = page.at(-1)!
        quarantineAfter = { at: last.receivedAt, id: last.id }
      }
      for (const entry of audit) yield line({ kind: 'audit', ...entry })
    },

    /**
     * Starts erasing a contact: records the erasure (hash, who, when) and its
     * tombstone first, then deletes in the background. Answers at once.
     */
    async erase(hubId: string, contactId: string, actor: ErasureActor): Promise<{ erasureId: string }> {
      const contact = contactId.toLowerCase()
      const record: ErasureRecord = {
        erasureId: randomUUID(),
        hubId,
        subject: erasureSubject(hubId, contact),
        requestedAt: new Date(clock()).toISOString(),
        requestedBy: actor,
        state: 'running',
        counts: ZERO,
        finishedAt: null,
        error: null,
      }
      // Stored before anything is deleted: a crash after this point still has the tombstone at the next start.
      await erasures.put(keyOf(hubId, record.erasureId), record)
      remember(record)
      await deps.feed?.publish('erasures', keyOf(hubId, record.erasureId))
      // The job's writes (the profile it deletes: the contact's id, name and address) run
      // outside the request's audit scope: the append-only audit log must not keep them.
      track(auditScope.exit(() => run(record, contact)))
      return { erasureId: record.erasureId }
    },

    /** One erasure of a hub, as its status route shows it. */
    async get(hubId: string, erasureId: string) {
      const record = await erasures.get(keyOf(hubId, erasureId))
      if (!record)
        throw new DomainError(
          'not_found',
          'erasure_not_found',
          `no erasure ${erasureId} in hub ${hubId}`,
          'erasureId',
        )
      return {
        erasureId: record.erasureId,
        hubId: record.hubId,
        subject: record.subject,
        state: record.state,
        counts: record.counts,
        requestedAt: record.requestedAt,
        requestedBy: record.requestedBy,
        finishedAt: record.finishedAt,
      }
    },

    /** Resolves once every erasure job started here has ended. */
    async settled(): Promise<void> {
      await Promise.allSettled([...running])
    },
  }
}

const line = (value: unknown): string => `${JSON.stringify(value)}\n`

/** The contact rights' interface. */
export type ContactRights = ReturnType<typeof createContactRights>
