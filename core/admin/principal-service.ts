import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { type Role, roleSchema } from '../../schemas/index.ts'
import { DomainError } from '../errors.ts'
import { type RecordStore, createRecordRepository } from '../store/record-repository.ts'

export { roleSchema, type Role }

const principalSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().optional(),
  roles: z.array(roleSchema),
  /** SHA-256 of the bearer token, hex; the token itself is never stored. */
  tokenHash: z.string(),
  createdAt: z.string(),
  bootstrap: z.boolean().default(false),
  /** When the current token was issued (absent on records older than this field: their `createdAt`). */
  tokenIssuedAt: z.string().optional(),
  /** Who issued it: the principal's id, or absent for the server (bootstrap, start). */
  tokenIssuedBy: z.string().optional(),
  /**
   * When the current token stops working. Absent only on records from before
   * expiry existed, until the next start dates them ({@link
   * PrincipalService.ensureBootstrapAdmin}); an undated token is refused.
   */
  tokenExpiresAt: z.string().optional(),
  /** When the current token was revoked (it stays revoked until a new one is issued). */
  tokenRevokedAt: z.string().optional(),
  /** Who revoked it. */
  tokenRevokedBy: z.string().optional(),
})
/** Someone who may call the admin API. */
export type Principal = z.infer<typeof principalSchema>

/**
 * The token index, by token hash: a principal's own token, or a console
 * session started with it (valid while that token is the principal's
 * current, unrevoked one, and until its own expiry).
 */
const tokenIndexSchema = z.object({
  principalId: z.string(),
  session: z.object({ parentHash: z.string(), startedAt: z.string(), expiresAt: z.string() }).optional(),
})

/** How long an admin token lives by default: 90 days (`CASETRAIL_ADMIN_TOKEN_TTL_DAYS`). */
export const DEFAULT_ADMIN_TOKEN_TTL_MS = 90 * 24 * 3600_000
/** How long a console session lives at most: 12 hours, and never past its token's expiry. */
export const ADMIN_SESSION_TTL_MS = 12 * 3600_000

/** SHA-256 of a bearer token, hex. */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex')

/** A fresh admin bearer token: `ct_` and 32 random bytes, base64url. */
export const generateAdminToken = (): string => `ct_${randomBytes(32).toString('base64url')}`

/** A fresh console session token: `cts_` and 32 random bytes, base64url. */
const generateSessionToken = (): string => `cts_${randomBytes(32).toString('base64url')}`

/** Whether the principal holds a tenant-wide administrator role. */
export const isTenantAdmin = (p: Pick<Principal, 'roles'>): boolean =>
  p.roles.some((r) => r.role === 'global_administrator' || r.role === 'service_administrator')

/** Who a bearer token is, and what it is: the principal's own token, or a console session. */
export interface Bearer {
  principal: Principal
  /** SHA-256 of the bearer token (the index key), hex. */
  hash: string
  /** The session, when the bearer is a console session token. */
  session: { startedAt: string; expiresAt: string } | null
}

const invalid = () =>
  new DomainError(
    'unauthenticated',
    'admin_token_invalid',
    'the bearer token does not belong to any principal',
  )

/**
 * Principals of the admin API and their bearer tokens (stored hashed; looked
 * up by hash, then compared in constant time). Tokens expire (`tokenTtlMs`,
 * 90 days by default) and can be revoked; console sessions are short-lived
 * tokens started with a principal's token and ended at sign-out.
 *
 * @example
 * const principals = createPrincipalService({ db })
 * const { generatedToken } = await principals.ensureBootstrapAdmin(config.bootstrapToken)
 * const me = await principals.authenticate(bearer)
 */
