import type {
  CustomDomainCreated,
  CustomDomainRequest,
  CustomDomainReview,
  CustomDomainView,
  HostNameView,
} from '../../schemas/index.ts'
import type { Principal } from '../admin/principal-service.ts'
import { DomainError } from '../errors.ts'
import type { StoredPortal } from '../portals/portal-schemas.ts'
import { assertCanManagePortal } from '../tenancy/permissions.ts'
import { certificateProblemFor } from './certificate-checks.ts'
import { certificateView } from './certificate-service.ts'
import type { CnameLookup } from './cname-lookup.ts'
import type { DomainRegistry } from './domain-registry.ts'
import type { DomainStore, StoredHostName } from './domain-store.ts'
import { normaliseHostName } from './host-names.ts'

/** The seed's rule: one custom domain name per portal, word for word. */
export const ONE_CUSTOM_DOMAIN_RULE = 'You can only have one custom domain name for a portal.'
/** The seed's message when the CNAME is missing or points elsewhere, word for word. */
export const ADD_CNAME_MESSAGE = 'Please add a CNAME record to this domain name.'
/** The seed's advice after a CNAME was just added. */
export const PROPAGATION_ADVICE =
  'If you have just added a CNAME with your domain provider, it will take some time to propagate to all DNS servers. Retry after some time passes.'

/** The seed's success message for a host name, word for word. */
export const successMessage = (hostName: string): string =>
  `Custom Domain name has been successfully configured for this Portal. You can now go to ${hostName} to access this portal.`

/** What the custom domain wizard is built from. */
export interface CustomDomainDeps {
  store: DomainStore
  registry: DomainRegistry
  lookupCname: CnameLookup
  getPortal: (id: string) => Promise<StoredPortal>
  /** The domain portal hosts hang under (`PORTALS_DOMAIN`). */
  portalsDomain: string
  /** The service's public URL: its host is never a custom domain, and plain-HTTP links take its port. */
  publicUrl: string
  /** The HTTPS listener's port, when there is one: links to custom domains use it. */
  httpsPort?: number
  clock: () => number
}

/**
 * The seed's "Add a Custom Domain Name" wizard as calls: list or add host
 * names, review a certificate and host name (every check, the CNAME through
 * real DNS), create the binding, read it, remove it. One custom domain per
 * portal; changing it is removing the binding and running the flow again.
 * Every call checks the seed's manage permission on the portal.
 */
