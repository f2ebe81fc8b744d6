/**
 * What the console reads from the admin API, as the API answers it. Hubs come
 * from `schemas/`; the portal and tenancy views are written here until the
 * typed client (generated from the route registry) replaces them.
 */
import type { Hub, HubKey, InteractionType, KeyRight } from '../schemas/index.ts'

export type { Hub, HubKey, InteractionType, KeyRight }

/** A role a user holds: tenant-wide, or on one instance. */
export type Role =
  | { role: 'global_administrator' }
  | { role: 'service_administrator' }
  | { role: 'system_administrator'; instanceId: string }
  | { role: 'system_customizer'; instanceId: string }

/** A user (an admin principal). */
export interface User {
  id: string
  name: string
  email?: string
  roles: Role[]
  createdAt: string
}

/** A hub with its catalogue and profile configuration. */
export interface HubView extends Hub {
  capturedTypes: InteractionType[]
  profile: { entity: 'contact'; linkedTypes: InteractionType[] } | null
}

/** A provisioning job's step. */
export interface JobStep {
  id: string
  name: string
  status: 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped'
  startedAt: string | null
  finishedAt: string | null
  runs: number
  progress: { done: number; total: number; current: string | null } | null
  detail: string | null
  error: { code: string; message: string } | null
}

/** A provisioning job. */
export interface ProvisioningJob {
  key: string
  attempt: number
  reason: 'provision' | 'restart' | 'change_values'
  state: 'running' | 'succeeded' | 'failed'
  steps: JobStep[]
  createdAt: string
  finishedAt: string | null
  error: { step: string; code: string; message: string } | null
}

/** `GET /v1/admin/portals/{id}/provisioning`: the current job, the packages and every attempt. */
export interface ProvisioningState {
  portalId: string
  displayName: string
  status: Portal['status']
  job: ProvisioningJob | null
  packages: PortalPackage[]
  attempts: Array<{
    attempt: number
    reason: ProvisioningJob['reason']
    state: ProvisioningJob['state']
    createdAt: string
    finishedAt: string | null
    error: ProvisioningJob['error']
  }>
}

/** A portal as the admin API shows it. */
export interface Portal {
  id: string
  name: string
  displayName: string
  status: 'Configuring' | 'Provisioned' | 'Provisioning Failed'
  type: 'Trial' | 'Production' | null
  licenceId: string | null
  subdomain: string
  url: string
  instanceId: string
  language: string
  languageName: string
  administratorId: string
  audience: string
  portalType: string
  portalTypeName: string
  features: string[]
  createdAt: string
  updatedAt: string
  provisionedAt: string | null
  hub: { hubId: string; hubUri: string; keyName: string; configuredAt: string; configuredBy: string } | null
  provisioning: {
    attempt: number
    state: 'running' | 'succeeded' | 'failed'
    step: string | null
    resumes: number
  }
  /** Set by later API versions (custom domain, on/off); absent before. */
  customDomain?: { hostName: string; url?: string } | string | null
  /** On: the site serves its pages. Off: it answers an "offline" page. */
  portalState?: 'on' | 'off'
  /** When enabled, the site answers only the addresses and ranges in `allow`. */
  ipRestrictions?: { enabled: boolean; allow: string[] }
}

/** A package's state for a portal. */
export interface PortalPackage {
  id: string
  name: string
  status: 'Not Installed' | 'Installing' | 'Installed' | 'Install Failed'
  prerequisites: string[]
  requiresSolutions: string[]
  attempts: number
  installedAt: string | null
  error: { code: string; message: string } | null
}

/** A portal type an audience offers. */
export interface PortalTypeOption {
  id: string
  name: string
  available: boolean
  requiresSolutions: Array<{ id: string; name: string }>
  missingSolutions: Array<{ id: string; name: string }>
}

/** The provisioning form's choices (without an instance, only `instances` and the catalogue). */
export interface ProvisioningOptions {
  instances?: Array<{ id: string; name: string; canProvision: boolean }>
  instance?: { id: string; name: string; baseLanguage: string }
  canProvision?: boolean
  type?: 'Trial' | 'Production' | null
  languages?: Array<{ code: string; name: string }>
  administrators?: Array<{ id: string; name: string; email?: string }>
  audiences: Array<{ id: string; name: string; portalTypes: PortalTypeOption[] }>
  portalTypes: Array<{ id: string; name: string; features: string[]; packages: string[] }>
  featureMatrix: {
    columns: Array<{ id: string; name: string }>
    rows: Array<{ feature: string; included: Record<string, boolean> }>
  }
}

/** An instance. */
export interface Instance {
  id: string
  name: string
  baseLanguage: string
  installedLanguages: string[]
  installedSolutions: string[]
  createdAt: string
  updatedAt: string
}

/** A portal licence. */
export interface Licence {
  id: string
  type: 'trial' | 'production'
  createdAt: string
  expiresAt: string | null
  portalId: string | null
}

/** A contact of an instance. */
export interface Contact {
  crmrecordid: string
  name: string
  email: string
  accountName?: string
}

/** An interaction type in a hub's catalogue. */
export interface CatalogueType {
  type: InteractionType
  displayName: string
  description: string
  fields: string[]
  captured: boolean
}

/** A quarantined item. */
export interface QuarantineItem {
  hubId: string
  /** ISO 8601 (older servers answered milliseconds). */
  receivedAt: string | number
  stage?: 'edge' | 'store'
  code: string
  path: string
  message: string
  raw: string
}

/** Whether the user holds a tenant-wide administrator role. */
export const isTenantAdmin = (user: Pick<User, 'roles'>): boolean =>
  user.roles.some((r) => r.role === 'global_administrator' || r.role === 'service_administrator')

/** Whether the user is a System Administrator of some instance (and so may provision). */
export const canProvisionSomewhere = (user: Pick<User, 'roles'>): boolean =>
  user.roles.some((r) => r.role === 'system_administrator')

/** Whether the user may manage portals of `instanceId` (the seed's rule). */
export const canManagePortal = (user: Pick<User, 'roles'>, instanceId: string): boolean =>
  isTenantAdmin(user) ||
  user.roles.some((r) => r.role === 'system_administrator' && r.instanceId === instanceId)
