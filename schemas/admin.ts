import * as z from 'zod'
import { itemErrorSchema } from './errors.ts'
import { deflectionCostSchema } from './deflection.ts'
import { INTERACTION_TYPES } from './interactions.ts'

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

/**
 * The hub's profile configuration: which entity is the profile (Contact, keyed
 * by `crmrecordid`, which portals send as `portal_contactid`) and which
 * interaction types are linked to it.
 */
export const profileConfigSchema = z.strictObject({
  entity: z.literal('contact', { error: 'entity must be "contact": portals tie interactions to contacts' }),
  linkedTypes: z.array(
    z.enum(INTERACTION_TYPES, { error: `linkedTypes must hold only ${INTERACTION_TYPES.join(', ')}` }),
  ),
})
/** See {@link profileConfigSchema}. */
export type ProfileConfig = z.infer<typeof profileConfigSchema>

/** A hub as the admin API shows it, with its catalogue of captured types and its profile configuration. */
export const hubViewSchema = hubSchema.extend({
  capturedTypes: z.array(z.enum(INTERACTION_TYPES)),
  profile: profileConfigSchema.nullable(),
  /** The cost of one case, for deflection's cost saved; null until an admin sets it. */
  deflectionCost: deflectionCostSchema.nullable(),
})
/** A hub as the admin API shows it. */
export type HubView = z.infer<typeof hubViewSchema>

/** One interaction type of a hub's catalogue, and whether the hub captures it. */
export const catalogueEntrySchema = z.object({
  type: z.enum(INTERACTION_TYPES),
  displayName: z.string(),
  description: z.string(),
  fields: z.array(z.string()),
  captured: z.boolean(),
})

/** Most profiles one import may carry. */
export const MAX_PROFILES_PER_IMPORT = 10_000

/** A contact as a profile import carries it: `crmrecordid` plus simple attributes. */
export const profileImportSchema = z
  .object({
    crmrecordid: z.uuid({
      error: 'crmrecordid must be the contact id (a uuid), as portals send portal_contactid',
    }),
    name: z.string().max(200).optional(),
    email: z.email({ error: 'email must be an email address' }).optional(),
  })
  .catchall(z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))

/** `POST /v1/admin/hubs/{hubId}/profiles` body: a JSON array (or one object), or NDJSON. */
export const profileImportBodySchema = z.union([profileImportSchema, z.array(profileImportSchema)])

/** What a profile import answers: how many were stored, and each rejected item's problems. */
export const profileImportResultSchema = z.object({
  upserted: z.number().int().nonnegative(),
  rejected: z.array(z.object({ index: z.number().int(), errors: z.array(itemErrorSchema) })),
})

/** A rejected interaction kept for a while so admins can see what portals send wrong. */
export const quarantineItemSchema = z.object({
  /** The row's own id (two identical items of one millisecond are two rows). */
  id: z.string(),
  hubId: z.string(),
  /** When it arrived, ISO 8601. */
  receivedAt: z.string(),
  /**
   * `edge`: refused in the request (validation); `store`: acknowledged, then
   * refused by ClickHouse for its data and set aside by the flusher (`code` is ClickHouse's).
   */
  stage: z.enum(['edge', 'store']),
  code: z.string(),
  path: z.string(),
  message: z.string(),
  /** The item as received, truncated to 4096 characters. */
  raw: z.string(),
})
/** A quarantined item as the admin API shows it. */
export type QuarantineItem = z.infer<typeof quarantineItemSchema>
