import { API, type ApiById } from './api-routes.ts'
import type { RouteDef, RouteOutput, RouteRequest } from './route-registry.ts'

/** Where the client finds its credentials: a value, or a function asked on every call. */
type Credential = string | (() => string | null | undefined)

/** Options of {@link createApiClient}. */
export interface ApiClientOptions {
  /** The service's URL, e.g. `http://localhost:8787` (its `PUBLIC_URL`). */
  baseUrl: string
  /** The admin bearer token, for `/v1/admin/…` and `/metrics` (sent as `Authorization: Bearer …`). */
  adminToken?: Credential
  /** A shared access signature, for ingest, journey, cases and insights (`SharedAccessSignature sr=…`). */
  sasToken?: Credential
  /** The fetch to use (default: the global one); tests pass `app.request`. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>
}

/** Per-call options: another credential, `If-Match`, an abort signal, extra headers. */
export interface CallOptions {
  /** The whole `Authorization` header for this call (overrides the client's tokens). */
  authorization?: string
  /** Send `If-Match`: the ETag of the version this update is based on (see `etagOf`). */
  ifMatch?: string
  signal?: AbortSignal
  headers?: Record<string, string>
}

/** An error answer: the status, and the envelope's code, message and field. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | undefined,
    /** The whole answer body (ingest's 400 lists the rejected items). */
    readonly body: unknown,
    /** The current ETag, on a 412 (someone else changed the record first). */
    readonly etag: string | null,
  ) {
    super(message)
  }
}

type Args<R extends RouteDef> =
  Record<string, never> extends RouteRequest<R>
    ? [request?: RouteRequest<R>, options?: CallOptions]
    : [request: RouteRequest<R>, options?: CallOptions]

/** The API operations of the registry (not its HTML pages and static files). */
type Operations = { [K in keyof ApiById as ApiById[K] extends { page: true } ? never : K]: ApiById[K] }

/** One method per operation, named by its operationId, typed from the route's own zod schemas. */
export type ApiClient = {
  [K in keyof Operations]: (...args: Args<Operations[K]>) => Promise<RouteOutput<Operations[K]>>
} & {
  /** The ETag the answer that gave `value` carried (admin records), for `If-Match`. */
  etagOf(value: unknown): string | undefined
}

const credential = (c: Credential | undefined): string | null | undefined =>
  typeof c === 'function' ? c() : c

function urlOf(baseUrl: string, route: RouteDef, request: Record<string, unknown>): string {
  const params = (request.params ?? {}) as Record<string, unknown>
  const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params[name]
    if (value === undefined || value === null)
      throw new TypeError(`${route.operationId} needs params.${name}`)
    return encodeURIComponent(String(value))
  })
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== null) query.set(name, String(value))
  }
  const search = query.size > 0 ? `?${query}` : ''
  return `${baseUrl.replace(/\/+$/, '')}${path}${search}`
}

/**
 * A typed client of the casetrail API, inferred from the route registry: one
 * method per operationId, whose request and answer types come from the same
 * zod schemas the server validates with. Error answers throw {@link ApiError}
 * with the envelope's `code`. Depends on `schemas/` only, so the admin console
 * and portal servers can use it.
 *
 * @example
 * const api = createApiClient({ baseUrl: 'http://localhost:8787', adminToken: process.env.ADMIN })
 * const hub = await api.createHub({ body: { name: 'Contoso support' } })
 * const { token } = await api.mintHubToken({
 *   params: { hubId: hub.id },
 *   body: { keyName: 'default', resource: { kind: 'hub' }, ttlSeconds: 3600 },
 * })
 * await createApiClient({ baseUrl, sasToken: token }).sendInteractions({ params: { hubId: hub.id }, body: [] })
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init))
  const etags = new WeakMap<object, string>()

  async function call(route: RouteDef, request: Record<string, unknown> = {}, call: CallOptions = {}) {
    const headers: Record<string, string> = { accept: 'application/json' }
    for (const [name, value] of Object.entries((request.headers ?? {}) as Record<string, unknown>)) {
      if (value !== undefined) headers[name] = String(value)
    }
    const security = route.security
    const token =
      security === null
        ? undefined
        : 'sas' in security
          ? credential(options.sasToken)
          : credential(options.adminToken)
    if (call.authorization) headers.authorization = call.authorization
    else if (token) headers.authorization = 'sas' in (security ?? {}) ? token : `Bearer ${token}`
    if (call.ifMatch) headers['if-match'] = call.ifMatch
    let body: string | undefined
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(request.body)
    }
    Object.assign(headers, call.headers)
    const res = await doFetch(urlOf(options.baseUrl, route, request), {
      method: route.method.toUpperCase(),
      headers,
      body,
      signal: call.signal,
    })
    const type = res.headers.get('content-type') ?? ''
    const data: unknown =
      res.status === 204 || res.status === 304
        ? undefined
        : type.includes('json')
          ? await res.json()
          : await res.text()
    if (!res.ok) {
      const error = (data as { error?: { code?: string; message?: string; field?: string } } | undefined)
        ?.error
      throw new ApiError(
        res.status,
        error?.code ?? `http_${res.status}`,
        error?.message ?? `${route.method.toUpperCase()} ${route.path} answered ${res.status}`,
        error?.field,
        data,
        res.headers.get('etag'),
      )
    }
    const etag = res.headers.get('etag')
    if (etag && data !== null && typeof data === 'object') etags.set(data, etag)
    return data
  }

  const client: Record<string, unknown> = {
    etagOf: (value: unknown) => (value !== null && typeof value === 'object' ? etags.get(value) : undefined),
  }
  for (const route of Object.values(API) as RouteDef[]) {
    if (route.page) continue
    client[route.operationId] = (request?: Record<string, unknown>, options?: CallOptions) =>
      call(route, request, options)
  }
  return client as ApiClient
}
