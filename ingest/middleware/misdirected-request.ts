import type { IncomingMessage } from 'node:http'
import type { TLSSocket } from 'node:tls'
import type { MiddlewareHandler } from 'hono'
import { DomainError } from '../../core/index.ts'
import type { AppEnv } from '../app-env.ts'

/** A host name as compared: lower-case, without the port or a trailing dot (`[::1]` keeps its brackets). */
export function hostNameOf(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/:\d{1,5}$/, '')
    .replace(/\.$/, '')
}

/** The name the client gave in the TLS handshake (SNI), or null on a plain connection. */
function serverNameOf(env: unknown): string | null {
  const socket = (env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket as
    | Partial<TLSSocket>
    | undefined
  if (!socket?.encrypted) return null
  return typeof socket.servername === 'string' ? socket.servername.toLowerCase().replace(/\.$/, '') : ''
}

const misdirected = (message: string) =>
  new DomainError('misdirected', 'misdirected_request', message, 'host')

/**
 * Refuses with `421 misdirected_request` a request over TLS whose `Host`
 * names another site than the handshake's server name (SNI): the
 * certificate shown was chosen for the SNI name, so the answer must be for
 * that name too. Without this, a connection made for one portal's custom
 * domain could ask, by `Host`, for another portal or the admin API. Plain
 * HTTP requests pass.
 */
export function sniMatchesHost(): MiddlewareHandler<AppEnv> {
  return async function sniMatchesHostMiddleware(c, next) {
    const serverName = serverNameOf(c.env)
    if (serverName !== null) {
      const host = hostNameOf(c.req.header('host') ?? '')
      if (host !== serverName) {
        throw misdirected(
          `this connection was made for ${JSON.stringify(serverName)} (TLS server name) and cannot answer for the host ${JSON.stringify(host)}; connect again with that host's name`,
        )
      }
    }
    await next()
  }
}

/**
 * Serves the admin API and console only when the request's `Host` is one of
 * `hosts` (CASETRAIL_ADMIN_HOSTS: by default the public URL's host and the
 * loopback names); any other host gets `421 misdirected_request`, before the
 * token is read. Portals' sites and custom domains never get this far.
 */
export function adminHostsOnly(hosts: readonly string[]): MiddlewareHandler<AppEnv> {
  const allowed = new Set(hosts.map(hostNameOf))
  return async function adminHostsOnlyMiddleware(c, next) {
    const host = hostNameOf(c.req.header('host') ?? new URL(c.req.url).host)
    if (!allowed.has(host)) {
      throw misdirected(
        `the admin API and console are not served on the host ${JSON.stringify(host)}; use ${[...allowed].map((h) => JSON.stringify(h)).join(', ')} (CASETRAIL_ADMIN_HOSTS)`,
      )
    }
    await next()
  }
}
