import * as z from 'zod'

/** A package's metadata version: what is installed and the latest available (never upgraded here). */
export const packageVersionViewSchema = z.object({
  packageId: z.string(),
  name: z.string(),
  installedVersion: z.string(),
  latestVersion: z.string(),
})
/** A package's installed and latest versions. */
export type PackageVersionView = z.infer<typeof packageVersionViewSchema>

/** One language of a portal's metadata translations. */
export const translationLanguageViewSchema = z.object({
  language: z.string(),
  languageName: z.string(),
  /** Activated on the portal's instance. */
  activated: z.boolean(),
  /** Its labels are installed for the portal's solutions. */
  installed: z.boolean(),
  /** The translation resources ship this language. */
  available: z.boolean(),
  labelCount: z.number().int().nonnegative(),
  modifiedCount: z.number().int().nonnegative(),
})
/** One language of a portal's metadata translations. */
export type TranslationLanguageView = z.infer<typeof translationLanguageViewSchema>

/** `GET /v1/admin/portals/{portalId}/translations`: what is installed, per package and language. */
export const translationsViewSchema = z.object({
  portalId: z.string(),
  packages: z.array(packageVersionViewSchema),
  languages: z.array(translationLanguageViewSchema),
  /** Activated on the instance, shipped, and not installed: what "Get latest metadata translations" would install. */
  missingLanguages: z.array(z.string()),
  updatedAt: z.string().nullable(),
})
/** A portal's metadata translations. */
export type TranslationsView = z.infer<typeof translationsViewSchema>

/** One installed label. */
export const labelViewSchema = z.object({
  key: z.string(),
  packageId: z.string(),
  text: z.string(),
  /** Set when a user changed the label: an update never overwrites it. */
  modified: z.boolean(),
  modifiedAt: z.string().nullable(),
})
/** One installed label. */
export type LabelView = z.infer<typeof labelViewSchema>

/** `PATCH /v1/admin/portals/{portalId}/translations/{language}/labels` body: a user's changes, by key. */
export const modifyLabelsSchema = z.strictObject({
  labels: z
    .record(
      z.string().min(1).max(200),
      z
        .string()
        .trim()
        .min(1, { error: 'a label must not be empty' })
        .max(400, { error: 'a label must be at most 400 characters' }),
    )
    .refine((r) => Object.keys(r).length > 0, { error: 'labels must name at least one label' }),
})
/** What modifying labels takes. */
export type ModifyLabelsInput = z.infer<typeof modifyLabelsSchema>

/** An outcome of the update that a rule of the seed decided, with its own code. */
export const translationNoticeSchema = z.object({
  code: z.enum(['package_version_not_upgraded', 'user_modified_labels_kept', 'language_not_available']),
  message: z.string(),
  packageId: z.string().optional(),
  installedVersion: z.string().optional(),
  latestVersion: z.string().optional(),
  language: z.string().optional(),
  keys: z.array(z.string()).optional(),
})
/** An outcome a rule decided. */
export type TranslationNotice = z.infer<typeof translationNoticeSchema>

/**
 * `GET /v1/admin/portals/{portalId}/translations/update`: the confirmation
 * step. Shows the question, what the update would do, and whether it may run.
 */
export const translationUpdatePreviewSchema = z.object({
  portalId: z.string(),
  question: z.string(),
  /** Null when the update may run; else why not (`solutions_installing`). */
  blocked: z.object({ code: z.string(), message: z.string() }).nullable(),
  languagesToInstall: z.array(z.string()),
  languagesToUpdate: z.array(z.string()),
  packages: z.array(packageVersionViewSchema),
  notices: z.array(translationNoticeSchema),
})
/** The confirmation step. */
export type TranslationUpdatePreview = z.infer<typeof translationUpdatePreviewSchema>

/** `POST /v1/admin/portals/{portalId}/translations/update` body: the person's answer to the question. */
export const updateTranslationsSchema = z.strictObject({
  confirm: z.boolean({ error: 'confirm must be true (the answer to "update the portal solutions?")' }),
})
/** What the update takes. */
export type UpdateTranslationsInput = z.infer<typeof updateTranslationsSchema>

/** What the update did, per language, and the notices the seed's rules produced. */
export const translationUpdateResultSchema = z.object({
  portalId: z.string(),
  message: z.string(),
  languages: z.array(
    z.object({
      language: z.string(),
      outcome: z.enum(['installed', 'updated', 'not_available']),
      labelsWritten: z.number().int().nonnegative(),
      labelsKept: z.number().int().nonnegative(),
    }),
  ),
  packages: z.array(packageVersionViewSchema),
  notices: z.array(translationNoticeSchema),
  updatedAt: z.string(),
})
/** What the update did. */
export type TranslationUpdateResult = z.infer<typeof translationUpdateResultSchema>
