import { type SecureContext, createSecureContext } from 'node:tls'
import type { SecretBox } from '../secrets/index.ts'
import type { DomainStore } from './domain-store.ts'

/** What serving a custom domain needs: its portal and, for HTTPS, its certificate. */
export interface ServedDomain {
  hostName: string
  portalId: string
  /** The portal's own subdomain, which Host routing serves the site of. */
  subdomain: string
  certificateId: string
  context: SecureContext
}

/** What the registry logs with. */
export interface RegistryLog {
  info(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

/**
 * The custom domains being served, in memory: Host routing (HTTP and HTTPS)
 * and the HTTPS listener's SNI callback read it without touching the store.
 * {@link DomainRegistry.reload} rebuilds it from the store after every binding
 * change, so certificates change without a restart. A binding that cannot be
 * loaded (a key that does not decrypt) is logged and left out; it never stops
 * the others.
 */
export function createDomainRegistry(deps: {
  store: DomainStore
  box: SecretBox
  subdomainOf: (portalId: string) => Promise<string | null>
  log: RegistryLog
}) {
  let byHost = new Map<string, ServedDomain>()
  const listeners = new Set<(hosts: string[]) => void>()
  let loading: Promise<void> = Promise.resolve()

  async function build(): Promise<Map<string, ServedDomain>> {
    const next = new Map<string, ServedDomain>()
    const contexts = new Map<string, SecureContext>()
    for (const h of await deps.store.bound()) {
      if (!h.portalId || !h.certificateId) continue
      try {
        const subdomain = await deps.subdomainOf(h.portalId)
        if (!subdomain) continue
        let context = contexts.get(h.certificateId)
        if (!context) {
          const cert = await deps.store.getCertificate(h.certificateId)
          const key = deps.box.open(cert.sealedKey, `certificate:${cert.id}`)
          context = createSecureContext({ key, cert: cert.certPem })
          contexts.set(cert.id, context)
        }
        next.set(h.hostName, {
          hostName: h.hostName,
          portalId: h.portalId,
          subdomain,
          certificateId: h.certificateId,
          context,
        })
      } catch (err) {
        // The error names the record, never the key.
        deps.log.error(
          { hostName: h.hostName, certificateId: h.certificateId, code: (err as { code?: string }).code },
          'a custom domain could not be loaded; it is not served',
        )
      }
    }
    return next
  }

  return {
    /** Rebuilds the served domains from the store; concurrent calls run one after another. */
    reload(): Promise<void> {
      loading = loading.then(async () => {
        byHost = await build()
        const hosts = [...byHost.keys()]
        for (const listener of listeners) listener(hosts)
      })
      return loading
    },
    /** The custom domain a host name (lower-case, no port) serves, if any. */
    lookup: (hostName: string): ServedDomain | null =>
      byHost.get(hostName.toLowerCase().replace(/\.$/, '')) ?? null,
    /** The host names served. */
    hosts: (): string[] => [...byHost.keys()],
    /** Hears every reload with the host names now served; returns a function that stops it. */
    onChange(listener: (hosts: string[]) => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/** The registry's interface. */
export type DomainRegistry = ReturnType<typeof createDomainRegistry>
