import * as z from 'zod'

/** Solutions an instance can have installed (their display names live in core). */
export const SOLUTION_IDS = [
  'field_service',
  'project_service_automation',
  'customer_service',
  'sales',
] as const
/** The id of a known solution. */
export type SolutionId = (typeof SOLUTION_IDS)[number]

/**
 * An admin role: tenant-wide (global or service administrator) or for one
 * instance (system administrator or system customizer).
 */
export const roleSchema = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('global_administrator') }),
  z.strictObject({ role: z.literal('service_administrator') }),
  z.strictObject({ role: z.literal('system_administrator'), instanceId: z.string().min(1) }),
  z.strictObject({ role: z.literal('system_customizer'), instanceId: z.string().min(1) }),
])
/** An admin role. */
export type Role = z.infer<typeof roleSchema>

const name = z
  .string()
  .trim()
  .min(1, { error: 'name must not be empty' })
  .max(200, { error: 'name must be at most 200 characters' })

/** A language tag as sent; the services canonicalise it and refuse what is not one. */
export const languageTagSchema = z
  .string()
  .trim()
  .min(2, { error: 'a language tag looks like en-US' })
  .max(35, { error: 'a language tag is at most 35 characters' })

const solutionId = z.enum(SOLUTION_IDS, {
  error: (i) => `must be one of ${SOLUTION_IDS.join(', ')}, got ${JSON.stringify(i.input)}`,
})

/** An instance (the organisation a portal links to), as stored and shown. */
export const instanceSchema = z.object({
  id: z.string(),
  name: z.string(),
  baseLanguage: z.string(),
  installedLanguages: z.array(z.string()),
  installedSolutions: z.array(z.enum(SOLUTION_IDS)),
  createdAt: z.string(),
  updatedAt: z.string(),
})
/** An instance: the organisation portals link to. */
export type Instance = z.infer<typeof instanceSchema>

/** `POST /v1/admin/instances` body. */
export const createInstanceSchema = z.strictObject({
  name,
  baseLanguage: languageTagSchema,
  installedLanguages: z.array(languageTagSchema).max(100).optional(),
  installedSolutions: z.array(solutionId).default([]),
})
/** What creating an instance takes. */
export type CreateInstanceInput = z.infer<typeof createInstanceSchema>

/** `PATCH /v1/admin/instances/{id}` body. */
export const updateInstanceSchema = z.strictObject({
  name: name.optional(),
  baseLanguage: languageTagSchema.optional(),
  installedLanguages: z.array(languageTagSchema).max(100).optional(),
  installedSolutions: z.array(solutionId).optional(),
})
/** What updating an instance takes; absent fields stay as they are. */
export type UpdateInstanceInput = z.infer<typeof updateInstanceSchema>

/** Trial or production: the kind of portal licence, and so a portal's Type. */
export const LICENCE_TYPES = ['trial', 'production'] as const
/** One of {@link LICENCE_TYPES}. */
export type LicenceType = (typeof LICENCE_TYPES)[number]

/** A portal licence the tenant holds, and the portal using it (if any). */
export const licenceSchema = z.object({
  id: z.string(),
  type: z.enum(LICENCE_TYPES),
  createdAt: z.string(),
  /** Trials expire (30 days by default); production licences do not. */
  expiresAt: z.string().nullable(),
  portalId: z.string().nullable(),
})
/** A portal licence. */
export type Licence = z.infer<typeof licenceSchema>

/** `POST /v1/admin/licences` body. */
export const createLicenceSchema = z.strictObject({
  type: z.enum(LICENCE_TYPES, { error: 'type must be "trial" or "production"' }),
  expiresAt: z.iso
    .datetime({ offset: true, error: 'expiresAt must be an ISO 8601 date-time with an offset' })
    .optional(),
})
/** What adding a licence takes. */
export type CreateLicenceInput = z.infer<typeof createLicenceSchema>

/** `POST /v1/admin/licences/{id}/assign` body. */
export const assignLicenceSchema = z.strictObject({ portalId: z.string().min(1) })

/** A contact of an instance: who signs in to its portals, and whose journey a case shows. */
export const contactSchema = z.object({
  /** The contact's record id; portals send it as `portal_contactid`. */
  crmrecordid: z.uuid({ error: (i) => `crmrecordid must be a uuid, got ${JSON.stringify(i.input)}` }),
  name: name,
  email: z.email({ error: (i) => `email must be an e-mail address, got ${JSON.stringify(i.input)}` }),
  accountName: z.string().trim().min(1).max(200).optional(),
})
/** A contact of an instance. */
export type Contact = z.infer<typeof contactSchema>

/** `POST /v1/admin/instances/{id}/contacts` body: up to 1000 contacts. */
export const upsertContactsSchema = z
  .array(contactSchema)
  .min(1, { error: 'send at least one contact' })
  .max(1000, { error: 'send at most 1000 contacts at a time' })

/** `POST /v1/admin/users` body. The token is issued by the server and shown once. */
export const createUserSchema = z.strictObject({
  name,
  email: z
    .email({ error: (i) => `email must be an e-mail address, got ${JSON.stringify(i.input)}` })
    .optional(),
  roles: z.array(roleSchema).default([]),
})
/** What creating a user takes. */
export type CreateUserInput = z.infer<typeof createUserSchema>

/** `PUT /v1/admin/users/{id}/roles` body: the user's whole set of roles. */
export const setRolesSchema = z.strictObject({ roles: z.array(roleSchema) })

/** A user as the admin API shows one: never the token or its hash. */
/** Who issued a user's current token and when (the token itself is never shown again). */
export const tokenRecordSchema = z.object({
  issuedAt: z.string().describe('When the current token was issued (ISO 8601)'),
  issuedBy: z
    .string()
    .nullable()
    .describe(
      'The id of the user who issued it: the user themselves, an administrator, or null for the server (bootstrap)',
    ),
  expiresAt: z
    .string()
    .nullable()
    .describe('When it stops working (ISO 8601; null only before the first start that dates old tokens)'),
  revokedAt: z.string().nullable().describe('When it was revoked, or null'),
})
/** Who issued a user's current token and when. */
export type TokenRecord = z.infer<typeof tokenRecordSchema>

export const userViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().optional(),
  roles: z.array(roleSchema),
  createdAt: z.string(),
  token: tokenRecordSchema,
})
/** A user as the admin API shows one. */
export type UserView = z.infer<typeof userViewSchema>

/** What creating a user answers: the user and their bearer token, shown this once. */
export const createdUserSchema = z.object({ user: userViewSchema, token: z.string() })

/** What rotating a user's token answers: the new token, shown this once, and when it expires. */
export const rotatedTokenSchema = z.object({ token: z.string(), expiresAt: z.string() })

/** What starting a console session answers: its token (kept in the tab only) and when it ends at the latest. */
export const adminSessionSchema = z.object({
  token: z.string().describe('The session’s bearer token (`cts_…`), sent as Authorization: Bearer'),
  expiresAt: z.string().describe('When it stops working: 12 hours on, never past the admin token’s expiry'),
})

/** What upserting contacts answers. */
export const upsertedContactsSchema = z.object({ upserted: z.number().int().nonnegative() })
