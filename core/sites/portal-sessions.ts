import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { RecordRepository } from '../store/record-repository.ts'

/** How long a portal session lasts, in seconds (12 hours), unless signed out or revoked first. */
export const SESSION_TTL_SECONDS = 12 * 3600

/** A signed-in visitor's session as the control plane keeps it (never the cookie's secret: its hash is the key). */
export const portalSessionSchema = z.object({
  portalId: z.string(),
  instanceId: z.string(),
  contactId: z.string(),
  /** What the page's beacons carry as `portal_sessionid`. */
  sessionId: z.string(),
  /** How the visitor signed in: `contact` (the demo's one click), `password`, `oidc`, `invitation`. */
  method: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
})
/** One portal session. */
export type PortalSession = z.infer<typeof portalSessionSchema>

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const COOKIE = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/i

/** A session's key: its instance and contact first, so "sign out everywhere" is one prefix. */
const keyOf = (instanceId: string, contactId: string, secret: string) =>
  `portal-session/${instanceId}/${contactId.toLowerCase()}/${sha256(secret)}`

/**
 * Portal sessions, server-side (issue 20 item 8: a cookie still worked for its
 * 12 hours after `/signout`). The cookie is `{contactId}.{secret}` (32 random
 * bytes); the store keeps the session under the secret's SHA-256, so a read of
 * the store gives no cookie. Every page reads the session from the store:
 * signing out (or "sign out everywhere") takes effect on every node at once.
 *
 * @example
 * const cookie = await sessions.create({ portalId, instanceId, contactId, method: 'password' })
 * const session = await sessions.read(portal, cookie) // null once revoked
 */
export function createPortalSessions(deps: { repo: RecordRepository<PortalSession>; clock?: () => number }) {
  const clock = deps.clock ?? Date.now
  const parse = (cookie: string | undefined) => {
    const m = cookie ? COOKIE.exec(cookie) : null
    return m ? { contactId: m[1]!.toLowerCase(), secret: m[2]! } : null
  }
  return {
    /** Starts a session; returns the cookie's value. */
    async create(input: {
      portalId: string
      instanceId: string
      contactId: string
      method: string
    }): Promise<string> {
      const secret = randomBytes(32).toString('base64url')
      const now = clock()
      await deps.repo.put(keyOf(input.instanceId, input.contactId, secret), {
        ...input,
        contactId: input.contactId.toLowerCase(),
        sessionId: randomUUID(),
        createdAt: new Date(now).toISOString(),
        expiresAt: new Date(now + SESSION_TTL_SECONDS * 1000).toISOString(),
      })
      return `${input.contactId.toLowerCase()}.${secret}`
    },

    /** The live session a cookie names on this portal, or null (unknown, revoked, expired, another portal's). */
    async read(
      portal: { id: string; instanceId: string },
      cookie: string | undefined,
    ): Promise<PortalSession | null> {
      const parsed = parse(cookie)
      if (!parsed) return null
      const session = await deps.repo.get(keyOf(portal.instanceId, parsed.contactId, parsed.secret))
      if (!session || session.portalId !== portal.id) return null
      if (Date.parse(session.expiresAt) <= clock()) return null
      return session
    },

    /** Ends the session a cookie names (sign-out). */
    async revoke(portal: { instanceId: string }, cookie: string | undefined): Promise<void> {
      const parsed = parse(cookie)
      if (parsed) await deps.repo.delete(keyOf(portal.instanceId, parsed.contactId, parsed.secret))
    },

    /** Ends every session of a contact, on every portal of the instance ("sign out everywhere"); returns how many. */
    async revokeAll(instanceId: string, contactId: string): Promise<number> {
      const all = await deps.repo.list(`portal-session/${instanceId}/${contactId.toLowerCase()}/`)
      for (const { key } of all) await deps.repo.delete(key)
      return all.length
    },

    /** A contact's live sessions (for the console: where they are signed in). */
    async list(instanceId: string, contactId: string): Promise<PortalSession[]> {
      const now = clock()
      return (await deps.repo.list(`portal-session/${instanceId}/${contactId.toLowerCase()}/`))
        .map((r) => r.value)
        .filter((s) => Date.parse(s.expiresAt) > now)
    },
  }
}

/** The portal sessions' interface. */
export type PortalSessions = ReturnType<typeof createPortalSessions>
