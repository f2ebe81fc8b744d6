import { z } from 'zod'
import { type RecordStore, createRecordRepository, serialWriter } from '../store/record-repository.ts'

const labelSchema = z.object({
  text: z.string(),
  packageId: z.string(),
  /** Set when a user changed the label; updates never overwrite it. */
  modifiedAt: z.string().nullable(),
  modifiedBy: z.string().nullable(),
})
/** One installed label. */
export type StoredLabel = z.infer<typeof labelSchema>

/** A portal's installed metadata translations: package versions and, per language, its labels. */
export const storedTranslationsSchema = z.object({
  portalId: z.string(),
  packages: z.record(z.string(), z.object({ version: z.string(), installedAt: z.string() })),
  languages: z.record(
    z.string(),
    z.object({ installedAt: z.string(), updatedAt: z.string(), labels: z.record(z.string(), labelSchema) }),
  ),
  updatedAt: z.string().nullable(),
})
/** A portal's installed metadata translations. */
export type StoredTranslations = z.infer<typeof storedTranslationsSchema>

/**
 * One document per portal in `cp_metadata_translations`, written one change
 * at a time, with an in-process cache the portal site reads on every page
 * (cleared by every write through this store).
 */
export function createTranslationStore(db: RecordStore) {
  const docs = createRecordRepository(db, 'cp_metadata_translations', storedTranslationsSchema)
  const serialise = serialWriter(db, 'metadata-translations')
  const cache = new Map<string, StoredTranslations>()
  const empty = (portalId: string): StoredTranslations => ({
    portalId,
    packages: {},
    languages: {},
    updatedAt: null,
  })

  const read = async (portalId: string): Promise<StoredTranslations> => {
    const hit = cache.get(portalId)
    if (hit) return hit
    const doc = (await docs.get(portalId)) ?? empty(portalId)
    cache.set(portalId, doc)
    return doc
  }

  return {
    /** A portal's translations (empty before any package installed its labels). */
    read,
    /** Reads, changes and writes a portal's translations, one change at a time. */
    update: (portalId: string, change: (doc: StoredTranslations) => StoredTranslations) =>
      serialise(async () => {
        // Every write goes through here, one at a time, so the cached document is the stored one:
        // a copy of it saves a read per package while a portal provisions.
        const hit = cache.get(portalId)
        const current = hit ? structuredClone(hit) : ((await docs.get(portalId)) ?? empty(portalId))
        const next = change(current)
        await docs.put(portalId, next)
        cache.set(portalId, next)
        return next
      }),
  }
}

/** The translation store's interface. */
export type TranslationStore = ReturnType<typeof createTranslationStore>
