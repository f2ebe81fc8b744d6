import type { Principal } from '../admin/principal-service.ts'
import { DomainError } from '../errors.ts'
import { type RecordStore, createRecordRepository } from '../store/record-repository.ts'
import type { InstanceService } from './instance-service.ts'
import { assertInstanceAdministrator, hasInstanceRole, isTenantAdministrator } from './permissions.ts'
import { type Contact, contactSchema } from '../../schemas/index.ts'

/**
 * Contacts of an instance: the people who sign in to its portals. Their
 * `crmrecordid` is what portals send as `portal_contactid`, and what a hub's
 * profiles are keyed by, so the same list can be posted as profiles.
 *
 * @example
 * await contacts.upsert(admin, instanceId, [{ crmrecordid, name: 'Avery Lin', email: 'avery@contoso.example' }])
 */
export function createContactService(deps: { db: RecordStore; instances: InstanceService }) {
  const repo = createRecordRepository(deps.db, 'cp_contacts', contactSchema)
  const key = (instanceId: string, id: string) => `${instanceId}/${id.toLowerCase()}`

  const listOf = async (instanceId: string): Promise<Contact[]> =>
    (await repo.list(`${instanceId}/`)).map((r) => r.value).sort((a, b) => a.name.localeCompare(b.name))

  return {
    /** The instance's contacts, by name (no permission check: for core's own use). */
    listOf,
    /** One contact of an instance, or null. */
    find: (instanceId: string, id: string): Promise<Contact | null> => repo.get(key(instanceId, id)),
    /** Adds or replaces contacts (no permission check: for sample data and the demo). */
    put: (instanceId: string, contacts: readonly Contact[]): Promise<void> =>
      repo.putMany(contacts.map((c) => [key(instanceId, c.crmrecordid), c] as const)),

    /** The contacts, for a tenant administrator or a System Administrator or Customizer of the instance. */
    async list(actor: Principal, instanceId: string): Promise<Contact[]> {
      await deps.instances.get(instanceId)
      if (
        !isTenantAdministrator(actor) &&
        !hasInstanceRole(actor, instanceId, 'system_administrator') &&
        !hasInstanceRole(actor, instanceId, 'system_customizer')
      ) {
        throw new DomainError(
          'forbidden',
          'instance_role_required',
          `you hold no role in instance ${instanceId} that may see its contacts`,
        )
      }
      return listOf(instanceId)
    },

    /** Adds or replaces contacts, for a tenant administrator or a System Administrator of the instance. */
    async upsert(
      actor: Principal,
      instanceId: string,
      contacts: readonly Contact[],
    ): Promise<{ upserted: number }> {
      await deps.instances.get(instanceId)
      assertInstanceAdministrator(actor, instanceId, 'change its contacts')
      await repo.putMany(contacts.map((c) => [key(instanceId, c.crmrecordid), c] as const))
      return { upserted: contacts.length }
    },
  }
}

/** The contact service's interface. */
export type ContactService = ReturnType<typeof createContactService>
