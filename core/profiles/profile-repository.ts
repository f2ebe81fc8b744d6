import { type Profile, profileSchema } from '../../schemas/index.ts'
import { type RecordStore, createRecordRepository } from '../store/record-repository.ts'
import type { HubService } from '../hubs/hub-service.ts'

/**
 * Contact profiles of a hub, keyed by `crmrecordid` (which portals send as
 * `portal_contactid`).
 */
export function createProfileRepository(db: RecordStore) {
  const repo = createRecordRepository(db, 'cp_profiles', profileSchema)
  const key = (hubId: string, crmrecordid: string) => `${hubId}/${crmrecordid.toLowerCase()}`
  return {
    get: (hubId: string, crmrecordid: string): Promise<Profile | null> => repo.get(key(hubId, crmrecordid)),
    upsertMany: (hubId: string, profiles: readonly Profile[]): Promise<void> =>
      repo.putMany(profiles.map((p) => [key(hubId, p.crmrecordid), p] as const)),
    delete: (hubId: string, crmrecordid: string): Promise<void> => repo.delete(key(hubId, crmrecordid)),
    list: async (hubId: string): Promise<Profile[]> => (await repo.list(`${hubId}/`)).map((r) => r.value),
    /**
     * A page of a hub's profiles by `crmrecordid` (lower case, so in a stable
     * order), after the id `after`; read in the store, as a hub may hold millions.
     */
    page: async (hubId: string, after: string | null, limit: number): Promise<Profile[]> =>
      (await repo.listPage(`${hubId}/`, after === null ? null : key(hubId, after), limit)).map(
        (r) => r.value,
      ),
  }
}

/** The profile repository's interface. */
export type ProfileRepository = ReturnType<typeof createProfileRepository>

/**
 * A hub's profiles as journeys and case lists read them: a profile shows only
 * once the hub links the Contact profile to interaction types.
 */
export function linkedProfiles(
  hubs: Pick<HubService, 'getCached'>,
  profiles: Pick<ProfileRepository, 'get'>,
): { get(hubId: string, contactId: string): Promise<Profile | null> } {
  return {
    async get(hubId, contactId) {
      const hub = await hubs.getCached(hubId)
      if (!hub.profile || hub.profile.linkedTypes.length === 0) return null
      return profiles.get(hubId, contactId)
    },
  }
}
