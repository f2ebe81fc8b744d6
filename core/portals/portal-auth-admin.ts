import type { Principal } from '../admin/principal-service.ts'
import { DomainError } from '../errors.ts'
import { ACCOUNT_PATHS } from '../sites/account-words.ts'
import type { PortalAuthSettings } from '../sites/portal-accounts.ts'
import type { PortalIdentity } from '../sites/portal-identity.ts'
import type { Outbox, OutboxMessage } from '../sites/portal-mail.ts'
import type { PortalSessions } from '../sites/portal-sessions.ts'
import type { OidcProviderInput, OidcProviderView, OidcProviders } from '../sites/oidc-providers.ts'
import type { OidcSignIn } from '../sites/oidc-sign-in.ts'
import type { Contact } from '../../schemas/index.ts'
import type { StoredPortal } from './portal-schemas.ts'

/**
 * What admins do about portal visitors' sign-in: a portal's authentication
 * settings, its outbox, invitations, and a contact's sign-in methods and
 * "sign out everywhere". Each action needs the right to manage the portal
 * (or, for a contact, to see the instance's contacts).
 */
export function createPortalAuthAdmin(deps: {
  /** The portal, once the actor may manage it (throws the seed's 403/404 otherwise). */
  managed: (actor: Principal, portalId: string) => Promise<StoredPortal>
  urlOf: (subdomain: string) => string
  /** The instance's contacts, once the actor may see them (throws otherwise). */
  contactsOf: (actor: Principal, instanceId: string) => Promise<Contact[]>
  portalsOf: (instanceId: string) => Promise<StoredPortal[]>
  identity: PortalIdentity
  sessions: PortalSessions
  outbox: Outbox
  oidcProviders: OidcProviders
  oidc: OidcSignIn
}) {
  const identityPortal = (p: StoredPortal) => ({
    id: p.id,
    instanceId: p.instanceId,
    siteSecret: p.siteSecret,
    name: p.name,
  })
  const contactOf = async (actor: Principal, instanceId: string, contactId: string) => {
    const contact = (await deps.contactsOf(actor, instanceId)).find(
      (c) => c.crmrecordid.toLowerCase() === contactId.toLowerCase(),
    )
    if (!contact) {
      throw new DomainError(
        'not_found',
        'contact_not_found',
        `instance ${instanceId} has no contact ${JSON.stringify(contactId)}`,
        'contactId',
      )
    }
    return contact
  }
  /** A provider as the admin API shows it, with the portal's own redirect URL. */
  const viewOn = (portal: { subdomain: string }, provider: Parameters<typeof deps.oidcProviders.view>[0]) =>
    deps.oidcProviders.view(provider, deps.urlOf(portal.subdomain))
  return {
    async authentication(actor: Principal, portalId: string): Promise<PortalAuthSettings> {
      return deps.identity.settings((await deps.managed(actor, portalId)).id)
    },
    async setAuthentication(
      actor: Principal,
      portalId: string,
      settings: Parameters<PortalIdentity['setSettings']>[1],
    ): Promise<PortalAuthSettings> {
      return deps.identity.setSettings((await deps.managed(actor, portalId)).id, settings)
    },
    /** The OpenID providers the portal trusts (their secrets shown only as `set`). */
    async oidcProviders(actor: Principal, portalId: string): Promise<{ providers: OidcProviderView[] }> {
      const portal = await deps.managed(actor, portalId)
      return { providers: (await deps.oidcProviders.list(portal.id)).map((p) => viewOn(portal, p)) }
    },
    async oidcProvider(actor: Principal, portalId: string, providerId: string): Promise<OidcProviderView> {
      const portal = await deps.managed(actor, portalId)
      return viewOn(portal, await deps.oidcProviders.require(portal.id, providerId))
    },
    async addOidcProvider(
      actor: Principal,
      portalId: string,
      input: OidcProviderInput,
    ): Promise<OidcProviderView> {
      const portal = await deps.managed(actor, portalId)
      return viewOn(portal, await deps.oidcProviders.add(portal.id, input))
    },
    async updateOidcProvider(
      actor: Principal,
      portalId: string,
      providerId: string,
      change: Partial<OidcProviderInput>,
    ): Promise<OidcProviderView> {
      const portal = await deps.managed(actor, portalId)
      return viewOn(portal, await deps.oidcProviders.update(portal.id, providerId, change))
    },
    /** Removes a provider, and what the portal knew of its users (consents included). */
    async removeOidcProvider(actor: Principal, portalId: string, providerId: string): Promise<void> {
      const portal = await deps.managed(actor, portalId)
      await deps.oidcProviders.remove(portal.id, providerId)
      await deps.oidc.forgetProvider(portal.id, providerId)
    },
    async outbox(actor: Principal, portalId: string): Promise<{ messages: OutboxMessage[] }> {
      return { messages: await deps.outbox.list((await deps.managed(actor, portalId)).id) }
    },
    /** Invites a contact of the portal's instance: a single-use code, mailed (outbox), that expires in 7 days. */
    async invite(
      actor: Principal,
      portalId: string,
      contactId: string,
    ): Promise<{ contactId: string; email: string; expiresAt: string }> {
      const portal = await deps.managed(actor, portalId)
      const contact = await contactOf(actor, portal.instanceId, contactId)
      const url = deps.urlOf(portal.subdomain)
      const { expiresAt } = await deps.identity.invite(
        identityPortal(portal),
        contact,
        (code) => `${url}${ACCOUNT_PATHS.register}?invitation=${encodeURIComponent(code)}`,
      )
      return { contactId: contact.crmrecordid, email: contact.email, expiresAt }
    },
    /** How a contact signs in: accounts on the instance's portals, and live sessions. */
    async signInMethods(actor: Principal, instanceId: string, contactId: string) {
      const contact = await contactOf(actor, instanceId, contactId)
      const portals = await deps.portalsOf(instanceId)
      const accounts = await deps.identity.accountsOf(
        portals.map((p) => p.id),
        contact.crmrecordid,
      )
      const sessions = await deps.sessions.list(instanceId, contact.crmrecordid)
      const identities = await deps.oidc.identitiesOf(
        portals.map((p) => p.id),
        contact.crmrecordid,
      )
      const providerNames = new Map<string, string>()
      for (const i of identities) {
        const p = await deps.oidcProviders.get(i.portalId, i.providerId)
        if (p) providerNames.set(`${i.portalId}/${i.providerId}`, p.name)
      }
      return {
        contactId: contact.crmrecordid,
        accounts: accounts.map((a) => ({
          portalId: a.portalId,
          method: 'password' as const,
          email: a.email,
          confirmed: a.confirmedAt !== null,
          lockedUntil: a.lockedUntil,
          createdAt: a.createdAt,
        })),
        oidc: identities.map((i) => ({
          portalId: i.portalId,
          method: 'oidc' as const,
          providerId: i.providerId,
          providerName: providerNames.get(`${i.portalId}/${i.providerId}`) ?? null,
          email: i.email,
          consentedAt: i.consentedAt,
          lastSignInAt: i.lastSignInAt,
        })),
        sessions: sessions.map((s) => ({
          portalId: s.portalId,
          method: s.method,
          createdAt: s.createdAt,
          expiresAt: s.expiresAt,
        })),
      }
    },
    /** Ends every session of a contact on every portal of the instance. */
    async signOutEverywhere(
      actor: Principal,
      instanceId: string,
      contactId: string,
    ): Promise<{ revoked: number }> {
      const contact = await contactOf(actor, instanceId, contactId)
      return { revoked: await deps.sessions.revokeAll(instanceId, contact.crmrecordid) }
    },
  }
}

/** The portal sign-in admin's interface. */
export type PortalAuthAdmin = ReturnType<typeof createPortalAuthAdmin>
