import { z } from 'zod'
import { type RecordStore, createRecordRepository } from '../store/record-repository.ts'

/** The site setting that records each contact's latest sign-in. */
export const LOGIN_TRACKING_SETTING = 'Authentication/LoginTrackingEnabled'
/** The site settings that record each page's and each web file's latest view. */
export const PAGE_TRACKING_SETTING = 'WebPage/TrackingEnabled'
/** See {@link PAGE_TRACKING_SETTING}. */
export const FILE_TRACKING_SETTING = 'WebFile/TrackingEnabled'

const trackedSchema = z.object({
  kind: z.enum(['login', 'page', 'file']),
  subject: z.string(),
  at: z.string(),
})
/** One tracked event: a contact's latest sign-in, or a page's or file's latest view. */
export type TrackedEvent = z.infer<typeof trackedSchema>

/**
 * What a portal's site records when its tracking settings are on: a
 * contact's latest sign-in (login tracking), a page's or web file's latest
 * view (page and file tracking). One store write per sign-in or view, which
 * is why the portal checker warns when they are on. Kept in `cp_settings`
 * under `tracking/{portalId}/…`.
 */
export function createSiteTracking(db: RecordStore) {
  const repo = createRecordRepository(db, 'cp_settings', trackedSchema)
  return {
    async record(portalId: string, event: TrackedEvent): Promise<void> {
      await repo.put(`tracking/${portalId}/${event.kind}/${event.subject}`, event)
    },
    /** A portal's tracked events, by key. */
    list: async (portalId: string): Promise<TrackedEvent[]> =>
      (await repo.list(`tracking/${portalId}/`)).map((r) => r.value),
  }
}

/** The site tracking's interface. */
export type SiteTracking = ReturnType<typeof createSiteTracking>
