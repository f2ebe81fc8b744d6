import { API_OPERATIONS, type ApiOperationId } from './api-operations.ts'
import type { ApiById } from './api-routes.ts'
import type { RouteOutput, RouteRequest } from './route-registry.ts'

export type { ApiOperationId } from './api-operations.ts'

/** What a call of operation `K` sends: params, query, headers and body, typed from the registry. */
export type OperationRequest<K extends ApiOperationId> = RouteRequest<ApiById[K]>

/** What operation `K` answers on success, typed from the registry (`undefined` for an empty answer). */
export type OperationOutput<K extends ApiOperationId> = RouteOutput<ApiById[K]>

/** The arguments of a call: the request may be left out when nothing in it is required. */
export type OperationArgs<K extends ApiOperationId, O> =
  Record<string, never> extends OperationRequest<K>
    ? [request?: OperationRequest<K>, options?: O]
    : [request: OperationRequest<K>, options?: O]

/** A call resolved to HTTP: the method (upper case), the path with its query, the headers and body to send. */
export interface ResolvedCall {
  operationId: ApiOperationId
  method: string
  /** `/v1/admin/portals/5f2d…?limit=500` (no origin). */
  path: string
  headers: Record<string, string>
  /** The JSON body, when the request has one. */
  body?: unknown
}

/**
 * Turns a typed request into method, path and query, from the operation's
 * template in {@link API_OPERATIONS}. Path parameters are percent-encoded;
 * query values that are `undefined`, `null` or `''` are left out.
 *
 * @example
 * resolveCall('getPortal', { params: { portalId: id } })
 * // { method: 'GET', path: '/v1/admin/portals/<id>', headers: {}, … }
 */
export function resolveCall<K extends ApiOperationId>(
  operationId: K,
  request: OperationRequest<K> | undefined,
): ResolvedCall {
  const [method, template] = (API_OPERATIONS as Record<string, readonly [string, string]>)[operationId] ?? []
  if (!method || !template) throw new TypeError(`unknown operation ${operationId}`)
  const parts = (request ?? {}) as {
    params?: Record<string, unknown>
    query?: Record<string, unknown>
    headers?: Record<string, unknown>
    body?: unknown
  }
  const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = parts.params?.[name]
    if (value === undefined || value === null) throw new TypeError(`${operationId} needs params.${name}`)
    return encodeURIComponent(String(value))
  })
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(parts.query ?? {}))
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value))
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(parts.headers ?? {}))
    if (value !== undefined) headers[name] = String(value)
  return {
    operationId,
    method: method.toUpperCase(),
    path: query.size > 0 ? `${path}?${query}` : path,
    headers,
    ...(parts.body !== undefined ? { body: parts.body } : {}),
  }
}

/** A typed call: `call('listPortals', { query: { limit: 500 } })` answers the registry's output type. */
export type LiteCall<O> = <K extends ApiOperationId>(
  operationId: K,
  ...args: OperationArgs<K, O>
) => Promise<OperationOutput<K>>

/**
 * A typed client of the casetrail API that carries no zod at run time: its
 * types come from the route registry (`import type` only) and its runtime is
 * the method-and-path table {@link API_OPERATIONS}. The transport does the
 * HTTP (credentials, `If-Match`, error handling), so a browser app keeps its
 * own session rules. Use `createApiClient` (`api-client.ts`) where bundle size
 * does not matter.
 *
 * @example
 * const call = createLiteApiClient(async (resolved) => {
 *   const res = await fetch(resolved.path, { method: resolved.method, headers: { authorization: `Bearer ${token}` } })
 *   return res.json()
 * })
 * const { portals } = await call('listPortals', { query: { limit: 500 } })
 */
export function createLiteApiClient<O = undefined>(
  transport: (call: ResolvedCall, options: O | undefined) => Promise<unknown>,
): LiteCall<O> {
  return ((operationId: ApiOperationId, request?: unknown, options?: O) =>
    transport(resolveCall(operationId, request as never), options)) as LiteCall<O>
}
