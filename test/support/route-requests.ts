import { createSasToken } from '../../core/index.ts'
import type { RouteDef } from '../../schemas/index.ts'
import { PUBLIC_URL } from './test-core.ts'

/** What a route's documented example is sent with: real ids for the stand-ins, and the credentials. */
export interface ExampleContext {
  /** Stand-in id (a value of EXAMPLE_IDS) -> the id of a real resource. */
  ids: Readonly<Record<string, string>>
  /** The bearer token admin routes are sent with. */
  adminToken: string
  /** The `default` key of the example's hub, which signs the SAS of SAS routes. */
  hubKey: string
}

/** `value` with the stand-in ids replaced by real ones. */
export const withRealIds = <T>(value: T, ids: ExampleContext['ids']): T =>
  JSON.parse(
    Object.entries(ids).reduce(
      (text, [from, to]) => text.replaceAll(from, to),
      JSON.stringify(value ?? null),
    ),
  ) as T

/**
 * The request a route's documented example makes: its path with the example's
 * params, its query, headers and body, and the credentials its security asks for.
 *
 * @example const { url, init } = requestOf(route, { ids, adminToken, hubKey }); await app.request(url, init)
 */
export function requestOf(route: RouteDef, context: ExampleContext): { url: string; init: RequestInit } {
  const real = <T>(value: T): T => withRealIds(value, context.ids)
  const example = route.example!
  const params = real(example.params ?? {}) as Record<string, string>
  const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? ''))
  const query = new URLSearchParams(real(example.query ?? {}) as Record<string, string>)
  const headers: Record<string, string> = { ...(real(example.headers ?? {}) as Record<string, string>) }
  const security = route.security
  if (security && 'bearer' in security) headers.authorization = `Bearer ${context.adminToken}`
  if (security && 'sas' in security) {
    headers.authorization = createSasToken({
      resourceUri: `${PUBLIC_URL}/v1/hubs/${params.hubId}`,
      keyName: 'default',
      key: context.hubKey,
      ttlSeconds: 600,
    })
  }
  let body: string | undefined
  if (example.body !== undefined) {
    headers['content-type'] = route.request?.body?.mediaTypes?.[0] ?? 'application/json'
    body = JSON.stringify(real(example.body))
  }
  const search = query.size ? `?${query}` : ''
  return { url: `${PUBLIC_URL}${path}${search}`, init: { method: route.method.toUpperCase(), headers, body } }
}
