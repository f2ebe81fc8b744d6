import type { Principal } from '../admin/principal-service.ts'
import { DomainError, isDomainError } from '../errors.ts'
import { isTenantAdministrator } from '../tenancy/permissions.ts'

/** The refusals that would say whether a hub or a key name exists. */
const TELLING = new Set(['hub_not_found', 'binding_key_unknown', 'binding_key_invalid'])

/**
 * Runs a step that proves hub credentials (`binder.verify`, `binder.bind`)
 * for `actor`. A tenant administrator, who may list hubs and their keys, hears
 * which part is wrong (`hub_not_found`, `binding_key_unknown`,
 * `binding_key_invalid`). Anyone else (a System Administrator binding their
 * portal) gets one answer for a hub that does not exist, a key name it lacks
 * and a secret that is not the key's, with nothing of theirs in it: otherwise
 * the codes would tell them which hub ids and key names exist on hubs they
 * hold no key of. `binding_key_lacks_send` stays: it needs the key's secret.
 *
 * @example
 * const kept = await refusingAlike(actor, () => binder.bind(portal.id, creds))
 */
export async function refusingAlike<T>(actor: Pick<Principal, 'roles'>, step: () => Promise<T>): Promise<T> {
  try {
    return await step()
  } catch (err) {
    if (isTenantAdministrator(actor) || !isDomainError(err) || !TELLING.has(err.code)) throw err
    throw new DomainError(
      'invalid',
      'binding_key_invalid',
      'the hub id, key name and shared access key do not name a key of a hub: check all three (a hub administrator can give them)',
      'key',
    )
  }
}
