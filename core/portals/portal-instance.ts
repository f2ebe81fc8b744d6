import type { Instance } from '../../schemas/index.ts'
import { DomainError } from '../errors.ts'

/**
 * The instance a portal belongs to, found with `find`; `instance_not_found`
 * (409) when it no longer exists (provisioning and translations both need it).
 */
export async function instanceOfPortal(
  find: (instanceId: string) => Promise<Instance | null | undefined>,
  portal: { instanceId: string },
): Promise<Instance> {
  const instance = await find(portal.instanceId)
  if (!instance) {
    throw new DomainError(
      'conflict',
      'instance_not_found',
      `instance ${portal.instanceId} of the portal no longer exists`,
    )
  }
  return instance
}
