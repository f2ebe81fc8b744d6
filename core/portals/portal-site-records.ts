import type { Principal } from '../admin/principal-service.ts'
import { DomainError } from '../errors.ts'
import {
  type SiteRecord,
  type SiteRecordKind,
  SITE_RECORD_KINDS,
  siteRecordSchema,
} from '../../schemas/index.ts'
import type { PortalContext } from './portal-context.ts'

function checkKind(kind: string): SiteRecordKind {
  if (!(SITE_RECORD_KINDS as readonly string[]).includes(kind)) {
    throw new DomainError(
      'not_found',
      'site_record_kind_not_found',
      `no kind of site record named ${JSON.stringify(kind)}; kinds: ${SITE_RECORD_KINDS.join(', ')}`,
      'kind',
    )
  }
  return kind as SiteRecordKind
}

/** An admin's view and edits of a portal site's records (pages, settings, the CSS…). */
export function createPortalSiteRecords({ deps, managed }: PortalContext) {
  return {
    /** The site's records, optionally of one kind. */
    async siteRecords(actor: Principal, id: string, kind?: string): Promise<SiteRecord[]> {
      const portal = await managed(actor, id)
      return deps.sites.list(portal.id, kind === undefined ? undefined : checkKind(kind))
    },

    /** One site record; `site_record_not_found` when there is none. */
    async siteRecord(actor: Principal, id: string, kind: string, recordId: string): Promise<SiteRecord> {
      const portal = await managed(actor, id)
      const k = checkKind(kind)
      const record = await deps.sites.get(portal.id, k, recordId)
      if (!record) {
        throw new DomainError(
          'not_found',
          'site_record_not_found',
          `portal ${portal.name} has no ${k} ${JSON.stringify(recordId)}`,
          'recordId',
        )
      }
      return record
    },

    /** Writes one site record (an admin's edit: a page's publishing state, a setting, the CSS…). */
    async putSiteRecord(
      actor: Principal,
      id: string,
      kind: string,
      recordId: string,
      body: unknown,
    ): Promise<SiteRecord> {
      const portal = await managed(actor, id)
      const k = checkKind(kind)
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new DomainError('invalid', 'invalid_body', 'a site record is a JSON object', 'body')
      }
      const fields = body as Record<string, unknown>
      if (
        (fields.kind !== undefined && fields.kind !== k) ||
        (fields.id !== undefined && fields.id !== recordId)
      ) {
        throw new DomainError(
          'invalid',
          'record_mismatch',
          `the body's kind and id must match the path (${k}/${recordId})`,
          'body',
        )
      }
      const parsed = siteRecordSchema.safeParse({ source: 'admin', ...fields, kind: k, id: recordId })
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!
        const field = issue.path.map(String).join('.') || 'body'
        throw new DomainError('invalid', 'invalid_site_record', `${field}: ${issue.message}`, field)
      }
      await deps.sites.put(portal.id, [parsed.data])
      return parsed.data
    },

    /** Removes one site record. */
    async deleteSiteRecord(actor: Principal, id: string, kind: string, recordId: string): Promise<void> {
      const portal = await managed(actor, id)
      const k = checkKind(kind)
      if (!(await deps.sites.get(portal.id, k, recordId))) {
        throw new DomainError(
          'not_found',
          'site_record_not_found',
          `portal ${portal.name} has no ${k} ${JSON.stringify(recordId)}`,
        )
      }
      await deps.sites.delete(portal.id, k, recordId)
    },
  }
}
