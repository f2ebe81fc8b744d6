import * as z from 'zod'

/** Rights a hub key can hold, named after Event Hubs' Send, Listen and Manage. */
export const KEY_RIGHTS = ['send', 'read', 'manage'] as const
export type KeyRight = (typeof KEY_RIGHTS)[number]

const name = z
  .string()
  .trim()
  .min(1, { error: 'name must not be empty' })
  .max(200, { error: 'name must be at most 200 characters' })

/** `POST /v1/admin/hubs` body. */
export const createHubSchema = z.strictObject({ name })

/** `POST /v1/admin/hubs/{hubId}/keys` body. */
export const createKeySchema = z.strictObject({
  keyName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    error: 'keyName must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit',
  }),
  rights: z
    .array(z.enum(KEY_RIGHTS, { error: 'rights must hold only "send", "read" or "manage"' }))
    .min(1, { error: 'rights must name at least one right' }),
})

/** `POST /v1/admin/hubs/{hubId}/keys/{keyName}/regenerate` body. */
export const regenerateKeySchema = z.strictObject({
  which: z.enum(['primary', 'secondary'], { error: 'which must be "primary" or "secondary"' }),
})

/** A hub's key as the admin API shows it (secrets included: only `manage` sees it). */
export const hubKeySchema = z.object({
  keyName: z.string(),
  rights: z.array(z.enum(KEY_RIGHTS)),
  primaryKey: z.string(),
  secondaryKey: z.string(),
})
export type HubKey = z.infer<typeof hubKeySchema>

/** A hub as the admin API shows it. */
export const hubSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  keys: z.array(hubKeySchema),
})
export type Hub = z.infer<typeof hubSchema>
