import type { CreateUserInput, UserView } from '../../schemas/index.ts'
import type { Principal, PrincipalService, Role } from '../admin/principal-service.ts'
import { DomainError } from '../errors.ts'
import type { InstanceService } from './instance-service.ts'
import {
  assertTenantAdministrator,
  canGrantRole,
  describeRole,
  hasInstanceRole,
  isAdministrator,
  isGlobalAdministrator,
  isTenantAdministrator,
  roleBeyond,
  sameRole,
} from './permissions.ts'

export type { UserView }

/** A principal as the admin API shows it: never the token or its hash, only who issued it and when. */
export const toUserView = (p: Principal): UserView => ({
  id: p.id,
  name: p.name,
  ...(p.email ? { email: p.email } : {}),
  roles: p.roles,
  createdAt: p.createdAt,
  token: {
    issuedAt: p.tokenIssuedAt ?? p.createdAt,
    issuedBy: p.tokenIssuedBy ?? null,
    expiresAt: p.tokenExpiresAt ?? null,
    revokedAt: p.tokenRevokedAt ?? null,
  },
})

/** What the user service logs: who did what to whose account, never a token. */
export interface UserServiceLog {
  info(obj: object, msg: string): void
}

/** Refused: acting on another user needs the right to grant each role they hold. */
const actForbidden = (user: Principal, beyond: Role, what: string) =>
  new DomainError(
    'forbidden',
    'role_grant_forbidden',
    `you may not ${what} of user ${user.id}: they hold ${describeRole(beyond)}, which you may not grant`,
    'userId',
  )

/**
 * Users of the admin centre: principals with tenant-wide roles (Global,
 * Service Administrator) and roles per instance (System Administrator,
 * System Customizer). Creating a user issues a bearer token, shown once and
 * stored hashed. Granting follows {@link canGrantRole}.
 *
 * @example
 * const { user, token } = await users.create(admin, {
 *   name: 'Jay', roles: [{ role: 'system_administrator', instanceId }],
 * })
 */
