import { DomainError, isDomainError } from '../errors.ts'
import type { HubService } from '../hubs/hub-service.ts'
import { createSasToken } from '../sas/sas-token.ts'
import type { BeaconTarget } from '../sites/site-renderer.ts'

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
 * const target = binder.beaconTarget(portalId, { hubId, keyName: 'default', key })
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

  const mint = (portalId: string, creds: HubCredentials, ttlSeconds: number) =>
    createSasToken({
      resourceUri: deps.hubs.resourceUri(portalPath(creds.hubId, portalId)),
      keyName: creds.keyName,
      key: creds.key,
      ttlSeconds,
      now: clock(),
    })

  return {
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

    /** The beacon endpoint and a fresh token for a portal's page. */
    beaconTarget(portalId: string, creds: HubCredentials): BeaconTarget {
      return {
        endpoint: `${deps.hubs.resourceUri(portalPath(creds.hubId, portalId))}/interactions`,
        token: mint(portalId, creds, ttl),
        portalId,
      }
    },

    /** The hub's URI, as the admin centre shows it (read-only once configured). */
    hubUri: (hubId: string): string => deps.hubs.resourceUri(`/v1/hubs/${encodeURIComponent(hubId)}`),
  }
}

/** The hub binder's interface. */
export type HubBinder = ReturnType<typeof createHubBinder>
