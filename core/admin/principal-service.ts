import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { type Role, roleSchema } from '../../schemas/index.ts'
import { DomainError } from '../errors.ts'
import type { ClickHouseHandle } from '../store/clickhouse-client.ts'
import { createRecordRepository } from '../store/record-repository.ts'

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
})
/** Someone who may call the admin API. */
export type Principal = z.infer<typeof principalSchema>

const tokenIndexSchema = z.object({ principalId: z.string() })

/** SHA-256 of a bearer token, hex. */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex')

/** A fresh admin bearer token: `ct_` and 32 random bytes, base64url. */
export const generateAdminToken = (): string => `ct_${randomBytes(32).toString('base64url')}`

/** Whether the principal holds a tenant-wide administrator role. */
export const isTenantAdmin = (p: Pick<Principal, 'roles'>): boolean =>
  p.roles.some((r) => r.role === 'global_administrator' || r.role === 'service_administrator')

/**
 * Principals of the admin API and their bearer tokens (stored hashed; looked
 * up by hash, then compared in constant time).
 *
 * @example
 * const principals = createPrincipalService({ ch })
 * const { generatedToken } = await principals.ensureBootstrapAdmin(config.bootstrapToken)
 * const me = await principals.authenticate(bearer)
 */
export function createPrincipalService(deps: { ch: ClickHouseHandle; clock?: () => number }) {
  const clock = deps.clock ?? Date.now
  const principals = createRecordRepository(deps.ch, 'cp_principals', principalSchema)
  const tokens = createRecordRepository(deps.ch, 'cp_principal_tokens', tokenIndexSchema)

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
    const at = new Date(clock()).toISOString()
    const principal: Principal = {
      id: randomUUID(),
      name: input.name,
      email: input.email,
      roles: input.roles,
      tokenHash: hashToken(token),
      createdAt: at,
      bootstrap: input.bootstrap ?? false,
      tokenIssuedAt: at,
      ...(input.issuedBy ? { tokenIssuedBy: input.issuedBy } : {}),
    }
    await principals.put(principal.id, principal)
    await tokens.put(principal.tokenHash, { principalId: principal.id })
    return { principal, token }
  }

  return {
    create,

    get: (id: string) => principals.get(id),

    list: async () => (await principals.list()).map((r) => r.value),

    update: async (principal: Principal) => principals.put(principal.id, principal),

    /**
     * Issues a new token for a principal, recording who issued it (`by`, a
     * principal's id) and when; the old one stops working.
     */
    async rotateToken(id: string, by: string): Promise<string> {
      const principal = await principals.get(id)
      if (!principal) throw new DomainError('not_found', 'principal_not_found', `no principal with id ${id}`)
      const token = generateAdminToken()
      await tokens.delete(principal.tokenHash)
      const next: Principal = {
        ...principal,
        tokenHash: hashToken(token),
        tokenIssuedAt: new Date(clock()).toISOString(),
        tokenIssuedBy: by,
      }
      await principals.put(id, next)
      await tokens.put(next.tokenHash, { principalId: id })
      return token
    },

    /**
     * Makes sure a Global Administrator exists. With `token` (from
     * CASETRAIL_BOOTSTRAP_TOKEN) that token is the bootstrap admin's; without
     * it, a token is generated once, on first start, and returned so it can be
     * printed once.
     */
    async ensureBootstrapAdmin(
      token: string | undefined,
    ): Promise<{ principal: Principal; generatedToken?: string; replacedToken?: boolean }> {
      const existing = (await principals.list()).map((r) => r.value).find((p) => p.bootstrap)
      if (existing) {
        if (token && existing.tokenHash !== hashToken(token)) {
          await tokens.delete(existing.tokenHash)
          const { tokenIssuedBy: _previousIssuer, ...rest } = existing
          const next: Principal = {
            ...rest,
            tokenHash: hashToken(token),
            tokenIssuedAt: new Date(clock()).toISOString(),
          }
          await principals.put(next.id, next)
          await tokens.put(next.tokenHash, { principalId: next.id })
          return { principal: next, replacedToken: true }
        }
        return { principal: existing }
      }
      const made = await create({
        name: 'Bootstrap administrator',
        roles: [{ role: 'global_administrator' }],
        token,
        bootstrap: true,
      })
      return token ? { principal: made.principal } : { principal: made.principal, generatedToken: made.token }
    },

    /**
     * The principal a bearer token belongs to; `admin_token_invalid` when none.
     */
    async authenticate(token: string): Promise<Principal> {
      const hash = hashToken(token)
      const index = await tokens.get(hash)
      const principal = index ? await principals.get(index.principalId) : null
      const stored = Buffer.from(principal?.tokenHash ?? '0'.repeat(64), 'hex')
      if (!principal || !timingSafeEqual(stored, Buffer.from(hash, 'hex'))) {
        throw new DomainError(
          'unauthenticated',
          'admin_token_invalid',
          'the bearer token does not belong to any principal',
        )
      }
      return principal
    },
  }
}

/** The principal service's interface. */
export type PrincipalService = ReturnType<typeof createPrincipalService>
