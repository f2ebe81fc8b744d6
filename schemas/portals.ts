import * as z from 'zod'

/** The portal types the admin centre offers (their names live in core's catalogue). */
export const PORTAL_TYPE_IDS = [
  'customer_self_service',
  'custom',
  'partner',
  'partner_project_service',
  'partner_field_service',
  'community',
  'employee_self_service',
] as const
/** The id of a portal type. */
export type PortalTypeId = (typeof PORTAL_TYPE_IDS)[number]

/** Who a portal is for. */
export const AUDIENCE_IDS = ['partner', 'customer', 'employee'] as const
/** The id of an audience. */
export type AudienceId = (typeof AUDIENCE_IDS)[number]

/** Every package a portal may install, in install order. */
export const PACKAGE_IDS = [
  'portal_base',
  'portal_workflows',
  'web_notifications',
  'identity',
  'identity_workflows',
  'web_forms',
  'feedback',
  'knowledge_management',
  'case_management',
  'forums',
  'blogs',
  'ideas',
  'azure_ad_authentication',
  'partner_portal',
  'partner_project_service',
  'partner_field_service',
] as const
/** The id of a package. */
export type PackageId = (typeof PACKAGE_IDS)[number]

/** Whether a portal's site is turned on (it serves its pages) or off (it answers an "offline" page). */
export const PORTAL_STATES = ['on', 'off'] as const
/** One of {@link PORTAL_STATES}. */
export type PortalState = (typeof PORTAL_STATES)[number]

/** IP address restrictions: when enabled, the site answers only addresses in `allow`. */
export const ipRestrictionsSchema = z.object({
  enabled: z.boolean(),
  allow: z.array(z.string()),
})
/** A portal's IP address restrictions. */
export type IpRestrictions = z.infer<typeof ipRestrictionsSchema>

/** An IPv4 or IPv6 address, or a CIDR range of either (zod's own formats). */
const ipOrRange = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], {
  error: (i) =>
    `each entry must be an IPv4 or IPv6 address or a CIDR range like 203.0.113.0/24, got ${JSON.stringify(i.input)}`,
})

/** Where a portal is in its life: being provisioned, provisioned, or failed. */
export const PORTAL_STATUSES = ['configuring', 'provisioned', 'failed'] as const
/** One of {@link PORTAL_STATUSES}. */
export type PortalStatus = (typeof PORTAL_STATUSES)[number]

/** The steps of a provisioning job, in order. */
export const STEP_IDS = ['allocate_url', 'install_packages', 'install_sample_data', 'bind_hub'] as const
/** One of {@link STEP_IDS}. */
export type StepId = (typeof STEP_IDS)[number]

/** What each step is called where people read it. */
export const STEP_NAMES: Readonly<Record<StepId, string>> = {
  allocate_url: 'Allocate the portal URL',
  install_packages: 'Install packages',
  install_sample_data: 'Install sample data',
  bind_hub: 'Bind the hub',
}

const stepError = z.object({ code: z.string(), message: z.string() })

/** A step of a job, persisted as it runs. */
export const jobStepSchema = z.object({
  id: z.enum(STEP_IDS),
  name: z.string(),
  status: z.enum(['pending', 'running', 'succeeded', 'failed', 'skipped']),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** How many times the step was started (more than one after a resume or a restart). */
  runs: z.number().int().nonnegative(),
  progress: z
    .object({ done: z.number().int(), total: z.number().int(), current: z.string().nullable() })
    .nullable(),
  detail: z.string().nullable(),
  error: stepError.nullable(),
})
/** A step of a job. */
export type JobStep = z.infer<typeof jobStepSchema>

/** A provisioning job: one attempt at provisioning a portal, step by step. */
export const jobSchema = z.object({
  key: z.string(),
  portalId: z.string(),
  attempt: z.number().int().positive(),
  reason: z.enum(['provision', 'restart', 'change_values']),
  state: z.enum(['running', 'succeeded', 'failed']),
  steps: z.array(jobStepSchema),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** How many times the job was picked up again after the process stopped mid-way. */
  resumes: z.number().int().nonnegative(),
  error: z.object({ step: z.enum(STEP_IDS), code: z.string(), message: z.string() }).nullable(),
})
/** A provisioning job. */
export type ProvisioningJob = z.infer<typeof jobSchema>

/** Package states, as the solution management page shows them. */
export const PACKAGE_STATUSES = ['Not Installed', 'Installing', 'Installed', 'Install Failed'] as const
/** One of {@link PACKAGE_STATUSES}. */
export type PackageStatus = (typeof PACKAGE_STATUSES)[number]

const hubInput = z.strictObject({
  hubId: z.string().min(1, { error: 'hubId must not be empty' }),
  keyName: z.string().min(1, { error: 'keyName must not be empty' }),
  key: z.string().min(1, { error: 'key must not be empty' }),
})

