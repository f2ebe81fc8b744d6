/**
 * What the console reads from the admin API, as the API answers it: every
 * type is inferred from the route registry (`import type` only, so no zod
 * reaches the bundle).
 */
import type { OperationOutput } from '../schemas/index.ts'
import type { Hub, HubKey, InteractionType, KeyRight } from '../schemas/index.ts'

export type { Hub, HubKey, InteractionType, KeyRight }

type Item<T> = T extends ReadonlyArray<infer E> ? E : never

/** A user (an admin principal), as `getMe` answers it. */
export type User = OperationOutput<'getMe'>

/** A role a user holds: tenant-wide, or on one instance. */
export type Role = User['roles'][number]

/** A hub with its keys, catalogue and profile configuration. */
export type HubView = OperationOutput<'getHub'>

/** `GET /v1/admin/portals/{id}/provisioning`: the current job, the packages and every attempt. */
export type ProvisioningState = OperationOutput<'getProvisioning'>

/** A provisioning job. */
export type ProvisioningJob = NonNullable<ProvisioningState['job']>

/** A provisioning job's step. */
export type JobStep = ProvisioningJob['steps'][number]

/** A portal as the admin API shows it. */
export type Portal = OperationOutput<'getPortal'>

/** A package's state for a portal. */
export type PortalPackage = OperationOutput<'retryPackage'>

/** The provisioning form's choices (without an instance, only `instances` and the catalogue). */
export type ProvisioningOptions = OperationOutput<'getProvisioningOptions'>

/** A portal type an audience offers. */
export type PortalTypeOption = ProvisioningOptions['audiences'][number]['portalTypes'][number]

/** An instance. */
export type Instance = OperationOutput<'getInstance'>

/** A portal licence. */
export type Licence = Item<OperationOutput<'listLicences'>['licences']>

/** A contact of an instance. */
export type Contact = Item<OperationOutput<'listContacts'>['contacts']>

/** An interaction type in a hub's catalogue. */
export type CatalogueType = Item<OperationOutput<'listInteractionTypes'>['types']>

/** A quarantined item. */
export type QuarantineItem = Item<OperationOutput<'listQuarantine'>['items']>

/** Whether the user holds a tenant-wide administrator role. */
export const isTenantAdmin = (user: Pick<User, 'roles'>): boolean =>
  user.roles.some((r) => r.role === 'global_administrator' || r.role === 'service_administrator')

/**
 * Whether the user may read the audit log: tenant administrators all of it, an
 * instance's System Administrator the entries about that instance's records.
 */
export const canReadAudit = (user: Pick<User, 'roles'>): boolean =>
  isTenantAdmin(user) || user.roles.some((r) => r.role === 'system_administrator')

/** Whether the user is a System Administrator of some instance (and so may provision). */
export const canProvisionSomewhere = (user: Pick<User, 'roles'>): boolean =>
  user.roles.some((r) => r.role === 'system_administrator')

/** Whether the user may manage portals of `instanceId` (the seed's rule). */
export const canManagePortal = (user: Pick<User, 'roles'>, instanceId: string): boolean =>
  isTenantAdmin(user) ||
  user.roles.some((r) => r.role === 'system_administrator' && r.instanceId === instanceId)

/** An entry of the audit log. */
export type AuditEntry = Item<OperationOutput<'listAuditEntries'>['entries']>
