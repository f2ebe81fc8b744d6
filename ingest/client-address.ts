import type { IncomingMessage } from 'node:http'
import type { Context } from 'hono'

/**
 * The address a request came from, as IP address restrictions read it.
 * Without a trusted proxy it is the TCP peer's address, and
 * `X-Forwarded-For` is ignored (anyone can send it). With
 * `trustProxy` (CASETRAIL_TRUST_PROXY=1, casetrail behind a reverse proxy
 * that sets the header) it is the left-most `X-Forwarded-For` entry, the
 * client the first proxy saw, falling back to the peer. Null when neither
 * is known (a request built in a test, not read from a socket).
 *
 * @example
 * const ip = clientAddress(c, { trustProxy: config.trustProxy })
 */
export function clientAddress(c: Context, options: { trustProxy: boolean }): string | null {
  if (options.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')
    const first = forwarded?.split(',')[0]?.trim()
    if (first) return first
  }
  // @hono/node-server puts the Node request on the env as `incoming`.
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
  return incoming?.socket?.remoteAddress ?? null
}
