import { z } from 'zod'
import { type RecordStore, createRecordRepository } from '../store/record-repository.ts'
import { oidcIdentitySchema } from './oidc-records.ts'
import { portalAccountSchema } from './portal-accounts.ts'
import { portalLinkSchema } from './portal-links.ts'
import { outboxMessageSchema } from './portal-mail.ts'
import { portalSessionSchema } from './portal-sessions.ts'

/** What the erasure reads of a portal: which hub it sends to (its other fields, secrets included, unread). */
const portalHubSchema = z.object({
  id: z.string(),
  instanceId: z.string(),
  hubBinding: z.object({ hubId: z.string() }).nullable(),
})

/**
 * A contact's portal identity, erased with their data in a hub: on every
 * portal bound to that hub, their local accounts, OpenID links (identity and
 * consent), live sessions (signed out at once, on every node: pages read the
 * session from the store), their unused invitation, confirmation and reset
 * links, and the outbox's messages to their addresses. The records live in
 * the control plane's settings table (`portal-account/…`, `portal-oidc-identity/…`,
 * `portal-session/…`, `portal-link/…`, `portal-outbox/…`).
 *
 * @example
 * const erasure = createPortalIdentityErasure(db)
 * await erasure.eraseContact(hubId, (id) => id === contactId) // how many records it removed
 */
export function createPortalIdentityErasure(db: RecordStore) {
  const settings = <S extends z.ZodType>(schema: S) => createRecordRepository(db, 'cp_settings', schema)
  const portals = createRecordRepository(db, 'cp_portals', portalHubSchema)
  const accounts = settings(portalAccountSchema)
  const identities = settings(oidcIdentitySchema)
  const sessions = settings(portalSessionSchema)
  const links = settings(portalLinkSchema)
  const outbox = settings(outboxMessageSchema)
  return {
    /**
     * Removes the portal identity records of the contact `matches` accepts
     * (by id, or by the erasure's hash when the id is not known) on the
     * portals bound to `hubId`; returns how many records it removed.
     */
    async eraseContact(hubId: string, matches: (contactId: string) => boolean): Promise<number> {
      const bound = (await portals.list()).map((r) => r.value).filter((p) => p.hubBinding?.hubId === hubId)
      if (bound.length === 0) return 0
      const portalIds = new Set(bound.map((p) => p.id))
      const doomed: string[] = []
      const addresses = new Set<string>()
      for (const portal of bound) {
        for (const { key, value } of await accounts.list(`portal-account/${portal.id}/`)) {
          if (value.contactId === null || !matches(value.contactId)) continue
          doomed.push(key)
          addresses.add(value.email)
        }
        for (const { key, value } of await identities.list(`portal-oidc-identity/${portal.id}/`)) {
          if (!matches(value.contactId)) continue
          doomed.push(key)
          if (value.email) addresses.add(value.email.toLowerCase())
        }
      }
      for (const instanceId of new Set(bound.map((p) => p.instanceId)))
        for (const { key, value } of await sessions.list(`portal-session/${instanceId}/`))
          if (portalIds.has(value.portalId) && matches(value.contactId)) doomed.push(key)
      // Invitations name the contact; confirmation and reset links their account's address.
      const portalLinks = (await links.list('portal-link/')).filter((r) => portalIds.has(r.value.portalId))
      const invited = (l: (typeof portalLinks)[number]['value']) =>
        l.contactId !== null && matches(l.contactId)
      for (const { value } of portalLinks) if (invited(value) && value.email) addresses.add(value.email)
      for (const { key, value } of portalLinks)
        if (invited(value) || (value.email !== null && addresses.has(value.email))) doomed.push(key)
      for (const portal of bound)
        for (const { key, value } of await outbox.list(`portal-outbox/${portal.id}/`))
          if (addresses.has(value.to.toLowerCase())) doomed.push(key)
      // One table, deleted by key (whichever repository of it does the delete).
      for (const key of doomed) await accounts.delete(key)
      return doomed.length
    },
  }
}

/** The portal identity erasure's interface. */
export type PortalIdentityErasure = ReturnType<typeof createPortalIdentityErasure>
