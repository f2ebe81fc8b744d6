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

/** How long a hub keeps its interactions and cases when nobody sets it: 395 days (13 months). */
export const DEFAULT_RETENTION_DAYS = 395
/** The longest retention a hub may set: 3650 days (10 years). */
export const MAX_RETENTION_DAYS = 3650

/**
 * A hub's retention in days: a whole number from 1 to {@link MAX_RETENTION_DAYS};
 * anything else is `invalid_retention_days` on the field (not zod's too_small/too_big,
 * which the envelope words for strings).
 */
export const retentionDaysSchema = z
  .number({ error: 'retentionDays must be a number of days' })
  .refine((n) => Number.isInteger(n) && n >= 1 && n <= MAX_RETENTION_DAYS, {
    params: { code: 'invalid_retention_days' },
    error: (issue) =>
      `must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}, got ${JSON.stringify(issue.input)}`,
  })
  .meta({ type: 'integer', minimum: 1, maximum: MAX_RETENTION_DAYS })

/** `PATCH /v1/admin/hubs/{hubId}` body: absent fields stay as they are. */
export const updateHubSchema = z.strictObject({
  name: name.optional(),
  retentionDays: retentionDaysSchema
    .optional()
    .describe(
      `Days the hub keeps interactions (by portal_timestamp) and cases (by createdAt): 1 to ${MAX_RETENTION_DAYS}, ${DEFAULT_RETENTION_DAYS} by default`,
    ),
  logJourneyReads: z
    .boolean({ error: 'logJourneyReads must be true or false' })
    .optional()
    .describe('Write an audit entry (getJourney) for each journey read, never its contents; off by default'),
})
/** What updating a hub takes. */
export type UpdateHubInput = z.infer<typeof updateHubSchema>

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
  retentionDays: z
    .number()
    .int()
    .describe(`Days interactions and cases are kept (${DEFAULT_RETENTION_DAYS} unless set)`),
  logJourneyReads: z.boolean().describe('Whether each journey read writes an audit entry'),
})
/** A hub as the admin API shows it. */
export type HubView = z.infer<typeof hubViewSchema>

/** What `POST /v1/admin/hubs/{hubId}/retention/apply` answers. */
export const retentionAppliedSchema = z.object({
  hubId: z.string(),
  retentionDays: z.number().int(),
  cutoff: z.string().describe('Rows dated before this (ISO 8601) were removed'),
  removed: z.object({
    interactions: z.number().int().describe('Interaction rows removed'),
    cases: z.number().int().describe('Case rows removed'),
  }),
})
/** See {@link retentionAppliedSchema}. */
export type RetentionApplied = z.infer<typeof retentionAppliedSchema>

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
