import { createHash, randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { RecordRepository } from '../store/record-repository.ts'
import type { Contact } from '../../schemas/index.ts'
import type {
  OidcAccounts,
  OidcIdentity,
  OidcOutcome,
  OidcPending,
  OidcPortal,
  OidcRefusal,
} from './oidc-records.ts'
import { normaliseEmail } from './portal-accounts.ts'

// The provider users a portal knows: which contact each signs in as (linked
// by verified address, or made), the consent recorded with them, and
// forgetting them.

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** The instance's contacts, as an OpenID sign-in links to them or makes one. */
export interface OidcContacts {
  listOf(instanceId: string): Promise<Contact[]>
  find(instanceId: string, id: string): Promise<Contact | null>
  put(instanceId: string, contacts: readonly Contact[]): Promise<void>
}

/** A portal's OpenID identities; see {@link createOidcSignIn}. */
export function createOidcIdentities(deps: {
  identities: RecordRepository<OidcIdentity>
  contacts: OidcContacts
  accounts: (portalId: string) => Promise<OidcAccounts>
  clock: () => number
}) {
  const { clock } = deps
  const identityKey = (portalId: string, providerId: string, subject: string) =>
    `portal-oidc-identity/${portalId}/${providerId}/${sha256(subject)}`

  /** The OIDC identities linked to a contact on these portals (the console's sign-in methods). */
  const identitiesOf = async (portalIds: readonly string[], contactId: string): Promise<OidcIdentity[]> => {
    const out: OidcIdentity[] = []
    for (const id of portalIds)
      for (const r of await deps.identities.list(`portal-oidc-identity/${id}/`))
        if (r.value.contactId === contactId.toLowerCase()) out.push(r.value)
    return out
  }

  return {
    /** Where the identity of a provider's subject on a portal is kept. */
    key: identityKey,

    /** The identity kept under `key` on the portal, when its contact is still there. */
    async known(portal: OidcPortal, key: string): Promise<OidcIdentity | null> {
      const known = await deps.identities.get(key)
      return known && (await deps.contacts.find(portal.instanceId, known.contactId)) ? known : null
    },

    /** Signs the identity's contact in, noting when. */
    async signedIn(identity: OidcIdentity, key: string, next: string): Promise<OidcOutcome> {
      await deps.identities.put(key, { ...identity, lastSignInAt: new Date(clock()).toISOString() })
      return { kind: 'session', contactId: identity.contactId, next }
    },

    /** The contact a consented first sign-in is for: linked by verified address, made, or refused. */
    async contactFor(
      portal: OidcPortal,
      p: OidcPending,
    ): Promise<{ ok: true; contactId: string } | { ok: false; code: OidcRefusal }> {
      if (!p.email) return { ok: false, code: 'email_missing' }
      const email = normaliseEmail(p.email)
      const known = (await deps.contacts.listOf(portal.instanceId)).find(
        (c) => normaliseEmail(c.email) === email,
      )
      // An address the provider has not verified never reaches an existing contact.
      if (known)
        return p.emailVerified
          ? { ok: true, contactId: known.crmrecordid }
          : { ok: false, code: 'email_unverified' }
      if ((await deps.accounts(portal.id)) !== 'create') return { ok: false, code: 'no_contact' }
      const parsed = z.email().safeParse(email)
      if (!parsed.success) return { ok: false, code: 'email_missing' }
      const made: Contact = {
        crmrecordid: randomUUID(),
        name: (p.name?.trim() || email.split('@')[0]!).slice(0, 200),
        email,
      }
      await deps.contacts.put(portal.instanceId, [made])
      return { ok: true, contactId: made.crmrecordid }
    },

    /** The OIDC identities linked to a contact on these portals (the console's sign-in methods). */
    identitiesOf,

    /**
     * Forgets a contact's OpenID identities (and the consents recorded with
     * them) on these portals, for an erasure; returns how many. Their next
     * sign-in is a first one again.
     */
    async forgetContact(portalIds: readonly string[], contactId: string): Promise<number> {
      const found = await identitiesOf(portalIds, contactId)
      for (const i of found) await deps.identities.delete(identityKey(i.portalId, i.providerId, i.subject))
      return found.length
    },

    /** Forgets a removed provider's users on a portal (their next sign-in would need the provider back, and consent again). */
    async forgetProvider(portalId: string, providerId: string): Promise<void> {
      for (const r of await deps.identities.list(`portal-oidc-identity/${portalId}/${providerId}/`))
        await deps.identities.delete(r.key)
    },
  }
}
