import { type RequestListener, type Server, type ServerOptions, createServer } from 'node:http'
import type { Server as HttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { leanRouteOf } from './lean-ingest.ts'

/** How long a client may take to send a request's headers, by default. */
export const HEADERS_TIMEOUT_MS = 10_000

/** The timeouts both listeners (HTTP and HTTPS) are opened with. */
export interface ListenerTimeouts {
  /** Headers must arrive within this (default {@link HEADERS_TIMEOUT_MS}). */
  headersTimeoutMs?: number
  /** The whole request, body included (admin imports too). Default 60 s. */
  requestTimeoutMs?: number
}

/**
 * The server options that bound how long a client may take: one object for
 * the HTTP and the HTTPS listener alike, so neither is the slow way in.
 *
 * @example
 * createServer({ ...listenerTimeouts({ headersTimeoutMs: 10_000 }) })
 */
export function listenerTimeouts(options: ListenerTimeouts = {}): {
  headersTimeout: number
  requestTimeout: number
  connectionsCheckingInterval: number
} {
  const headersTimeout = options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS
  return {
    headersTimeout,
    requestTimeout: Math.max(options.requestTimeoutMs ?? 60_000, headersTimeout),
    // Node checks both timeouts on this interval; its default (30 s) would stretch a 10 s limit to 40.
    connectionsCheckingInterval: Math.min(1_000, headersTimeout),
  }
}

/** A listener that is listening (HTTP or HTTPS). */
export interface Listener<S extends Server | HttpsServer = Server> {
  server: S
  /** The port it listens on (the one asked for, or the one picked for port 0). */
  port: number
  /** Stops listening and ends every connection, idle or not. */
  close(): Promise<void>
}

/** An HTTP listener that is listening. */
export type HttpListener = Listener<Server>

/**
 * Waits until `server` listens (or fails to), and gives it the one way both
 * listeners close: stop accepting, end every connection.
 */
export async function listening<S extends Server | HttpsServer>(server: S): Promise<Listener<S>> {
  await new Promise<void>((resolve, reject) => {
    if (server.listening) return resolve()
    server.once('listening', resolve)
    server.once('error', reject)
  })
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/**
 * Opens the HTTP listener with timeouts that hostile clients cannot stretch:
 * headers must arrive within `headersTimeoutMs` (Node's default is a minute,
 * checked every 30 s), and a whole request within `requestTimeoutMs`. The
 * ingest routes bound their body tighter still (see `jsonBody`).
 *
 * @example
 * const listener = await startHttpListener({ fetch: app.fetch, port: 8787 })
 */
export async function startHttpListener(
  options: {
    fetch: (request: Request) => Response | Promise<Response>
    port: number
    hostname?: string
  } & ListenerTimeouts,
): Promise<HttpListener> {
  // An app built by createApp answers its interaction routes on the lean path first (lean-ingest.ts).
  const lean = leanRouteOf(options.fetch)
  const server = serve({
    fetch: options.fetch,
    port: options.port,
    hostname: options.hostname,
    serverOptions: listenerTimeouts(options),
    ...(lean
      ? {
          createServer: ((serverOptions: ServerOptions, hono: RequestListener) =>
            createServer(serverOptions, function leanFirst(req, res) {
              if (!lean(req, res)) hono(req, res)
            })) as typeof createServer,
        }
      : {}),
  }) as Server
  return listening(server)
}
