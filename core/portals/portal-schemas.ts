import { z } from 'zod'
import { isIpOrRange } from './ip-allow-list.ts'
import { AUDIENCE_IDS, PACKAGE_IDS, PORTAL_TYPE_IDS } from './portal-catalogue.ts'

/** Where a portal is in its life: being provisioned, provisioned, or failed. */
export const PORTAL_STATUSES = ['configuring', 'provisioned', 'failed'] as const
/** One of {@link PORTAL_STATUSES}. */
export type PortalStatus = (typeof PORTAL_STATUSES)[number]

const hubBindingSchema = z.object({
  hubId: z.string(),
  keyName: z.string(),
  /** The shared access key the portal signs its beacon tokens with. Never shown. */
  key: z.string(),
  configuredAt: z.string(),
  configuredBy: z.string(),
})
/** Which hub a portal sends to, and the key it mints its tokens with. */
export type HubBinding = z.infer<typeof hubBindingSchema>

/** Whether a portal's site is turned on (it serves its pages) or off (it answers an "offline" page). */
export const PORTAL_STATES = ['on', 'off'] as const
/** One of {@link PORTAL_STATES}. */
export type PortalState = (typeof PORTAL_STATES)[number]

/** An IPv4 or IPv6 address, or a CIDR range of either. */
const ipOrRange = z.string().refine((v) => isIpOrRange(v), {
  error: (i) =>
    `each entry must be an IPv4 or IPv6 address or a CIDR range like 203.0.113.0/24, got ${JSON.stringify(i.input)}`,
})

/** IP address restrictions: when enabled, the site answers only addresses in `allow`. */
export const ipRestrictionsSchema = z.object({
  enabled: z.boolean(),
  allow: z.array(z.string()),
})
/** A portal's IP address restrictions. */
export type IpRestrictions = z.infer<typeof ipRestrictionsSchema>

/** A portal as stored. */
export const storedPortalSchema = z.object({
  id: z.string(),
  name: z.string(),
  subdomain: z.string(),
  instanceId: z.string(),
  language: z.string(),
  administratorId: z.string(),
  audience: z.enum(AUDIENCE_IDS),
  portalType: z.enum(PORTAL_TYPE_IDS),
  status: z.enum(PORTAL_STATUSES),
  termsAcceptedAt: z.string(),
  termsAcceptedBy: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  provisionedAt: z.string().nullable(),
  /** The latest provisioning job's key. */
  jobKey: z.string(),
  /** The hub asked for at provisioning; the job's last step binds it. */
  requestedHub: z.object({ hubId: z.string(), keyName: z.string(), key: z.string() }).nullable(),
  hubBinding: hubBindingSchema.nullable(),
  /** Signs visitors' demo sessions. Never shown. */
  siteSecret: z.string(),
  /** On: the site serves its pages. Off: it answers an "offline" page. */
  portalState: z.enum(PORTAL_STATES).default('on'),
  /** The allow-list the site enforces when enabled. */
  ipRestrictions: ipRestrictionsSchema.default({ enabled: false, allow: [] }),
})
/** A portal as stored (with its secrets). */
export type StoredPortal = z.infer<typeof storedPortalSchema>

/** Which portal a subdomain belongs to; `allocated` once the job's first step has run. */
export const subdomainClaimSchema = z.object({
  portalId: z.string(),
  state: z.enum(['reserved', 'allocated']),
  at: z.string(),
})

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

/** One package's state for one portal. */
export const packageStateSchema = z.object({
  portalId: z.string(),
  packageId: z.enum(PACKAGE_IDS),
  status: z.enum(PACKAGE_STATUSES),
  attempts: z.number().int().nonnegative(),
  language: z.string(),
  updatedAt: z.string(),
  installedAt: z.string().nullable(),
  error: stepError.nullable(),
})
/** One package's state for one portal. */
export type PackageState = z.infer<typeof packageStateSchema>

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
