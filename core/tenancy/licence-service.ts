import { randomUUID } from 'node:crypto'
import type { Principal } from '../admin/principal-service.ts'
import { DomainError } from '../errors.ts'
import { type RecordStore, createRecordRepository, serialWriter } from '../store/record-repository.ts'
import { assertTenantAdministrator } from './permissions.ts'
import {
  type CreateLicenceInput,
  type Licence,
  type LicenceType,
  licenceSchema,
} from '../../schemas/index.ts'

/** How long a trial licence lasts when no expiry is given. */
export const TRIAL_DAYS = 30

/** The Type a portal shows for a licence: `Trial` or `Production`. */
export const portalTypeLabel = (type: LicenceType): 'Trial' | 'Production' =>
  type === 'trial' ? 'Trial' : 'Production'

/**
 * The portal licences the tenant holds. Each portal uses one; its Type
 * (Trial or Production) comes from that licence, never from a request.
 *
 * @example
 * const licences = createLicenceService({ db })
 * await licences.add(admin, { type: 'production' })
 * const claimed = await licences.claim(portalId) // production first, then trial
 */
export function createLicenceService(deps: { db: RecordStore; clock?: () => number }) {
  const clock = deps.clock ?? Date.now
  const repo = createRecordRepository(deps.db, 'cp_licences', licenceSchema)
  const serialise = serialWriter(deps.db, 'licences')

  const all = async (): Promise<Licence[]> =>
    (await repo.list()).map((r) => r.value).sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  const get = async (id: string): Promise<Licence> => {
    const licence = await repo.get(id)
    if (!licence) {
      throw new DomainError(
        'not_found',
        'licence_not_found',
        `no licence with id ${JSON.stringify(id)}`,
        'licenceId',
      )
    }
    return licence
  }
  const expired = (l: Licence) => l.expiresAt !== null && Date.parse(l.expiresAt) <= clock()

  return {
    get,
    find: (id: string): Promise<Licence | null> => repo.get(id),

    /** Adds a licence (a purchase or a trial). */
    add: (actor: Principal, input: CreateLicenceInput): Promise<Licence> =>
      serialise(async () => {
        assertTenantAdministrator(actor, 'add portal licences')
        const now = clock()
        const licence: Licence = {
          id: randomUUID(),
          type: input.type,
          createdAt: new Date(now).toISOString(),
          expiresAt: input.expiresAt
            ? new Date(input.expiresAt).toISOString()
            : input.type === 'trial'
              ? new Date(now + TRIAL_DAYS * 86_400_000).toISOString()
              : null,
          portalId: null,
        }
        await repo.put(licence.id, licence)
        return licence
      }),

    /** Every licence, oldest first. */
    list: async (actor: Principal): Promise<Licence[]> => {
      assertTenantAdministrator(actor, 'see portal licences')
      return all()
    },

    /** Removes a licence no portal uses. */
    remove: (actor: Principal, id: string): Promise<void> =>
      serialise(async () => {
        assertTenantAdministrator(actor, 'remove portal licences')
        const licence = await get(id)
        if (licence.portalId) {
          throw new DomainError(
            'conflict',
            'licence_in_use',
            `licence ${id} is used by portal ${licence.portalId}; assign that portal another licence first`,
          )
        }
        await repo.delete(id)
      }),

    /**
     * Takes a free, unexpired licence for a portal: the one named, or else a
     * production licence, or else a trial. `no_licence_available` (409) when
     * the tenant holds none.
     */
    claim: (portalId: string, licenceId?: string): Promise<Licence> =>
      serialise(async () => {
        const free = (await all()).filter((l) => l.portalId === null && !expired(l))
        let pick: Licence | undefined
        if (licenceId) {
          const named = await get(licenceId)
          if (named.portalId !== null && named.portalId !== portalId) {
            throw new DomainError(
              'conflict',
              'licence_in_use',
              `licence ${licenceId} is used by portal ${named.portalId}`,
              'licenceId',
            )
          }
          if (expired(named)) {
            throw new DomainError(
              'conflict',
              'licence_expired',
              `licence ${licenceId} expired at ${named.expiresAt}`,
              'licenceId',
            )
          }
          pick = named
        } else {
          pick = free.find((l) => l.type === 'production') ?? free.find((l) => l.type === 'trial')
        }
        if (!pick) {
          throw new DomainError(
            'conflict',
            'no_licence_available',
            'the tenant holds no free portal licence; add a trial or production licence first',
          )
        }
        const taken = { ...pick, portalId }
        await repo.put(taken.id, taken)
        return taken
      }),

    /** The licence {@link claim} would take now (without taking it), or null. */
    async peek(): Promise<Licence | null> {
      const free = (await all()).filter((l) => l.portalId === null && !expired(l))
      return free.find((l) => l.type === 'production') ?? free.find((l) => l.type === 'trial') ?? null
    },

    /** The licence a portal uses, or null. */
    async ofPortal(portalId: string): Promise<Licence | null> {
      return (await all()).find((l) => l.portalId === portalId) ?? null
    },

    /**
     * Moves a portal onto another licence (say, from a trial to a production
     * licence); the one it used becomes free. The portal's Type follows.
     */
    assign: (actor: Principal, licenceId: string, portalId: string): Promise<Licence> =>
      serialise(async () => {
        assertTenantAdministrator(actor, 'assign portal licences')
        const target = await get(licenceId)
        if (target.portalId === portalId) return target
        if (target.portalId !== null) {
          throw new DomainError(
            'conflict',
            'licence_in_use',
            `licence ${licenceId} is used by portal ${target.portalId}`,
          )
        }
        if (expired(target)) {
          throw new DomainError(
            'conflict',
            'licence_expired',
            `licence ${licenceId} expired at ${target.expiresAt}`,
          )
        }
        const previous = (await all()).filter((l) => l.portalId === portalId)
        await repo.putMany([
          ...previous.map((l) => [l.id, { ...l, portalId: null }] as const),
          [target.id, { ...target, portalId }] as const,
        ])
        return { ...target, portalId }
      }),
  }
}

/** The licence service's interface. */
export type LicenceService = ReturnType<typeof createLicenceService>
