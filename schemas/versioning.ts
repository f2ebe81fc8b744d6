import * as z from 'zod'

/** The `If-Match` header of an admin update: the ETag of the version the change is based on. */
export const ifMatchHeaders = z.object({
  'if-match': z
    .string()
    .optional()
    .describe(
      'The ETag the record was read with; when it is no longer current the update answers 412 version_mismatch with the current record',
    ),
})

/** The `ETag` response header of a versioned admin record: send it back as `If-Match`. */
export const etagHeader = { ETag: 'The version, for If-Match' } as const

/** The `ETag` of an update's answer: the record's new version, even when the answer is not the record. */
export const newEtagHeader = { ETag: 'The record’s new version, for the next If-Match' } as const
