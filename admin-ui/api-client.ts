import { createLiteApiClient, type LiteCall, type OperationOutput } from '../schemas/index.ts'

/**
 * The console's one way to the server: the public, documented API under `/v1`,
 * with the signed-in user's bearer token. Answers that are not 2xx become an
 * {@link ApiError} carrying the API's `code` and `field`, so forms can put the
 * message next to the field at fault.
 */

/** An error answer of the API (or of the network), with its literal code. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Per-item refusals of a batch (`{ index, errors }`), when the answer carries them. */
    readonly rejected?: Array<{
      index: number
      errors: Array<{ path: string; code: string; message: string }>
    }>,
  ) {
    super(message)
  }
}

/** What a request may add: a body, an `If-Match` ETag, a content type other than JSON. */
export interface RequestOptions {
  body?: unknown
  /** Sent as `If-Match`; the API answers 412 when the record changed since. */
  ifMatch?: string | null
  /** Sends `body` as is (a string) with this content type instead of JSON. */
  contentType?: string
  signal?: AbortSignal
  /** Sent as `Authorization` instead of the session's bearer token (a SAS token for hub read routes). */
  authorization?: string
  /** Read the answer as text (CSV) rather than JSON. */
  text?: boolean
}

/** An answer: the parsed body and the record's ETag when the API sent one. */
export interface ApiAnswer<T> {
  data: T
  etag: string | null
  status: number
}

/** The client the pages use. */
export interface ApiClient {
  /**
   * Calls a documented operation by its operationId; request and answer are
   * typed from the route registry (no zod at run time).
   *
   * @example const { portals } = await api.call('listPortals', { query: { limit: 500 } })
   */
  call: LiteCall<RequestOptions>
  /** The ETag of the answer `call` gave `value` (for `If-Match`), or null. */
  etagOf(value: unknown): string | null
  get<T>(path: string, options?: RequestOptions): Promise<T>
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>
  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>
  delete(path: string, options?: RequestOptions): Promise<void>
  /** Any method, with the ETag and status of the answer. */
  request<T>(method: string, path: string, options?: RequestOptions): Promise<ApiAnswer<T>>
}

/** Builds a query string from the defined values: `?a=1&b=x`, or `''`. */
export const query = (values: Record<string, string | number | undefined | null>): string => {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(values))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** Encodes one path segment. */
export const seg = (value: string): string => encodeURIComponent(value)

/**
 * A client for the API at `baseUrl` that sends `Authorization: Bearer` with
 * the token `token()` returns, and calls `onUnauthenticated` on a 401.
 *
 * @example
 * const api = createApiClient({ token: () => session.token, onUnauthenticated: signOut })
 * const { portals } = await api.get<{ portals: Portal[] }>('/v1/admin/portals')
 */
export function createApiClient(deps: {
  token: () => string | null
  onUnauthenticated?: (error: ApiError) => void
  baseUrl?: string
  fetch?: typeof fetch
}): ApiClient {
  const doFetch = deps.fetch ?? ((input, init) => fetch(input, init))
  async function request<T>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { accept: 'application/json' }
    const token = deps.token()
    if (options.authorization) headers.authorization = options.authorization
    else if (token) headers.authorization = `Bearer ${token}`
    if (options.ifMatch) headers['if-match'] = options.ifMatch
    let body: string | undefined
    if (options.body !== undefined) {
      if (options.contentType) {
        headers['content-type'] = options.contentType
        body = String(options.body)
      } else {
        headers['content-type'] = 'application/json'
        body = JSON.stringify(options.body)
      }
    }
    let res: Response
    try {
      res = await doFetch(`${deps.baseUrl ?? ''}${path}`, { method, headers, body, signal: options.signal })
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err
      throw new ApiError(0, 'network_error', err instanceof Error ? err.message : 'network error')
    }
    const text = await res.text()
    if (res.ok && options.text) return { data: text as T, etag: res.headers.get('etag'), status: res.status }
    let parsed: unknown = null
    if (text) {
      try {
        parsed = JSON.parse(text)
      } catch {
        parsed = null
      }
    }
    if (!res.ok) {
      const error = (parsed as { error?: { code?: string; message?: string; field?: string } } | null)?.error
      const rejected = (parsed as { rejected?: ApiError['rejected'] } | null)?.rejected
      const first = rejected?.[0]?.errors?.[0]
      const apiError = new ApiError(
        res.status,
        error?.code ?? first?.code ?? `http_${res.status}`,
        error?.message ?? first?.message ?? `${res.status} ${res.statusText}`,
        error?.field ?? first?.path,
        Array.isArray(rejected) ? rejected : undefined,
      )
      if (res.status === 401) deps.onUnauthenticated?.(apiError)
      throw apiError
    }
    return { data: parsed as T, etag: res.headers.get('etag'), status: res.status }
  }
  const etags = new WeakMap<object, string>()
  const call = createLiteApiClient<RequestOptions>(async (resolved, options) => {
    const answer = await request<unknown>(resolved.method, resolved.path, {
      ...options,
      ...(resolved.body !== undefined ? { body: resolved.body } : {}),
    })
    if (answer.etag && answer.data !== null && typeof answer.data === 'object')
      etags.set(answer.data, answer.etag)
    return answer.data
  })
  return {
    call,
    etagOf: (value) => (value !== null && typeof value === 'object' ? (etags.get(value) ?? null) : null),
    request,
    get: async (path, options) => (await request<never>('GET', path, options)).data,
    post: async (path, body, options) => (await request<never>('POST', path, { ...options, body })).data,
    put: async (path, body, options) => (await request<never>('PUT', path, { ...options, body })).data,
    patch: async (path, body, options) => (await request<never>('PATCH', path, { ...options, body })).data,
    delete: async (path, options) => {
      await request('DELETE', path, options)
    },
  }
}

type Paged =
  | 'listHubs'
  | 'listPortals'
  | 'listInstances'
  | 'listUsers'
  | 'listContacts'
  | 'listProfiles'
  | 'listProvisioningJobs'

/**
 * Every item of a paginated admin list operation, typed from the registry,
 * following `nextCursor` 500 at a time, at most `maxPages` pages.
 *
 * @example const hubs = await listAll(api, 'listHubs', 'hubs')
 */
export async function listAll<K extends Paged, F extends keyof OperationOutput<K>>(
  api: ApiClient,
  operationId: K,
  key: F,
  request: { params?: Record<string, string>; query?: Record<string, string | number> } = {},
  maxPages = 40,
): Promise<Array<OperationOutput<K>[F] extends ReadonlyArray<infer E> ? E : never>> {
  const out: unknown[] = []
  let cursor: string | null | undefined
  for (let page = 0; page < maxPages; page++) {
    const answer = (await api.call<Paged>(operationId, {
      ...request,
      query: { ...request.query, limit: 500, ...(cursor ? { cursor } : {}) },
    } as never)) as unknown as Record<PropertyKey, unknown> & { nextCursor?: string | null }
    out.push(...((answer[key] as unknown[] | undefined) ?? []))
    cursor = answer.nextCursor
    if (!cursor) break
  }
  return out as never
}
