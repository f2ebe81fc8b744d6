import type { Principal, Role } from '../admin/principal-service.ts'
import { DomainError } from '../errors.ts'

/**
 * What someone who may not manage a portal is told, in the seed's words
 * (without the brand).
 */
export const MANAGE_PORTAL_DENIED_MESSAGE =
  'You need to be a global administrator, service administrator, or system administrator for this organization in order to manage this portal.'

type WithRoles = Pick<Principal, 'roles'>

/** Whether the principal is a Global Administrator. */
export const isGlobalAdministrator = (p: WithRoles): boolean =>
  p.roles.some((r) => r.role === 'global_administrator')

/** Whether the principal is a Global or Service Administrator (tenant-wide). */
export const isTenantAdministrator = (p: WithRoles): boolean =>
  p.roles.some((r) => r.role === 'global_administrator' || r.role === 'service_administrator')

/** Whether the principal holds `role` on the instance. */
export const hasInstanceRole = (
  p: WithRoles,
  instanceId: string,
  role: 'system_administrator' | 'system_customizer',
): boolean => p.roles.some((r) => r.role === role && r.instanceId === instanceId)

/** Whether the principal holds any role on the instance. */
export const hasAnyInstanceRole = (p: WithRoles, instanceId: string): boolean =>
  p.roles.some(
    (r) =>
      (r.role === 'system_administrator' || r.role === 'system_customizer') && r.instanceId === instanceId,
  )

/**
 * Whether the principal may manage a portal linked to `instanceId`: a Global
 * Administrator, a Service Administrator, or a System Administrator of that
 * instance.
 */
export const canManagePortal = (p: WithRoles, instanceId: string): boolean =>
  isTenantAdministrator(p) || hasInstanceRole(p, instanceId, 'system_administrator')

/** Throws the seed's 403 (`portal_manage_forbidden`) unless {@link canManagePortal}. */
export function assertCanManagePortal(p: WithRoles, instanceId: string): void {
  if (!canManagePortal(p, instanceId)) {
    throw new DomainError('forbidden', 'portal_manage_forbidden', MANAGE_PORTAL_DENIED_MESSAGE)
  }
}

/** Throws `tenant_admin_required` (403) unless the principal is a Global or Service Administrator. */
export function assertTenantAdministrator(p: WithRoles, action: string): void {
  if (!isTenantAdministrator(p)) {
    throw new DomainError(
      'forbidden',
      'tenant_admin_required',
      `only a global administrator or service administrator may ${action}`,
    )
  }
}

/**
 * Throws `role_required` (403) unless the principal may manage hubs (their
 * keys, catalogue and profiles): a Global or Service Administrator. The hub
 * routes and the checker actions that change a hub ask the same.
 */
export function assertCanManageHubs(p: WithRoles): void {
  if (!isTenantAdministrator(p)) {
    throw new DomainError(
      'forbidden',
      'role_required',
      'only a global administrator or service administrator may manage hubs',
    )
  }
}

/**
 * Throws `instance_admin_required` (403) unless the principal is a tenant
 * administrator or a System Administrator of the instance.
 */
export function assertInstanceAdministrator(p: WithRoles, instanceId: string, action: string): void {
  if (!isTenantAdministrator(p) && !hasInstanceRole(p, instanceId, 'system_administrator')) {
    throw new DomainError(
      'forbidden',
      'instance_admin_required',
      `only a global administrator, service administrator or system administrator of instance ${instanceId} may ${action}`,
    )
  }
}

/**
 * Whether `granter` may give or take away `role`: only a Global Administrator
 * grants Global Administrator; a Global or Service Administrator grants
 * Service Administrator; instance roles are granted by a tenant
 * administrator or a System Administrator of that instance.
 */
export function canGrantRole(granter: WithRoles, role: Role): boolean {
  switch (role.role) {
    case 'global_administrator':
      return isGlobalAdministrator(granter)
    case 'service_administrator':
      return isTenantAdministrator(granter)
    case 'system_administrator':
    case 'system_customizer':
      return (
        isTenantAdministrator(granter) || hasInstanceRole(granter, role.instanceId, 'system_administrator')
      )
  }
}

/** Whether the principal administers anything: a tenant role, or System Administrator of an instance. */
export const isAdministrator = (p: WithRoles): boolean =>
  isTenantAdministrator(p) || p.roles.some((r) => r.role === 'system_administrator')

/**
 * The first role `target` holds that `actor` may not grant, or null when
 * `actor` could grant every one. Acting on another user's account (their
 * roles, their token) needs the right to grant every role they hold:
 * otherwise taking over the account would hand the actor a role above their
 * own (a Service Administrator rotating a Global Administrator's token).
 */
export const roleBeyond = (actor: WithRoles, target: WithRoles): Role | null =>
  target.roles.find((r) => !canGrantRole(actor, r)) ?? null

/** A role as text, for messages: `system_administrator of 5b0c…`. */
export const describeRole = (role: Role): string =>
  'instanceId' in role ? `${role.role} of instance ${role.instanceId}` : role.role

/** Whether two roles are the same grant. */
export const sameRole = (a: Role, b: Role): boolean =>
  a.role === b.role && ('instanceId' in a ? a.instanceId : '') === ('instanceId' in b ? b.instanceId : '')
