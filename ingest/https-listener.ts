import { createServer as createHttpsServer } from 'node:https'
import type { Server } from 'node:https'
import { type SecureContext, createSecureContext } from 'node:tls'
import { serve } from '@hono/node-server'
import { type Listener, type ListenerTimeouts, listenerTimeouts, listening } from './http-listener.ts'

/** What the HTTPS listener logs with. */
export interface HttpsListenerLog {
  info(obj: object, msg: string): void
  debug(obj: object, msg: string): void
}

/** An open HTTPS listener. */
export type HttpsListener = Listener<Server>

/**
 * Opens the HTTPS listener beside the HTTP one: the certificate is picked per
 * connection by SNI from the custom domains bound right now (`secureContextFor`
 * reads the registry core reloads on every binding change, so a new or
 * removed binding takes effect without a restart). A name no binding serves,
 * or a client sending no name at all, is refused during the handshake with a
 * `handshake_failure` alert: no certificate is shown and no request is read.
 * Headers and whole requests are bounded by the same timeouts as on the HTTP
 * listener (`listenerTimeouts`).
 *
 * @example
 * const https = await startHttpsListener({ fetch: app.fetch, port: 8443, secureContextFor: core.domains.secureContextFor, log })
 */
export async function startHttpsListener(
  options: {
    fetch: (request: Request) => Response | Promise<Response>
    port: number
    hostname?: string
    secureContextFor: (serverName: string) => SecureContext | null
    log: HttpsListenerLog
  } & ListenerTimeouts,
): Promise<HttpsListener> {
  // A context without a certificate: a handshake given it ends with a TLS alert
  // (handshake_failure) the client can read, not a dropped connection.
  const refuse = createSecureContext({})
  const server = serve({
    fetch: options.fetch,
    port: options.port,
    hostname: options.hostname,
    createServer: createHttpsServer,
    serverOptions: {
      ...listenerTimeouts(options),
      minVersion: 'TLSv1.2',
      SNICallback(serverName: string, done: (err: Error | null, ctx?: SecureContext) => void) {
        const context = options.secureContextFor(serverName)
        if (!context) options.log.debug({ serverName }, 'TLS: no custom domain is bound to this name')
        done(null, context ?? refuse)
      },
    },
  }) as unknown as Server
  server.on('tlsClientError', (err: Error & { code?: string }) => {
    options.log.debug({ code: err.code }, 'TLS handshake refused')
  })
  return listening(server)
}