export function createPrincipalService(deps: {
  db: RecordStore
  clock?: () => number
  /** How long an admin token lives from its issue (ms). */
  tokenTtlMs?: number
}) {
  const clock = deps.clock ?? Date.now
  const ttl = deps.tokenTtlMs ?? DEFAULT_ADMIN_TOKEN_TTL_MS
  const principals = createRecordRepository(deps.db, 'cp_principals', principalSchema)
  const tokens = createRecordRepository(deps.db, 'cp_principal_tokens', tokenIndexSchema)
  const iso = (ms: number) => new Date(ms).toISOString()

  /** The principal with a new token hash, issued now by `by`, not revoked. */
  const withToken = (principal: Principal, token: string, by: string | undefined): Principal => {
    const { tokenIssuedBy: _by, tokenRevokedAt: _at, tokenRevokedBy: _who, ...rest } = principal
    const now = clock()
    return {
      ...rest,
      tokenHash: hashToken(token),
      tokenIssuedAt: iso(now),
      tokenExpiresAt: iso(now + ttl),
      ...(by ? { tokenIssuedBy: by } : {}),
    }
  }

  /** Replaces a principal's token: the old one and every session started with it stop working. */
  const replaceToken = async (principal: Principal, token: string, by: string | undefined) => {
    await tokens.delete(principal.tokenHash)
    const next = withToken(principal, token, by)
    await principals.put(next.id, next)
    await tokens.put(next.tokenHash, { principalId: next.id })
    return next
  }

  const create = async (input: {
    name: string
    email?: string
    roles: Role[]
    token?: string
    bootstrap?: boolean
    /** Who creates it (absent: the server). */
    issuedBy?: string
  }) => {
    const token = input.token ?? generateAdminToken()
    const principal = withToken(
      {
        id: randomUUID(),
        name: input.name,
        email: input.email,
        roles: input.roles,
        tokenHash: '',
        createdAt: iso(clock()),
        bootstrap: input.bootstrap ?? false,
      },
      token,
      input.issuedBy,
    )
    await principals.put(principal.id, principal)
    await tokens.put(principal.tokenHash, { principalId: principal.id })
    return { principal, token }
  }

  /** Whether a principal's current token still works at `now`. */
  const tokenLive = (p: Principal, now: number): boolean =>
    p.tokenRevokedAt === undefined && p.tokenExpiresAt !== undefined && Date.parse(p.tokenExpiresAt) > now

  /**
   * Who a bearer token is. `admin_token_invalid` for an unknown, revoked or
   * replaced token (or a session whose token was), `admin_token_expired` for
   * one past its expiry.
   */
  async function identify(token: string): Promise<Bearer> {
    const hash = hashToken(token)
    const index = await tokens.get(hash)
    const principal = index ? await principals.get(index.principalId) : null
    // A session is valid while it names its principal's current token; a token, while it is it.
    const expected = index?.session ? index.session.parentHash : hash
    const stored = Buffer.from(principal?.tokenHash || '0'.repeat(64), 'hex')
    const given = Buffer.from(expected, 'hex')
    if (!principal || stored.length !== given.length || !timingSafeEqual(stored, given)) throw invalid()
    if (principal.tokenRevokedAt !== undefined) throw invalid()
    const now = clock()
    if (!tokenLive(principal, now)) {
      throw new DomainError(
        'unauthenticated',
        'admin_token_expired',
        `the admin token expired${principal.tokenExpiresAt ? ` at ${principal.tokenExpiresAt}` : ''}; ask an administrator for a new one (POST /v1/admin/users/{userId}/token)`,
      )
    }
    const session = index?.session ?? null
    if (session && Date.parse(session.expiresAt) <= now) {
      await tokens.delete(hash)
      throw new DomainError(
        'unauthenticated',
        'admin_token_expired',
        `the console session expired at ${session.expiresAt}; sign in again`,
      )
    }
    return {
      principal,
      hash,
      session: session ? { startedAt: session.startedAt, expiresAt: session.expiresAt } : null,
    }
  }

  const ensureBootstrapAdminLocked = async (
    token: string | undefined,
  ): Promise<{
    principal: Principal
    generatedToken?: string
    replacedToken?: boolean
    revoked?: boolean
    expired?: boolean
  }> => {
    const all = (await principals.list()).map((r) => r.value)
    for (const p of all.filter((x) => x.tokenExpiresAt === undefined)) {
      await principals.put(p.id, { ...p, tokenExpiresAt: iso(clock() + ttl) })
    }
    // Sessions nobody signed out of are forgotten once they have expired (the index would only grow).
    for (const { key, value } of await tokens.list()) {
      if (value.session && Date.parse(value.session.expiresAt) <= clock()) await tokens.delete(key)
    }
    const existing = (await principals.list()).map((r) => r.value).find((p) => p.bootstrap)
    if (existing) {
      if (token && existing.tokenHash !== hashToken(token)) {
        return { principal: await replaceToken(existing, token, undefined), replacedToken: true }
      }
      if (existing.tokenRevokedAt !== undefined) return { principal: existing, revoked: true }
      if (!tokenLive(existing, clock())) return { principal: existing, expired: true }
      return { principal: existing }
    }
    const made = await create({
      name: 'Bootstrap administrator',
      roles: [{ role: 'global_administrator' }],
      token,
      bootstrap: true,
    })
    return token ? { principal: made.principal } : { principal: made.principal, generatedToken: made.token }
  }

  return {
    create,

    get: (id: string) => principals.get(id),

    list: async () => (await principals.list()).map((r) => r.value),

    update: async (principal: Principal) => principals.put(principal.id, principal),

    /**
     * Issues a new token for a principal, recording who issued it (`by`, a
     * principal's id) and when; the old one, and every console session
     * started with it, stop working.
     */
    async rotateToken(id: string, by: string): Promise<{ token: string; principal: Principal }> {
      const principal = await principals.get(id)
      if (!principal) throw new DomainError('not_found', 'principal_not_found', `no principal with id ${id}`)
      const token = generateAdminToken()
      return { token, principal: await replaceToken(principal, token, by) }
    },

    /**
     * Revokes a principal's token (`by`, a principal's id, revokes it): it and
     * every console session started with it stop working at once, on every
     * node (the index entry is gone; sessions check their token). It stays
     * revoked until a new token is issued.
     */
    async revokeToken(id: string, by: string): Promise<Principal> {
      const principal = await principals.get(id)
      if (!principal) throw new DomainError('not_found', 'principal_not_found', `no principal with id ${id}`)
      await tokens.delete(principal.tokenHash)
      if (principal.tokenRevokedAt !== undefined) return principal
      const next: Principal = { ...principal, tokenRevokedAt: iso(clock()), tokenRevokedBy: by }
      await principals.put(id, next)
      return next
    },

    /**
     * Starts a console session with a principal's own token (not with a
     * session): a new bearer token that lives {@link ADMIN_SESSION_TTL_MS}
     * at most and never past the token's expiry, and that sign-out ends.
     */
    async startSession(bearer: Bearer): Promise<{ token: string; expiresAt: string }> {
      if (bearer.session) {
        throw new DomainError(
          'forbidden',
          'admin_token_required',
          'a console session is started with an admin token, not with another session',
        )
      }
      const now = clock()
      const tokenExpiry = Date.parse(bearer.principal.tokenExpiresAt ?? iso(now))
      const expiresAt = iso(Math.min(now + ADMIN_SESSION_TTL_MS, tokenExpiry))
      const token = generateSessionToken()
      await tokens.put(hashToken(token), {
        principalId: bearer.principal.id,
        session: { parentHash: bearer.principal.tokenHash, startedAt: iso(now), expiresAt },
      })
      return { token, expiresAt }
    },

    /** Ends the console session a bearer is (sign-out): its token stops working at once. */
    async endSession(bearer: Bearer): Promise<void> {
      if (!bearer.session) {
        throw new DomainError(
          'invalid',
          'admin_session_required',
          'this ends the console session whose token is sent; an admin token is revoked with DELETE /v1/admin/users/{userId}/token',
        )
      }
      await tokens.delete(bearer.hash)
    },

    /**
     * Makes sure a Global Administrator exists, dates tokens issued before
     * tokens expired (they expire one lifetime after this start) and forgets
     * expired console sessions. With
     * `token` (from CASETRAIL_BOOTSTRAP_TOKEN) that token is the bootstrap
     * admin's: a value other than the current one replaces it (a fresh
     * lifetime); the same value keeps its expiry and stays revoked if it was
     * (`expired`/`revoked` say so, for the start to warn). Without it, a token
     * is generated once, on first start, and returned so it can be printed
     * once.
     */
    async ensureBootstrapAdmin(token: string | undefined): ReturnType<typeof ensureBootstrapAdminLocked> {
      // Nodes starting together: one makes the bootstrap admin, the others find it.
      return deps.db.lock('bootstrap-admin', () => ensureBootstrapAdminLocked(token))
    },

    /** Who a bearer token is, and whether it is a console session (see `authenticate`). */
    identify,

    /**
     * The principal a bearer token (or console session) belongs to;
     * `admin_token_invalid` when none, or revoked; `admin_token_expired`.
     */
    async authenticate(token: string): Promise<Principal> {
      return (await identify(token)).principal
    },
  }
}

/** The principal service's interface. */
export type PrincipalService = ReturnType<typeof createPrincipalService>
