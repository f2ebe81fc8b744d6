/** A portal URL's subdomain rules, shared by the API and the console (no zod: pure checks). */
/**
 * Names a portal URL may not take: hosts the service or mail and DNS
 * conventionally use, and words that would pass for the service itself.
 */
export const RESERVED_SUBDOMAINS: readonly string[] = [
  'admin',
  'api',
  'app',
  'assets',
  'auth',
  'autodiscover',
  'casetrail',
  'cdn',
  'dns',
  'ftp',
  'hub',
  'hubs',
  'imap',
  'localhost',
  'login',
  'mail',
  'mx',
  'ns',
  'ns1',
  'ns2',
  'pop',
  'portal',
  'portals',
  'smtp',
  'static',
  'status',
  'www',
]

/** Why a subdomain was refused, with a literal code and a message that names the value. */
export type SubdomainResult =
  | { ok: true; subdomain: string }
  | {
      ok: false
      code:
        | 'subdomain_required'
        | 'subdomain_invalid_characters'
        | 'subdomain_too_long'
        | 'subdomain_invalid_label'
        | 'subdomain_reserved'
      message: string
    }

/**
 * Checks a portal URL's subdomain: alphanumeric characters and hyphens only
 * (the seed's rule), a valid DNS label (1 to 63 characters, not starting or
 * ending with a hyphen, no `xx--` prefix, which DNS keeps for encoded names),
 * and not a reserved name. Letters are lower-cased, as DNS ignores case.
 *
 * @example
 * checkSubdomain('Contoso-Help') // { ok: true, subdomain: 'contoso-help' }
 * checkSubdomain('contoso_help') // { ok: false, code: 'subdomain_invalid_characters', … }
 */
export function checkSubdomain(raw: string): SubdomainResult {
  const value = raw.trim()
  if (value === '')
    return { ok: false, code: 'subdomain_required', message: 'enter a subdomain for the portal URL' }
  const bad = [...new Set(value.replace(/[A-Za-z0-9-]/g, ''))]
  if (bad.length > 0) {
    return {
      ok: false,
      code: 'subdomain_invalid_characters',
      message: `the portal URL may only use alphanumeric characters or hyphens (-); ${JSON.stringify(value)} has ${bad
        .map((c) => JSON.stringify(c))
        .join(', ')}`,
    }
  }
  if (value.length > 63) {
    return {
      ok: false,
      code: 'subdomain_too_long',
      message: `a subdomain is at most 63 characters (a DNS label); ${JSON.stringify(value)} has ${value.length}`,
    }
  }
  const subdomain = value.toLowerCase()
  if (subdomain.startsWith('-') || subdomain.endsWith('-')) {
    return {
      ok: false,
      code: 'subdomain_invalid_label',
      message: `a subdomain must start and end with a letter or digit (a DNS label); got ${JSON.stringify(value)}`,
    }
  }
  if (subdomain.slice(2, 4) === '--') {
    return {
      ok: false,
      code: 'subdomain_reserved',
      message: `subdomains with "--" in the third and fourth characters are reserved for encoded names; got ${JSON.stringify(value)}`,
    }
  }
  if (RESERVED_SUBDOMAINS.includes(subdomain)) {
    return {
      ok: false,
      code: 'subdomain_reserved',
      message: `${JSON.stringify(subdomain)} is a reserved name; choose another subdomain`,
    }
  }
  return { ok: true, subdomain }
}
