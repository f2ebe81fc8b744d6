import type { Principal } from '../admin/principal-service.ts'
import { DomainError } from '../errors.ts'
import { refusingAlike } from './binding-refusals.ts'
import type { PortalContext } from './portal-context.ts'
import type { ConfigureHubInput, UpdateHubKeyInput } from './portal-schemas.ts'
import type { HubBindingView } from './portal-views.ts'

/** The hub a portal sends to and the key it mints tokens with: show, configure, rotate the key, remove. */
export function createPortalHubBinding({ store, binder, now, managed, hubView }: PortalContext) {
  return {
    /** Which hub the portal sends to, or null. */
    async hubBinding(actor: Principal, id: string): Promise<{ hub: HubBindingView | null }> {
      return { hub: hubView(await managed(actor, id)) }
    },

    /**
     * Configures (or changes) the hub the portal sends to, with the key name
     * and shared access key it mints tokens with. The key is proved against
     * the hub before it is kept; the preview terms must be accepted.
     */
    async configureHub(
      actor: Principal,
      id: string,
      input: ConfigureHubInput,
    ): Promise<{ hub: HubBindingView | null }> {
      const portal = await managed(actor, id)
      if (input.termsAccepted !== true) {
        throw new DomainError(
          'invalid',
          'terms_not_accepted',
          'confirm you have read and understood the terms and conditions (termsAccepted: true)',
          'termsAccepted',
        )
      }
      // Kept: a send-only key (made for the portal when the one given holds more), see binder.bind.
      const creds = await refusingAlike(actor, () =>
        binder.bind(portal.id, { hubId: input.hubId, keyName: input.keyName, key: input.key }),
      )
      const next = await store.updatePortal(portal.id, (p) => ({
        ...p,
        requestedHub: null,
        hubBinding: { ...creds, configuredAt: now(), configuredBy: actor.id },
        updatedAt: now(),
      }))
      return { hub: hubView(next) }
    },

    /** Updates the shared access key (and optionally the key name) the portal uses; the hub stays. */
    async updateHubKey(
      actor: Principal,
      id: string,
      input: UpdateHubKeyInput,
    ): Promise<{ hub: HubBindingView | null }> {
      const portal = await managed(actor, id)
      const binding = portal.hubBinding
      if (!binding) {
        throw new DomainError(
          'not_found',
          'hub_binding_not_found',
          `${portal.name} sends to no hub; configure one first (PUT)`,
        )
      }
      if (input.hubId !== undefined && input.hubId !== binding.hubId) {
        throw new DomainError(
          'invalid',
          'hub_uri_read_only',
          `the hub URI is read-only here (${binder.hubUri(binding.hubId)}); configure the portal again to send to another hub`,
          'hubId',
        )
      }
      const creds = await refusingAlike(actor, () =>
        binder.bind(portal.id, {
          hubId: binding.hubId,
          keyName: input.keyName ?? binding.keyName,
          key: input.key,
        }),
      )
      const next = await store.updatePortal(portal.id, (p) => ({
        ...p,
        hubBinding: { ...creds, configuredAt: now(), configuredBy: actor.id },
        updatedAt: now(),
      }))
      return { hub: hubView(next) }
    },

    /** Removes the portal's hub: its pages stop sending beacons. */
    async removeHub(actor: Principal, id: string): Promise<void> {
      const portal = await managed(actor, id)
      if (!portal.hubBinding) {
        throw new DomainError('not_found', 'hub_binding_not_found', `${portal.name} sends to no hub`)
      }
      await store.updatePortal(portal.id, (p) => ({
        ...p,
        hubBinding: null,
        requestedHub: null,
        updatedAt: now(),
      }))
    },
  }
}
