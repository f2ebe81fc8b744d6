import { DomainError, isDomainError } from '../errors.ts'
import type { HubService } from '../hubs/hub-service.ts'
import { createSasToken } from '../sas/sas-token.ts'
import type { BeaconTarget } from '../sites/site-request.ts'

/** How long a page's beacon token lives by default, in seconds. */
export const BEACON_TOKEN_TTL_SECONDS = 600

/** A hub, a key name and the shared access key a portal uses with it. */
export interface HubCredentials {
  hubId: string
  keyName: string
  key: string
}

/**
 * Checks the hub credentials admins give a portal and mints the short-lived,
 * portal-scoped tokens its pages carry. The key never leaves the server: a
 * page gets a token for `…/v1/hubs/{hubId}/portals/{portalId}` that expires.
 *
 * @example
 * const binder = createHubBinder({ hubs, clock })
 * await binder.verify(portalId, { hubId, keyName: 'default', key })
 * const kept = await binder.bind(portalId, { hubId, keyName: 'default', key }) // a send-only key
 * const target = binder.beaconTarget(portalId, kept, contactId)
 */
export function createHubBinder(deps: {
  hubs: HubService
  clock?: () => number
  beaconTokenTtlSeconds?: number
}) {
  const clock = deps.clock ?? Date.now
  const ttl = deps.beaconTokenTtlSeconds ?? BEACON_TOKEN_TTL_SECONDS
  const portalPath = (hubId: string, portalId: string) =>
    `/v1/hubs/${encodeURIComponent(hubId)}/portals/${encodeURIComponent(portalId)}`

  const mint = (portalId: string, creds: HubCredentials, ttlSeconds: number, contactId?: string) =>
    createSasToken({
      resourceUri: deps.hubs.resourceUri(
        contactId === undefined
          ? portalPath(creds.hubId, portalId)
          : `${portalPath(creds.hubId, portalId)}/contacts/${encodeURIComponent(contactId)}`,
      ),
      keyName: creds.keyName,
      key: creds.key,
      ttlSeconds,
      now: clock(),
    })

  const binder = {
    /**
     * Proves the credentials work for this portal: a token made with them must
     * pass the hub's own check for `send` on the portal's resource. Refusals
     * say which part is wrong: `hub_not_found`, `binding_key_unknown`,
     * `binding_key_invalid`, `binding_key_lacks_send`.
     */
    async verify(portalId: string, creds: HubCredentials): Promise<void> {
      try {
        await deps.hubs.authorize({
          token: mint(portalId, creds, 60),
          hubId: creds.hubId,
          path: portalPath(creds.hubId, portalId),
          right: 'send',
        })
      } catch (err) {
        if (!isDomainError(err)) throw err
        switch (err.code) {
          case 'hub_not_found':
            throw new DomainError(
              'not_found',
              'hub_not_found',
              `no hub with id ${JSON.stringify(creds.hubId)}`,
              'hubId',
            )
          case 'key_unknown':
            throw new DomainError(
              'invalid',
              'binding_key_unknown',
              `hub ${creds.hubId} has no key named ${JSON.stringify(creds.keyName)}`,
              'keyName',
            )
          case 'signature_invalid':
            throw new DomainError(
              'invalid',
              'binding_key_invalid',
              `the shared access key is neither the primary nor the secondary key of ${JSON.stringify(creds.keyName)} on hub ${creds.hubId} (was it regenerated?)`,
              'key',
            )
          case 'token_right':
            throw new DomainError(
              'invalid',
              'binding_key_lacks_send',
              `key ${JSON.stringify(creds.keyName)} lacks the send right the portal's beacons need`,
              'keyName',
            )
          default:
            throw err
        }
      }
    },

    /**
     * Proves the credentials (as `verify`) and returns those the portal keeps:
     * the same when the key holds `send` alone, else a send-only key made for
     * this portal on the hub (`portal-{portalId}`, created the first time; its
     * primary secret). The tokens a portal's pages hand browsers are then
     * signed with a key that can neither read nor manage, whatever key the
     * admin gave.
     */
    async bind(portalId: string, creds: HubCredentials): Promise<HubCredentials> {
      await binder.verify(portalId, creds)
      const hub = await deps.hubs.get(creds.hubId)
      const sendOnly = (rights: readonly string[]) => rights.length === 1 && rights[0] === 'send'
      const given = hub.keys.find((k) => k.keyName === creds.keyName)
      if (given && sendOnly(given.rights)) return creds
      const keyName = portalKeyName(portalId)
      const own = hub.keys.find((k) => k.keyName === keyName)
      if (own && sendOnly(own.rights)) return { hubId: hub.id, keyName, key: own.primaryKey }
      // A key of that name with more rights was not made by a binding: replaced by one that sends only.
      if (own) await deps.hubs.deleteKey(hub.id, keyName)
      const made = await deps.hubs.addKey(hub.id, keyName, ['send'])
      return { hubId: hub.id, keyName, key: made.primaryKey }
    },

    /**
     * The beacon endpoint and a fresh token for a portal's page, scoped to the
     * signed-in visitor: its resource is `…/portals/{portalId}/contacts/{contactId}`,
     * which the interaction route accepts for that contact's items alone.
     */
    beaconTarget(portalId: string, creds: HubCredentials, contactId: string): BeaconTarget {
      return {
        endpoint: `${deps.hubs.resourceUri(portalPath(creds.hubId, portalId))}/interactions`,
        token: mint(portalId, creds, ttl, contactId),
        portalId,
      }
    },

    /**
     * Installs on the hub the interaction types a provisioned portal sends that
     * the hub does not capture yet because they are newer than it: article
     * feedback ("Was this helpful?" on articles). Hubs created since capture
     * every type; an admin may stop it afterwards, and only provisioning another
     * portal onto the hub installs it again.
     */
    async installPortalTypes(hubId: string): Promise<void> {
      const hub = await deps.hubs.get(hubId)
      if (!hub.capturedTypes.includes('portal_articlefeedback'))
        await deps.hubs.setCapturedTypes(hubId, [...hub.capturedTypes, 'portal_articlefeedback'])
    },

    /** The hub's URI, as the admin centre shows it (read-only once configured). */
    hubUri: (hubId: string): string => deps.hubs.resourceUri(`/v1/hubs/${encodeURIComponent(hubId)}`),
  }
  return binder
}

/** The name of the send-only key a portal's binding makes on its hub. */
export const portalKeyName = (portalId: string): string => `portal-${portalId}`

/** The hub binder's interface. */
export type HubBinder = ReturnType<typeof createHubBinder>
