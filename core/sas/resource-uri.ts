/**
 * A resource URI reduced to what coverage depends on: host (lower case, with a
 * non-default port) and decoded path segments. The scheme is dropped: Event
 * Hubs tokens name resources with or without one.
 */
export interface NormalisedResource {
  host: string
  segments: string[]
}

/**
 * Normalises a resource URI (`https://Host/v1/hubs/ab/`, `host/v1/hubs/ab`),
 * or returns `null` when it is not one.
 */
export function normaliseResource(uri: string): NormalisedResource | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(uri) ? uri : `https://${uri}`
  // URL would resolve dot segments away; a resource naming them is refused.
  const rawPath = withScheme.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0] ?? ''
  if (rawPath.split('/').some((seg) => /^(\.|%2e){1,2}$/i.test(seg))) return null
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    return null
  }
  if (url.search || url.hash || url.username || url.password) return null
  const segments: string[] = []
  for (const raw of url.pathname.split('/')) {
    if (raw === '') continue
    let seg: string
    try {
      seg = decodeURIComponent(raw)
    } catch {
      return null
    }
    if (seg === '.' || seg === '..') return null
    segments.push(seg)
  }
  return { host: url.host.toLowerCase(), segments }
}

/**
 * Whether a token for `granted` covers `requested`: same host, and the
 * granted path segments are a prefix of the requested ones (so a token for
 * `/v1/hubs/ab` covers `/v1/hubs/ab/contacts/c` but not `/v1/hubs/abc`).
 */
export function resourceCovers(granted: NormalisedResource, requested: NormalisedResource): boolean {
  if (granted.host !== requested.host) return false
  if (granted.segments.length > requested.segments.length) return false
  return granted.segments.every((seg, i) => seg === requested.segments[i])
}
