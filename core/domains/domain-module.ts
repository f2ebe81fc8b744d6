import type { SecureContext } from 'node:tls'
import type { CertificateView } from '../../schemas/index.ts'
import type { Principal } from '../admin/principal-service.ts'
import type { StoredPortal } from '../portals/portal-schemas.ts'
import type { SecretBox } from '../secrets/index.ts'
import type { RecordStore } from '../store/record-repository.ts'
import { MANAGE_PORTAL_DENIED_MESSAGE, isTenantAdministrator } from '../tenancy/permissions.ts'
import { DomainError } from '../errors.ts'
import { certificateProblemFor } from './certificate-checks.ts'
import { type CertificateUpload, certificateView, createCertificateService } from './certificate-service.ts'
import { type CnameAnswer, type CnameLookup, createCnameLookup } from './cname-lookup.ts'
import { createCustomDomainService } from './custom-domain-service.ts'
import { type DomainRegistry, type RegistryLog, createDomainRegistry } from './domain-registry.ts'
import type { ChangeFeed } from '../store/change-feed.ts'
import { createDomainStore } from './domain-store.ts'

/** How the domains module is set up; everything but the store, the secret box and portals has a default. */
export interface DomainModuleOptions {
  /** DNS servers for CNAME lookups (`host:port`); the system's when unset. */
  dnsServers?: readonly string[]
  /** The HTTPS listener's port, when there is one (links to custom domains use it). */
  httpsPort?: number
  /** Replaces the DNS lookup (drills); tests use a real DNS server on loopback instead. */
  lookupCname?: CnameLookup
}

/** One custom domain as the portal checker reads it. */
export interface CustomDomainFacts {
  portalId: string
  hostName: string
  /** Where the host name's CNAME must point. */
  cnameTarget: string
  url: string
  certificate: CertificateView
}

/** What a fresh CNAME lookup found for a bound host name. */
export interface CnameCheck {
  ok: boolean
  hostName: string
  expected: string
  answer: CnameAnswer
}

/**
 * Custom domains and certificates: the wizard (per portal, behind the seed's
 * manage permission), the tenant's certificates (for tenant administrators),
 * the in-memory registry Host routing and SNI read, and plain functions the
 * portal checker calls (`bindings`, `checkCname`, `certificateProblem`).
 */