export function createCustomDomainService(deps: CustomDomainDeps) {
  const { store, registry } = deps
  const now = () => new Date(deps.clock()).toISOString()
  const api = new URL(deps.publicUrl)

  const managed = async (actor: Principal, portalId: string): Promise<StoredPortal> => {
    const portal = await deps.getPortal(portalId)
    assertCanManagePortal(actor, portal.instanceId)
    return portal
  }

  /** Where a portal's custom domain must point: its own host. */
  const cnameTargetOf = (portal: Pick<StoredPortal, 'subdomain'>) =>
    `${portal.subdomain}.${deps.portalsDomain}`

  /** The URL a custom domain answers at: HTTPS when the listener runs, else HTTP on the service's port. */
  const urlOf = (hostName: string): string =>
    deps.httpsPort !== undefined
      ? `https://${hostName}${deps.httpsPort === 443 ? '' : `:${deps.httpsPort}`}`
      : `http://${hostName}${api.port ? `:${api.port}` : ''}`

  /** Every host name bound with a certificate (a wildcard may serve several portals). */
  const boundWith = async (certificateId: string): Promise<string[]> =>
    (await store.bound()).filter((h) => h.certificateId === certificateId).map((h) => h.hostName)

  const hostView = (h: StoredHostName): HostNameView => ({
    hostName: h.hostName,
    addedAt: h.addedAt,
    addedBy: h.addedBy,
    portalId: h.portalId,
    certificateId: h.certificateId,
  })

  /** A new host name's own rules: a real name, not a portal host, not the API's host. */
  const acceptableHostName = (input: string): string => {
    const hostName = normaliseHostName(input)
    const domain = deps.portalsDomain
    if (hostName === domain || hostName.endsWith(`.${domain}`) || hostName === api.hostname) {
      throw new DomainError(
        'invalid',
        'host_name_reserved',
        `${hostName} is ${hostName === api.hostname ? "this service's own host" : `a portal host under ${domain}`}; a custom domain is a name you own, pointed here with a CNAME record`,
        'hostName',
      )
    }
    return hostName
  }

  /** Every check of the wizard's review step; answers what the binding would be. */
  async function review(portal: StoredPortal, input: CustomDomainRequest): Promise<CustomDomainReview> {
    if (portal.status !== 'provisioned') {
      throw new DomainError(
        'conflict',
        'portal_not_provisioned',
        `${portal.name} is not provisioned yet; a custom domain can be added once provisioning has succeeded`,
      )
    }
    const hostName = acceptableHostName(input.hostName)
    const existing = await store.bindingOf(portal.id)
    if (existing) {
      throw new DomainError(
        'conflict',
        'custom_domain_limit_reached',
        `${ONE_CUSTOM_DOMAIN_RULE} ${portal.name} already uses ${existing.hostName}; to change it, remove that binding, then run the flow again.`,
        'hostName',
      )
    }
    const record = await store.hostNames.get(hostName)
    if (record?.portalId && record.portalId !== portal.id) {
      throw new DomainError(
        'conflict',
        'host_name_in_use',
        `${hostName} is already the custom domain of another portal`,
        'hostName',
      )
    }
    const cert = await store.getCertificate(input.certificateId)
    const problem = certificateProblemFor(cert, hostName, deps.clock())
    if (problem) throw new DomainError('invalid', problem.code, problem.message, 'certificateId')
    const target = cnameTargetOf(portal)
    const answer = await deps.lookupCname(hostName)
    if (answer.kind === 'failed') {
      throw new DomainError(
        'unavailable',
        'dns_lookup_failed',
        `the DNS servers did not answer for ${hostName} (${answer.code}); try again shortly`,
        'hostName',
        30,
      )
    }
    if (answer.kind === 'none') {
      throw new DomainError(
        'conflict',
        'cname_missing',
        `${ADD_CNAME_MESSAGE} ${hostName} has no CNAME record${answer.reason === 'nxdomain' ? ' (the name does not exist in DNS)' : ''}; add one that points to ${target}. ${PROPAGATION_ADVICE}`,
        'hostName',
      )
    }
    if (!answer.targets.includes(target)) {
      throw new DomainError(
        'conflict',
        'cname_mismatch',
        `${ADD_CNAME_MESSAGE} ${hostName} is a CNAME to ${answer.targets.join(', ')}, not to ${target}. ${PROPAGATION_ADVICE}`,
        'hostName',
      )
    }
    return {
      portalId: portal.id,
      hostName,
      cnameTarget: target,
      cnameFound: answer.targets,
      certificate: certificateView(cert, await boundWith(cert.id)),
      url: urlOf(hostName),
    }
  }

  const bindingView = async (h: StoredHostName): Promise<CustomDomainView> => ({
    portalId: h.portalId!,
    hostName: h.hostName,
    url: urlOf(h.hostName),
    certificate: certificateView(
      await store.getCertificate(h.certificateId!),
      await boundWith(h.certificateId!),
    ),
    boundAt: h.boundAt!,
    boundBy: h.boundBy!,
  })

  return {
    cnameTargetOf,
    urlOf,

    /** The tenant's host names a portal may use, for the wizard's "Use an existing host name": not other portals' domains. */
    async hostNames(actor: Principal, portalId: string): Promise<HostNameView[]> {
      await managed(actor, portalId)
      return (await store.hostNames.list())
        .map((r) => r.value)
        .filter((h) => !h.portalId || h.portalId === portalId)
        .map(hostView)
    },

    /** The wizard's "Add a new hostname" (idempotent for a name not bound elsewhere). */
    async addHostName(actor: Principal, portalId: string, input: string): Promise<HostNameView> {
      await managed(actor, portalId)
      const hostName = acceptableHostName(input)
      return store.serialise(async () => {
        const existing = await store.hostNames.get(hostName)
        // Another portal's custom domain: refused without a word of its record (portal, certificate).
        if (existing?.portalId && existing.portalId !== portalId) {
          throw new DomainError(
            'conflict',
            'host_name_in_use',
            `${hostName} is already the custom domain of another portal`,
            'hostName',
          )
        }
        if (existing) return hostView(existing)
        const record: StoredHostName = {
          hostName,
          addedAt: now(),
          addedBy: actor.id,
          portalId: null,
          certificateId: null,
          boundAt: null,
          boundBy: null,
        }
        await store.hostNames.put(hostName, record)
        return hostView(record)
      })
    },

    /** Removes a host name no portal is bound to (tenant administrators; the route checks). */
    async removeHostName(hostName: string): Promise<void> {
      const name = normaliseHostName(hostName)
      await store.serialise(async () => {
        const record = await store.hostNames.get(name)
        if (!record)
          throw new DomainError(
            'not_found',
            'host_name_not_found',
            `no host name ${name} has been added`,
            'hostName',
          )
        if (record.portalId)
          throw new DomainError(
            'conflict',
            'host_name_in_use',
            `${name} is the custom domain of portal ${record.portalId}; remove that binding first`,
          )
        await store.hostNames.delete(name)
      })
    },

    /** The wizard's review step: runs every check and shows what the binding will be. */
    review: async (actor: Principal, portalId: string, input: CustomDomainRequest) =>
      review(await managed(actor, portalId), input),

    /**
     * Creates the binding after every check of the review step (the host name
     * is added if it is new), then reloads the served domains: the HTTPS
     * listener serves the certificate for it at once.
     */
    async bind(actor: Principal, portalId: string, input: CustomDomainRequest): Promise<CustomDomainCreated> {
      const portal = await managed(actor, portalId)
      const bound = await store.serialise(async () => {
        const checked = await review(portal, input)
        const previous = await store.hostNames.get(checked.hostName)
        const record: StoredHostName = {
          hostName: checked.hostName,
          addedAt: previous?.addedAt ?? now(),
          addedBy: previous?.addedBy ?? actor.id,
          portalId: portal.id,
          certificateId: input.certificateId,
          boundAt: now(),
          boundBy: actor.id,
        }
        await store.hostNames.put(record.hostName, record)
        return record
      })
      await registry.reload()
      const binding = await bindingView(bound)
      return {
        binding,
        message: successMessage(bound.hostName),
        link: { text: bound.hostName, href: binding.url },
      }
    },

    /** The portal's custom domain (`custom_domain_not_configured` when it has none). */
    async binding(actor: Principal, portalId: string): Promise<CustomDomainView> {
      const portal = await managed(actor, portalId)
      const h = await store.bindingOf(portal.id)
      if (!h) {
        throw new DomainError(
          'not_found',
          'custom_domain_not_configured',
          `${portal.name} has no custom domain name; add one with the custom domain wizard`,
        )
      }
      return bindingView(h)
    },

    /** Removes the portal's binding; the host name stays, for "Use an existing host name". */
    async unbind(actor: Principal, portalId: string): Promise<void> {
      const portal = await managed(actor, portalId)
      await store.serialise(async () => {
        const h = await store.bindingOf(portal.id)
        if (!h) {
          throw new DomainError(
            'not_found',
            'custom_domain_not_configured',
            `${portal.name} has no custom domain name to remove`,
          )
        }
        await store.hostNames.put(h.hostName, {
          ...h,
          portalId: null,
          certificateId: null,
          boundAt: null,
          boundBy: null,
        })
      })
      await registry.reload()
    },

    /** Checks the actor may manage the portal (for routes that list tenant records from a portal's wizard). */
    managed,
  }
}

/** The custom domain service's interface. */
export type CustomDomainService = ReturnType<typeof createCustomDomainService>
