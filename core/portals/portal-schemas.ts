import { z } from 'zod'
import {
  AUDIENCE_IDS,
  PACKAGE_IDS,
  PACKAGE_STATUSES,
  PORTAL_STATES,
  PORTAL_STATUSES,
  PORTAL_TYPE_IDS,
  ipRestrictionsSchema,
} from '../../schemas/index.ts'

export {
  PACKAGE_STATUSES,
  PORTAL_STATES,
  PORTAL_STATUSES,
  ipRestrictionsSchema,
  STEP_IDS,
  STEP_NAMES,
  changeValuesSchema,
  configureHubSchema,
  jobSchema,
  jobStepSchema,
  provisionSchema,
  updateHubKeySchema,
  updatePortalSchema,
} from '../../schemas/index.ts'
export type {
  ChangeValuesInput,
  ConfigureHubInput,
  IpRestrictions,
  PortalState,
  JobStep,
  PackageStatus,
  PortalStatus,
  ProvisionInput,
  ProvisioningJob,
  StepId,
  UpdateHubKeyInput,
  UpdatePortalInput,
} from '../../schemas/index.ts'

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

/** One package's state for one portal. */
export const packageStateSchema = z.object({
  portalId: z.string(),
  packageId: z.enum(PACKAGE_IDS),
  status: z.enum(PACKAGE_STATUSES),
  attempts: z.number().int().nonnegative(),
  language: z.string(),
  updatedAt: z.string(),
  installedAt: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
})
/** One package's state for one portal. */
export type PackageState = z.infer<typeof packageStateSchema>