const name = z
  .string()
  .trim()
  .min(1, { error: 'name must not be empty' })
  .max(200, { error: 'name must be at most 200 characters' })

/**
 * `POST /v1/admin/portals` body. `type` is listed only so that a request
 * naming it is refused with its own code: the Type comes from the licence.
 */
export const provisionSchema = z.strictObject({
  name,
  subdomain: z.string().max(200),
  instanceId: z.string().min(1, { error: 'instanceId must not be empty' }),
  language: z.string().min(1).max(35),
  administratorId: z.string().min(1, { error: 'administratorId must not be empty' }),
  audience: z.enum(AUDIENCE_IDS, { error: `audience must be one of ${AUDIENCE_IDS.join(', ')}` }),
  portalType: z.enum(PORTAL_TYPE_IDS, { error: `portalType must be one of ${PORTAL_TYPE_IDS.join(', ')}` }),
  termsAccepted: z.boolean().optional(),
  licenceId: z.string().min(1).optional(),
  hub: hubInput.optional(),
  type: z.unknown().optional(),
})
/** What provisioning a portal takes. */
export type ProvisionInput = z.infer<typeof provisionSchema>

/**
 * "Change Values and Restart Provisioning" body: the values that may change
 * before provisioning starts again. The instance and the Type may not.
 */
export const changeValuesSchema = z.strictObject({
  name: name.optional(),
  subdomain: z.string().max(200).optional(),
  language: z.string().min(1).max(35).optional(),
  administratorId: z.string().min(1).optional(),
  audience: z.enum(AUDIENCE_IDS, { error: `audience must be one of ${AUDIENCE_IDS.join(', ')}` }).optional(),
  portalType: z
    .enum(PORTAL_TYPE_IDS, { error: `portalType must be one of ${PORTAL_TYPE_IDS.join(', ')}` })
    .optional(),
  hub: hubInput.nullable().optional(),
  instanceId: z.unknown().optional(),
  type: z.unknown().optional(),
})
/** What "Change Values and Restart Provisioning" takes. */
export type ChangeValuesInput = z.infer<typeof changeValuesSchema>

/**
 * `PATCH /v1/admin/portals/{id}` body: a portal's name, whether its site is on
 * or off, and its IP address restrictions change; its URL and Type do not.
 */
export const updatePortalSchema = z.strictObject({
  name: name.optional(),
  portalState: z.enum(PORTAL_STATES, { error: 'portalState must be "on" or "off"' }).optional(),
  ipRestrictions: z
    .strictObject({
      enabled: z.boolean({ error: 'ipRestrictions.enabled must be true or false' }),
      allow: z
        .array(ipOrRange)
        .max(200, { error: 'ipRestrictions.allow holds at most 200 entries' })
        .default([]),
    })
    .refine((r) => !r.enabled || r.allow.length > 0, {
      error: 'ipRestrictions.allow must name at least one address or range when restrictions are enabled',
      path: ['allow'],
    })
    .optional(),
  subdomain: z.unknown().optional(),
  type: z.unknown().optional(),
})
/** What renaming a portal takes. */
export type UpdatePortalInput = z.infer<typeof updatePortalSchema>

/** `PUT /v1/admin/portals/{id}/hub-binding` body: configure (or change) the hub a portal sends to. */
export const configureHubSchema = z.strictObject({
  hubId: z.string().min(1, { error: 'hubId must not be empty' }),
  keyName: z.string().min(1, { error: 'keyName must not be empty' }),
  key: z.string().min(1, { error: 'key must not be empty' }),
  termsAccepted: z.boolean().optional(),
})
/** What configuring a portal's hub takes. */
export type ConfigureHubInput = z.infer<typeof configureHubSchema>

/** `PATCH /v1/admin/portals/{id}/hub-binding` body: update the shared access key; the hub stays. */
export const updateHubKeySchema = z.strictObject({
  key: z.string().min(1, { error: 'key must not be empty' }),
  keyName: z.string().min(1).optional(),
  hubId: z.string().optional(),
})
/** What updating a portal's shared access key takes. */
export type UpdateHubKeyInput = z.infer<typeof updateHubKeySchema>

/** A portal's status as the admin centre words it. */
export const PORTAL_STATUS_LABELS = ['Configuring', 'Provisioned', 'Provisioning Failed'] as const
/** One of {@link PORTAL_STATUS_LABELS}. */
export type PortalStatusLabel = (typeof PORTAL_STATUS_LABELS)[number]

/** Which hub a portal sends to, as shown (the key stays hidden). */
export const hubBindingViewSchema = z.object({
  hubId: z.string(),
  hubUri: z.string(),
  keyName: z.string(),
  configuredAt: z.string(),
  configuredBy: z.string(),
})
/** Which hub a portal sends to, as shown. */
export type HubBindingView = z.infer<typeof hubBindingViewSchema>

