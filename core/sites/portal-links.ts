import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import type { RecordRepository } from '../store/record-repository.ts'
import { LINK_TTL_HOURS, normaliseEmail } from './portal-accounts.ts'

// The links a portal mails (confirm, reset, invite): `{nonce}.{HMAC of
// purpose, portal and nonce under the portal's secret}`, kept under the
// nonce's SHA-256 and deleted when used, so each works once, until it expires.

/** A mailed link as stored. */
export const portalLinkSchema = z.object({
  purpose: z.enum(['confirm', 'reset', 'invite']),
  portalId: z.string(),
  email: z.string().nullable(),
  contactId: z.string().nullable(),
  expiresAt: z.string(),
})
/** A mailed link. */
export type PortalLink = z.infer<typeof portalLinkSchema>

/** The portal a flow runs on: its id, instance, site secret (signs links) and public base URL. */
export interface IdentityPortal {
  id: string
  instanceId: string
  siteSecret: string
  name: string
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** A portal's one-time links over their records. */
export function createPortalLinks(deps: { links: RecordRepository<PortalLink>; clock: () => number }) {
  const { clock } = deps
  const sign = (portal: IdentityPortal, purpose: string, nonce: string) =>
    createHmac('sha256', portal.siteSecret)
      .update(`link.${purpose}.${portal.id}.${nonce}`)
      .digest('base64url')

  /** A new link for `purpose`: the token to put in its URL. */
  const mint = async (
    portal: IdentityPortal,
    purpose: PortalLink['purpose'],
    fields: { email?: string; contactId?: string },
  ) => {
    const nonce = randomBytes(24).toString('base64url')
    await deps.links.put(`portal-link/${sha256(nonce)}`, {
      purpose,
      portalId: portal.id,
      email: fields.email ? normaliseEmail(fields.email) : null,
      contactId: fields.contactId ?? null,
      expiresAt: new Date(clock() + LINK_TTL_HOURS[purpose] * 3600_000).toISOString(),
    })
    return `${nonce}.${sign(portal, purpose, nonce)}`
  }

  /** The link a token names, when signed for this portal and purpose, unused and unexpired; `consume` deletes it. */
  const open = async (
    portal: IdentityPortal,
    purpose: PortalLink['purpose'],
    token: string,
    consume: boolean,
  ) => {
    const [nonce, sig] = token.split('.')
    if (!nonce || !sig) return null
    const expected = Buffer.from(sign(portal, purpose, nonce))
    const given = Buffer.from(sig)
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
    const key = `portal-link/${sha256(nonce)}`
    const found = await deps.links.getVersioned(key)
    const link = found?.value
    if (!found || !link || link.portalId !== portal.id || link.purpose !== purpose) return null
    if (Date.parse(link.expiresAt) <= clock()) {
      await deps.links.delete(key)
      return null
    }
    // Used once: of two requests racing with one link, only the delete that still sees its version wins.
    if (consume && !(await deps.links.deleteIfVersion(key, found.version)).ok) return null
    return link
  }

  return { mint, open }
}
