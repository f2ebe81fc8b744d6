import { z } from 'zod'
import { LRUCache } from 'lru-cache'
import type { ChangeFeed } from '../store/change-feed.ts'
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
 * One document per portal in `cp_metadata_translations`, each change read
 * under a row lock and written in one transaction, with an in-process cache
 * the portal site reads on every page, dropped by every write on any node
 * (the change feed's `translations`).
 */
export function createTranslationStore(db: RecordStore, feed?: ChangeFeed) {
  const docs = createRecordRepository(db, 'cp_metadata_translations', storedTranslationsSchema)
  const serialise = serialWriter(db, 'metadata-translations')
  const cache = new LRUCache<string, StoredTranslations>({ max: 1_000 })
  feed?.subscribe('translations', (change) => {
    if ('all' in change) cache.clear()
    else cache.delete(change.key)
  })
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
        // The stored document under a row lock, not the cache: another node may have written since.
        const stored = await docs.update(portalId, (current) =>
          change(current ? structuredClone(current.value) : empty(portalId)),
        )
        const next = stored?.value ?? empty(portalId)
        cache.set(portalId, next)
        await feed?.publish('translations', portalId)
        return next
      }),
  }
}

/** The translation store's interface. */
export type TranslationStore = ReturnType<typeof createTranslationStore>
