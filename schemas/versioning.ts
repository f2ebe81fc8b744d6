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