export function createDomainModule(
  deps: {
    db: RecordStore
    box: SecretBox
    getPortal: (id: string) => Promise<StoredPortal>
    portalsDomain: string
    publicUrl: string
    log: RegistryLog
    clock: () => number
    /** Tells every node of binding changes: each reloads what it serves (Host routing, SNI). */
    feed?: ChangeFeed
  } & DomainModuleOptions,
) {
  const store = createDomainStore(deps.db)
  const lookupCname = deps.lookupCname ?? createCnameLookup({ servers: deps.dnsServers })
  const registry = createDomainRegistry({
    store,
    box: deps.box,
    log: deps.log,
    subdomainOf: async (portalId) => {
      try {
        return (await deps.getPortal(portalId)).subdomain
      } catch {
        return null
      }
    },
  })
  // A binding changed on another node: serve what is bound now.
  deps.feed?.subscribe('domains', () => {
    registry.reload().catch((err: unknown) => deps.log.error({ err }, 'custom domains could not be reloaded'))
  })
  // A binding changed here: reload, and tell every other node.
  const announcing: DomainRegistry = {
    ...registry,
    async reload() {
      await registry.reload()
      await deps.feed?.publish('domains', '*')
    },
  }
  const certificates = createCertificateService({ store, box: deps.box, clock: deps.clock })
  const wizard = createCustomDomainService({
    store,
    registry: announcing,
    lookupCname,
    getPortal: deps.getPortal,
    portalsDomain: deps.portalsDomain,
    publicUrl: deps.publicUrl,
    httpsPort: deps.httpsPort,
    clock: deps.clock,
  })
  const tenantAdmin = (actor: Principal) => {
    if (!isTenantAdministrator(actor))
      throw new DomainError('forbidden', 'portal_manage_forbidden', MANAGE_PORTAL_DENIED_MESSAGE)
  }

  /** Every custom domain binding, for the portal checker. */
  async function bindings(): Promise<CustomDomainFacts[]> {
    const out: CustomDomainFacts[] = []
    for (const h of await store.bound()) {
      try {
        const portal = await deps.getPortal(h.portalId!)
        const cert = await store.getCertificate(h.certificateId!)
        out.push({
          portalId: portal.id,
          hostName: h.hostName,
          cnameTarget: wizard.cnameTargetOf(portal),
          url: wizard.urlOf(h.hostName),
          certificate: certificateView(cert, [h.hostName]),
        })
      } catch {
        // A binding whose portal or certificate is gone is not served either; the checker skips it.
      }
    }
    return out
  }

  return {
    ...wizard,
    bindings,

    /** The tenant's certificates, for a portal's wizard ("Use an existing certificate"). */
    async certificatesFor(actor: Principal, portalId: string): Promise<CertificateView[]> {
      await wizard.managed(actor, portalId)
      return certificates.list()
    },
    /** "Upload a new certificate" from a portal's wizard: the file goes to the tenant. */
    async uploadCertificate(
      actor: Principal,
      portalId: string,
      upload: CertificateUpload,
    ): Promise<CertificateView> {
      await wizard.managed(actor, portalId)
      return certificates.upload(actor, upload)
    },

    /** Tenant-wide certificate administration (Global and Service Administrators). */
    tenant: {
      async certificates(actor: Principal): Promise<CertificateView[]> {
        tenantAdmin(actor)
        return certificates.list()
      },
      async certificate(actor: Principal, id: string): Promise<CertificateView> {
        tenantAdmin(actor)
        return certificates.get(id)
      },
      async removeCertificate(actor: Principal, id: string): Promise<void> {
        tenantAdmin(actor)
        await certificates.remove(id)
      },
      async removeHostName(actor: Principal, hostName: string): Promise<void> {
        tenantAdmin(actor)
        await wizard.removeHostName(hostName)
      },
    },

    /** Seals certificates' private keys again with the current secret key (see `CASETRAIL_SECRET_KEY_PREVIOUS`). */
    resealCertificates: () => certificates.reseal(),
    /** Loads the served domains (on open) and after every binding change. */
    reload: () => registry.reload(),
    /** The portal a custom host name serves (lower-case, without a port), for Host routing. */
    portalOfHost(hostName: string): { portalId: string; subdomain: string } | null {
      const served = registry.lookup(hostName)
      return served ? { portalId: served.portalId, subdomain: served.subdomain } : null
    },
    /** The TLS context for an SNI name, or null (the handshake is then refused). */
    secureContextFor: (serverName: string): SecureContext | null =>
      registry.lookup(serverName)?.context ?? null,
    /** The custom host names served right now. */
    hosts: registry.hosts,
    /** The custom domain a portal is served at right now (host name and link), or null: for the portal lists. */
    customDomainOf(portalId: string): { hostName: string; url: string } | null {
      const hostName = registry.hosts().find((h) => registry.lookup(h)?.portalId === portalId)
      return hostName ? { hostName, url: wizard.urlOf(hostName) } : null
    },
    /** Hears every reload of the served domains. */
    onChange: registry.onChange,

    /** A portal's binding facts, or null when it has no custom domain. */
    async bindingFactsOf(portalId: string): Promise<CustomDomainFacts | null> {
      return (await bindings()).find((b) => b.portalId === portalId) ?? null
    },
    /** Looks the host name's CNAME up afresh and says whether it still points at `expected`. */
    async checkCname(hostName: string, expected: string): Promise<CnameCheck> {
      const answer = await lookupCname(hostName)
      return { ok: answer.kind === 'found' && answer.targets.includes(expected), hostName, expected, answer }
    },
    /** Whether a certificate covers a host and is valid at `now` (null) or what is wrong, as a value. */
    certificateProblem: certificateProblemFor,
  }
}

/** The domains module, as `openCore` exposes it. */
export type DomainModule = ReturnType<typeof createDomainModule>
