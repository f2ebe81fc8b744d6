import { createHmac, timingSafeEqual } from 'node:crypto'

/** What a token names: the resource, its expiry and the key that signed it. */
export interface ParsedSasToken {
  /** `sr` exactly as it stands in the token (URL-encoded): the signed text uses it. */
  encodedResource: string
  resourceUri: string
  signature: Buffer
  expiresAt: number
  keyName: string
}

/** Why a token string could not be read. */
export type SasParseResult =
  | { ok: true; token: ParsedSasToken }
  | { ok: false; code: 'token_malformed'; message: string }

const PREFIX = 'SharedAccessSignature '

/**
 * Signs `<url-encoded resource URI>\n<expiry>` with HMAC-SHA256 keyed by the
 * key string's UTF-8 bytes, as Event Hubs does, and returns the base64 digest.
 */
export function signSas(encodedResource: string, expiresAt: number, key: string): string {
  return createHmac('sha256', Buffer.from(key, 'utf8'))
    .update(`${encodedResource}\n${expiresAt}`)
    .digest('base64')
}

/**
 * Mints a shared access signature in the Event Hubs format, for a portal's
 * server or a case form.
 *
 * @example
 * const token = createSasToken({
 *   resourceUri: 'https://casetrail.example.com/v1/hubs/5b0c…/portals/9f1e…',
 *   keyName: 'default',
 *   key: process.env.HUB_KEY,
 *   ttlSeconds: 3600,
 * })
 * fetch(url, { method: 'POST', headers: { Authorization: token }, body })
 */
export function createSasToken(options: {
  resourceUri: string
  keyName: string
  key: string
  /** Expiry in unix seconds; or give `ttlSeconds`. */
  expiresAt?: number
  ttlSeconds?: number
  /** Milliseconds since the epoch; defaults to `Date.now()`. */
  now?: number
}): string {
  const expiresAt =
    options.expiresAt ?? Math.floor((options.now ?? Date.now()) / 1000) + (options.ttlSeconds ?? 3600)
  const sr = encodeURIComponent(options.resourceUri)
  const sig = signSas(sr, expiresAt, options.key)
  return `${PREFIX}sr=${sr}&sig=${encodeURIComponent(sig)}&se=${expiresAt}&skn=${encodeURIComponent(options.keyName)}`
}

/** Reads a token (with or without the `SharedAccessSignature ` prefix). */
export function parseSasToken(raw: string): SasParseResult {
  const bad = (message: string): SasParseResult => ({ ok: false, code: 'token_malformed', message })
  const body = raw.startsWith(PREFIX) ? raw.slice(PREFIX.length) : raw
  if (body.length === 0 || body.length > 4096) return bad('the token is empty or longer than 4096 characters')
  const fields = new Map<string, string>()
  for (const part of body.split('&')) {
    const eq = part.indexOf('=')
    if (eq <= 0) return bad(`the token has a part without a name: ${JSON.stringify(part.slice(0, 40))}`)
    const name = part.slice(0, eq)
    if (fields.has(name)) return bad(`the token names ${name} twice`)
    fields.set(name, part.slice(eq + 1))
  }
  for (const name of ['sr', 'sig', 'se', 'skn']) {
    if (!fields.get(name)) return bad(`the token lacks ${name}; it needs sr, sig, se and skn`)
  }
  const se = fields.get('se')!
  if (!/^\d{1,12}$/.test(se)) return bad(`se must be the expiry in unix seconds, got ${JSON.stringify(se)}`)
  let resourceUri: string
  let sig: string
  let keyName: string
  try {
    resourceUri = decodeURIComponent(fields.get('sr')!)
    sig = decodeURIComponent(fields.get('sig')!)
    keyName = decodeURIComponent(fields.get('skn')!)
  } catch {
    return bad('sr, sig or skn is not validly URL-encoded')
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(sig)) return bad('sig must be a base64 HMAC-SHA256 digest')
  const signature = Buffer.from(sig, 'base64')
  if (signature.length !== 32) return bad('sig must be a base64 HMAC-SHA256 digest (32 bytes)')
  return {
    ok: true,
    token: { encodedResource: fields.get('sr')!, resourceUri, signature, expiresAt: Number(se), keyName },
  }
}

/**
 * Whether the token's signature was made with one of `keys` (a key's primary
 * or secondary secret). Compares in constant time and always tries every key,
 * so the time taken does not say which one matched.
 */
export function signatureMatches(token: ParsedSasToken, keys: readonly string[]): boolean {
  let matched = false
  for (const key of keys) {
    const expected = Buffer.from(signSas(token.encodedResource, token.expiresAt, key), 'base64')
    if (timingSafeEqual(expected, token.signature)) matched = true
  }
  return matched
}