/** A portal as the admin API shows it: never its key or its site secret. */
export const portalViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** `Name-Configuring` while provisioning runs, `Name-Provisioning Failed` after a failure, else the name. */
  displayName: z.string(),
  status: z.enum(PORTAL_STATUS_LABELS),
  /** From the portal's licence; never set by a request. */
  type: z.enum(['Trial', 'Production']).nullable(),
  licenceId: z.string().nullable(),
  subdomain: z.string(),
  url: z.string(),
  instanceId: z.string(),
  language: z.string(),
  languageName: z.string(),
  administratorId: z.string(),
  audience: z.enum(AUDIENCE_IDS),
  portalType: z.enum(PORTAL_TYPE_IDS),
  portalTypeName: z.string(),
  features: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  provisionedAt: z.string().nullable(),
  hub: hubBindingViewSchema.nullable(),
  /** The custom domain the portal is served at, when one is bound (lists and reads only). */
  customDomain: z.object({ hostName: z.string(), url: z.string() }).nullable().optional(),
  /** On: the site serves its pages. Off: it answers an "offline" page. */
  portalState: z.enum(PORTAL_STATES),
  /** When enabled, the site answers only the addresses and ranges in `allow`. */
  ipRestrictions: ipRestrictionsSchema,
  provisioning: z.object({
    attempt: z.number().int(),
    state: z.enum(['running', 'succeeded', 'failed']),
    step: z.string().nullable(),
    resumes: z.number().int(),
  }),
})
/** A portal as the admin API shows it. */
export type PortalView = z.infer<typeof portalViewSchema>

/** A package's state as the solution management page shows it. */
export const packageViewSchema = z.object({
  id: z.enum(PACKAGE_IDS),
  name: z.string(),
  status: z.enum(PACKAGE_STATUSES),
  prerequisites: z.array(z.string()),
  requiresSolutions: z.array(z.string()),
  attempts: z.number().int().nonnegative(),
  installedAt: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
})
/** A package's state as shown. */
export type PackageView = z.infer<typeof packageViewSchema>

/** What provisioning, Restart and Change Values and Restart answer: the portal and its new job. */
export const portalJobSchema = z.object({ portal: portalViewSchema, job: jobSchema })

/** A portal's provisioning: the latest job with its steps, the packages, and every attempt. */
export const provisioningViewSchema = z.object({
  portalId: z.string(),
  displayName: z.string(),
  status: z.enum(PORTAL_STATUS_LABELS),
  job: jobSchema.nullable(),
  packages: z.array(packageViewSchema),
  attempts: z.array(
    z.object({
      attempt: z.number().int(),
      reason: z.enum(['provision', 'restart', 'change_values']),
      state: z.enum(['running', 'succeeded', 'failed']),
      createdAt: z.string(),
      finishedAt: z.string().nullable(),
      error: z.object({ step: z.enum(STEP_IDS), code: z.string(), message: z.string() }).nullable(),
    }),
  ),
})

const named = z.object({ id: z.string(), name: z.string() })
const portalTypeOption = z.object({
  id: z.enum(PORTAL_TYPE_IDS),
  name: z.string(),
  features: z.array(z.string()),
  packages: z.array(z.string()),
})
const audienceOption = z.object({
  id: z.enum(AUDIENCE_IDS),
  name: z.string(),
  portalTypes: z.array(
    z.object({
      id: z.enum(PORTAL_TYPE_IDS),
      name: z.string(),
      available: z.boolean(),
      requiresSolutions: z.array(named),
      missingSolutions: z.array(named),
    }),
  ),
})
const featureMatrix = z.object({
  columns: z.array(named),
  rows: z.array(z.object({ feature: z.string(), included: z.record(z.string(), z.boolean()) })),
})

/**
 * What the provisioning form offers: without `instanceId`, the instances the
 * caller may pick; with it, that instance's languages, administrators and the
 * Type its licence gives.
 */
export const provisioningOptionsSchema = z.object({
  instances: z.array(z.object({ id: z.string(), name: z.string(), canProvision: z.boolean() })).optional(),
  instance: z.object({ id: z.string(), name: z.string(), baseLanguage: z.string() }).optional(),
  canProvision: z.boolean().optional(),
  /** The Type the next licence gives; null when the tenant holds no free licence. */
  type: z.enum(['Trial', 'Production']).nullable().optional(),
  /** With `?subdomain=`: true when another portal already uses it. */
  subdomainTaken: z.boolean().optional(),
  languages: z.array(z.object({ code: z.string(), name: z.string() })).optional(),
  administrators: z
    .array(z.object({ id: z.string(), name: z.string(), email: z.string().optional() }))
    .optional(),
  audiences: z.array(audienceOption),
  portalTypes: z.array(portalTypeOption),
  featureMatrix,
})