export function createUserService(deps: {
  principals: PrincipalService
  instances: InstanceService
  log?: UserServiceLog
  /**
   * One change of users at a time (the last Global Administrator is kept):
   * the control plane's lock, so on every node (`serialWriter(db, 'users')`).
   */
  serialise: <T>(fn: () => Promise<T>) => Promise<T>
}) {
  const { serialise } = deps

  const load = async (id: string): Promise<Principal> => {
    const p = await deps.principals.get(id)
    if (!p)
      throw new DomainError('not_found', 'user_not_found', `no user with id ${JSON.stringify(id)}`, 'userId')
    return p
  }

  /** Checks that the actor may grant or take away each role, and that each instance exists. */
  const checkGrants = async (actor: Principal, changed: readonly Role[]) => {
    for (const role of changed) {
      if ('instanceId' in role) await deps.instances.get(role.instanceId, 'roles')
      if (!canGrantRole(actor, role)) {
        throw new DomainError(
          'forbidden',
          'role_grant_forbidden',
          `you may not grant or remove ${describeRole(role)}`,
          'roles',
        )
      }
    }
  }

  /** Themselves, or a tenant administrator who may grant every role the user holds. */
  const mayTouchToken = async (actor: Principal, id: string, what: string) => {
    if (actor.id !== id) assertTenantAdministrator(actor, `${what.split(' ')[0]} other users' tokens`)
    const user = await load(id)
    const beyond = actor.id === id ? null : roleBeyond(actor, user)
    if (beyond) throw actForbidden(user, beyond, what)
  }

  const dedupe = (roles: readonly Role[]): Role[] =>
    roles.filter((r, i) => roles.findIndex((o) => sameRole(o, r)) === i)

  return {
    /** Creates a user and issues their bearer token (returned once). */
    create: (actor: Principal, input: CreateUserInput): Promise<{ user: UserView; token: string }> =>
      serialise(async () => {
        assertTenantAdministrator(actor, 'create users')
        const roles = dedupe(input.roles)
        await checkGrants(actor, roles)
        const { principal, token } = await deps.principals.create({
          name: input.name,
          email: input.email,
          roles,
          issuedBy: actor.id,
        })
        return { user: toUserView(principal), token }
      }),

    /** Every user, oldest first. */
    async list(actor: Principal): Promise<UserView[]> {
      assertTenantAdministrator(actor, 'list users')
      return (await deps.principals.list())
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map(toUserView)
    },

    /** One user: tenant administrators see anyone, everyone sees themselves. */
    async get(actor: Principal, id: string): Promise<UserView> {
      if (actor.id !== id) assertTenantAdministrator(actor, 'see other users')
      return toUserView(await load(id))
    },

    /**
     * Replaces a user's roles. On another user, the actor must be an
     * administrator who may grant every role the user holds; each role added
     * or removed must be one the actor may grant; the last Global
     * Administrator cannot lose the role.
     */
    setRoles: (actor: Principal, id: string, roles: readonly Role[]): Promise<UserView> =>
      serialise(async () => {
        if (actor.id !== id && !isAdministrator(actor)) {
          throw new DomainError(
            'forbidden',
            'role_grant_forbidden',
            "only an administrator may change other users' roles",
            'userId',
          )
        }
        const user = await load(id)
        const beyond = actor.id === id ? null : roleBeyond(actor, user)
        if (beyond) throw actForbidden(user, beyond, 'change the roles')
        const next = dedupe(roles)
        const added = next.filter((r) => !user.roles.some((o) => sameRole(o, r)))
        const removed = user.roles.filter((r) => !next.some((o) => sameRole(o, r)))
        await checkGrants(actor, [...added, ...removed])
        if (removed.some((r) => r.role === 'global_administrator')) {
          const others = (await deps.principals.list()).filter((p) => p.id !== id && isGlobalAdministrator(p))
          if (others.length === 0) {
            throw new DomainError(
              'conflict',
              'last_global_administrator',
              'the tenant must keep at least one global administrator; grant the role to someone else first',
              'roles',
            )
          }
        }
        const updated = { ...user, roles: next }
        await deps.principals.update(updated)
        return toUserView(updated)
      }),

    /**
     * Issues a new token for a user: themselves, or another user for a tenant
     * administrator who may grant every role that user holds (whoever holds
     * the new token acts as the user). Recorded on the user and logged,
     * without the token.
     */
    async rotateToken(actor: Principal, id: string): Promise<{ token: string; expiresAt: string }> {
      await mayTouchToken(actor, id, 'rotate the token')
      const { token, principal } = await deps.principals.rotateToken(id, actor.id)
      deps.log?.info({ userId: id, by: actor.id }, 'admin token rotated')
      return { token, expiresAt: principal.tokenExpiresAt! }
    },

    /**
     * Revokes a user's token, and every console session started with it:
     * their own, or another user's under the same rule as rotating it.
     * Recorded on the user (`token.revokedAt`) and logged. It stays revoked
     * until someone rotates it.
     */
    async revokeToken(actor: Principal, id: string): Promise<UserView> {
      await mayTouchToken(actor, id, 'revoke the token')
      const principal = await deps.principals.revokeToken(id, actor.id)
      deps.log?.info({ userId: id, by: actor.id }, 'admin token revoked')
      return toUserView(principal)
    },

    /** The users who are System Administrators of an instance: the possible portal administrators. */
    async systemAdministratorsOf(instanceId: string): Promise<UserView[]> {
      return (await deps.principals.list())
        .filter((p) => hasInstanceRole(p, instanceId, 'system_administrator'))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map(toUserView)
    },

    /** Whether a principal is a tenant administrator (for views that differ by role). */
    isTenantAdministrator,
  }
}

/** The user service's interface. */
export type UserService = ReturnType<typeof createUserService>
