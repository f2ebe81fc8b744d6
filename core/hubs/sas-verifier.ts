import { DomainError } from '../errors.ts'
import { type NormalisedResource, normaliseResource, resourceCovers } from '../sas/resource-uri.ts'
import { parseSasToken, signatureMatches } from '../sas/sas-token.ts'
import type { KeyRight } from '../../schemas/index.ts'
import { type StoredHub, generateKeySecret, holdsRight } from './hub-record.ts'

// Verifying a shared access signature against a hub's keys, with a memo of
// the tokens already verified so a portal's beacons skip the HMAC.

/** Who a verified token speaks for. */
export interface SasPrincipal {
  hubId: string
  keyName: string
  rights: KeyRight[]
  resource: string
  /**
   * The one contact a contact-scoped token (`…/portals/{portalId}/contacts/{contactId}`,
   * what a portal page hands the browser) may send for; absent for every other token.
   */
  contactId?: string
}

/** Verified tokens remembered per hub (between reloads of the hub, at most HUB_CACHE_MS). */
const VERIFIED_TOKENS_PER_HUB = 4096
/** Tokens up to this many seconds past their expiry still pass (clock skew). */
export const CLOCK_SKEW_SECONDS = 30

/** What {@link createSasVerifier} checks a token for: a path under PUBLIC_URL and a right. */
export interface SasRequest {
  token: string
  hubId: string
  path: string
  right: KeyRight
  /**
   * Also accept a token for `{path}/contacts/{contactId}` (a portal page's
   * token, for its visitor): the principal then names that contact, and
   * the caller must hold every item to it. Only the portal's interaction
   * route allows it.
   */
  contactBelow?: boolean
}

/**
 * Verifies shared access signatures for paths under `publicUrl` against a
 * hub's keys. Throws a DomainError with the failure's code: `token_malformed`,
 * `token_expired`, `key_unknown`, `signature_invalid` (401), `token_scope`,
 * `token_right` (403).
 */
export function createSasVerifier(deps: { publicUrl: string; clock: () => number }) {
  const { clock } = deps
  // Tokens already verified against a hub *object*: a reload or a key change
  // makes a new object, so the memo never outlives the keys it was checked with.
  // Keyed by right and token, not by path: a hub-wide read token (a CRM's) reads many
  // contacts, and each path needs only the coverage test, not the HMACs again.
  const verified = new WeakMap<
    StoredHub,
    Map<string, { principal: SasPrincipal; granted: NormalisedResource; expiresAt: number; path: string }>
  >()
  const publicBase = normaliseResource(deps.publicUrl)
  if (!publicBase) throw new Error(`PUBLIC_URL is not a URL: ${deps.publicUrl}`)

  /** The resource URI of a path under PUBLIC_URL, e.g. `/v1/hubs/{id}`. */
  const resourceOf = (path: string): NormalisedResource => {
    const extra = normaliseResource(`https://x${path}`)
    return { host: publicBase.host, segments: [...publicBase.segments, ...(extra?.segments ?? [])] }
  }

  /** Who `request.token` speaks for, checked against `hub`'s keys (the hub `request.hubId` names). */
  return function verify(hub: StoredHub, request: SasRequest): SasPrincipal {
    // The hot path: a portal sends many beacons with one token. A token that
    // verified for this right skips the HMAC until it expires; each path is
    // still checked against what it grants (a miss takes the full path below,
    // which answers token_scope as before).
    const memoKey = `${request.right}${request.contactBelow ? '+contact' : ''} ${request.token}`
    let memo = verified.get(hub)
    const hit = memo?.get(memoKey)
    if (hit && hit.expiresAt + CLOCK_SKEW_SECONDS >= Math.floor(clock() / 1000)) {
      // A portal's beacons name one path: compared as text, no URL parsed.
      if (hit.path === request.path) return hit.principal
      if (resourceCovers(hit.granted, resourceOf(request.path))) {
        hit.path = request.path
        return hit.principal
      }
    }
    const parsed = parseSasToken(request.token)
    if (!parsed.ok) throw new DomainError('unauthenticated', parsed.code, parsed.message)
    const token = parsed.token
    if (token.expiresAt + CLOCK_SKEW_SECONDS < Math.floor(clock() / 1000)) {
      throw new DomainError(
        'unauthenticated',
        'token_expired',
        `the token expired at ${new Date(token.expiresAt * 1000).toISOString()}`,
      )
    }
    const key = hub.keys.find((k) => k.keyName === token.keyName)
    // Verify the signature even for an unknown key name, so timing does not
    // tell which key names exist.
    const secrets = key ? [key.primaryKey, key.secondaryKey] : [generateKeySecret()]
    const signed = signatureMatches(token, secrets)
    if (!key)
      throw new DomainError(
        'unauthenticated',
        'key_unknown',
        `hub ${hub.id} has no key named ${JSON.stringify(token.keyName)}`,
      )
    if (!signed)
      throw new DomainError(
        'unauthenticated',
        'signature_invalid',
        'the token signature does not match the key it names',
      )
    const granted = normaliseResource(token.resourceUri)
    const contactId = request.contactBelow && granted ? contactBelow(granted, resourceOf(request.path)) : null
    if (!granted || (contactId === null && !resourceCovers(granted, resourceOf(request.path)))) {
      throw new DomainError(
        'forbidden',
        'token_scope',
        `the token is for ${token.resourceUri}, which does not cover ${request.path}`,
      )
    }
    if (!holdsRight(key.rights, request.right)) {
      throw new DomainError('forbidden', 'token_right', `key ${key.keyName} lacks the ${request.right} right`)
    }
    const principal = {
      hubId: hub.id,
      keyName: key.keyName,
      rights: key.rights,
      resource: token.resourceUri,
      ...(contactId === null ? {} : { contactId }),
    }
    if (!memo) {
      memo = new Map()
      verified.set(hub, memo)
    }
    if (memo.size >= VERIFIED_TOKENS_PER_HUB) memo.clear()
    memo.set(memoKey, { principal, granted, expiresAt: token.expiresAt, path: request.path })
    return principal
  }
}

/**
 * The contact a token for `{requested}/contacts/{contactId}` names (exactly two
 * segments below the requested resource), or null when the token is any other.
 */
function contactBelow(granted: NormalisedResource, requested: NormalisedResource): string | null {
  const n = requested.segments.length
  if (granted.segments.length !== n + 2 || granted.segments[n] !== 'contacts') return null
  const below = { host: granted.host, segments: granted.segments.slice(0, n) }
  if (!resourceCovers(below, requested) || !resourceCovers(requested, below)) return null
  return granted.segments[n + 1] ?? null
}
