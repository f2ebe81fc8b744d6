const hasControlCharacter = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x20 || c === 0x7f) return true
  }
  return false
}

/** Any origin will do: only whether a path stays on it matters. */
const BASE = 'https://portal.invalid'

/**
 * A local path to go back to after signing in, or the home page. The value is
 * resolved the way a browser resolves a `Location` (the WHATWG URL parser
 * drops tabs and newlines, reads `\` as `/`, and follows `..`), and only a
 * result on the same origin whose path cannot be read as a host (`//…`) is
 * kept, re-serialised from the parsed URL.
 *
 * @example
 * safeNext('/knowledgebase')      // '/knowledgebase'
 * safeNext('/\t/evil.example/')   // '/' (a browser reads it as //evil.example/)
 */
export function safeNext(next: string | undefined): string {
  // Only paths: a scheme, a bare host or a control character has no business here.
  if (!next?.startsWith('/') || next.includes('\\') || hasControlCharacter(next)) return '/'
  let url: URL
  try {
    url = new URL(next, BASE)
  } catch {
    return '/'
  }
  if (url.origin !== BASE) return '/'
  const local = `${url.pathname}${url.search}${url.hash}`
  // `/.//evil.example` parses to the path `//evil.example`, which a browser would read as a host.
  if (!local.startsWith('/') || local.startsWith('//')) return '/'
  // Encoded slashes and backslashes decode into a host in some servers and proxies.
  if (/%(2f|5c)/i.test(url.pathname)) return '/'
  return local
}
