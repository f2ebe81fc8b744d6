import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as z from 'zod'
import {
  API_ROUTES,
  ERROR_CODES,
  ERROR_CODE_TABLES,
  type ErrorCode,
  type RouteDef,
  errorBodySchema,
  isErrorCode,
  statusesOf,
} from '../../schemas/index.ts'
import { ADMIN_TOKEN, type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'
import { requestOf } from '../support/route-requests.ts'

/**
 * Holds the error codes of schemas/error-codes.ts and the OpenAPI document the
 * server serves to each other: every code the document lists exists and answers
 * with the status it is listed under; every code (but the server's own) is listed
 * by some operation; every code a route's own parameters can give is listed on
 * that route; and what the real app answers to a sweep of refused requests is
 * listed on the route that answered.
 */

let t: PortalTestCore
// biome-ignore lint/suspicious/noExplicitAny: a JSON document under test
let doc: any

beforeAll(async () => {
  t = await startPortalTestCore()
  doc = await (await t.app.request('/openapi.json')).json()
}, 120_000)
afterAll(async () => {
  await t.close()
  t.remove()
})

/** `operationId -> status -> codes`, as the served document lists them. */
function documentedCodes(): Map<string, Map<number, string[]>> {
  const out = new Map<string, Map<number, string[]>>()
  for (const methods of Object.values(doc.paths) as Record<string, unknown>[]) {
    for (const op of Object.values(methods) as {
      operationId: string
      responses: Record<string, unknown>
    }[]) {
      const byStatus = new Map<number, string[]>()
      for (const [status, response] of Object.entries(op.responses)) {
        // The envelope's `error.code` enum; other enums of an answer (readiness reasons) are not codes.
        const codes = [
          ...JSON.stringify(response).matchAll(/"code":\{"type":"string","enum":\[([^\]]*)\]/g),
        ].flatMap((m) => JSON.parse(`[${m[1]}]`))
        if (Number(status) >= 400) byStatus.set(Number(status), codes)
      }
      out.set(op.operationId, byStatus)
    }
  }
  return out
}

/** Values a query, path or header field is tried with: a field that takes them all cannot be refused. */
const PROBES = ['', 'x', 'not a value', '-1', '1.5', 'x'.repeat(5000), '2026-13-45']
const canRefuse = (s: z.ZodType) => PROBES.some((v) => !s.safeParse(v).success)
const isRequired = (s: z.ZodType) => !s.safeParse(undefined).success

/** The codes a route's query, path or header schema can give, as the validation names them. */
function parameterCodes(route: RouteDef): string[] {
  const out: string[] = []
  const fields = (schema: z.ZodObject | undefined) =>
    Object.entries(schema?.shape ?? {}) as [string, z.ZodType][]
  for (const [name, s] of fields(route.request?.query)) {
    if (canRefuse(s)) out.push(`invalid_${name}`)
    if (isRequired(s)) out.push(`${name}_required`)
  }
  for (const [name, s] of fields(route.request?.params)) {
    if (canRefuse(s)) out.push(s.safeParse('x').success ? `invalid_${name}` : 'invalid_uuid')
  }
  for (const [name, s] of fields(route.request?.headers)) {
    if (canRefuse(s)) out.push(`invalid_${name}`)
    if (isRequired(s)) out.push(`${name}_required`)
  }
  return out
}

describe('error codes and the OpenAPI document', () => {
  it('finds the codes it checks', () => {
    expect(Object.keys(ERROR_CODES).length).toBeGreaterThan(150)
    expect(documentedCodes().size).toBe(API_ROUTES.length)
  })

  it('keeps each code in one module’s table', () => {
    const seen = new Map<string, string>()
    const twice: string[] = []
    for (const [module, table] of Object.entries(ERROR_CODE_TABLES)) {
      for (const code of Object.keys(table)) {
        if (seen.has(code)) twice.push(`${code} (${seen.get(code)} and ${module})`)
        seen.set(code, module)
      }
    }
    expect(twice).toEqual([])
  })

  it('lists in the document only codes that exist, under a status they answer with', () => {
    const wrong: string[] = []
    for (const [operationId, byStatus] of documentedCodes()) {
      for (const [status, codes] of byStatus) {
        for (const code of codes) {
          if (!isErrorCode(code))
            wrong.push(`${operationId} ${status} ${code}: not in schemas/error-codes.ts`)
          else if (!statusesOf(code).includes(status as never))
            wrong.push(`${operationId} ${status} ${code}: answers with ${statusesOf(code).join(', ')}`)
        }
      }
    }
    expect(wrong).toEqual([])
  })

  it('lists every code (but the server’s own) on some operation, under each of its statuses', () => {
    const listed = new Set<string>()
    for (const byStatus of documentedCodes().values())
      for (const [status, codes] of byStatus) for (const code of codes) listed.add(`${status} ${code}`)
    const unlisted = (Object.keys(ERROR_CODES) as ErrorCode[])
      .filter((code) => !(code in ERROR_CODE_TABLES.server))
      .flatMap((code) => statusesOf(code).map((status) => `${status} ${code}`))
      .filter((entry) => !listed.has(entry))
    expect(unlisted).toEqual([])
  })

  it('lists on each route the codes its own parameters can give', () => {
    const documented = documentedCodes()
    const missing: string[] = []
    for (const route of API_ROUTES as readonly RouteDef[]) {
      const listed = documented.get(route.operationId)?.get(400) ?? []
      for (const code of parameterCodes(route)) {
        if (!isErrorCode(code)) missing.push(`${route.operationId}: ${code} not in schemas/error-codes.ts`)
        else if (!listed.includes(code)) missing.push(`${route.operationId}: ${code} not listed under 400`)
      }
    }
    expect(missing).toEqual([])
  })
})

// The reference's pages and static files answer HTML or files; /metrics needs its scrape token.
const operations = (API_ROUTES as readonly RouteDef[]).filter(
  (r) => !r.page && r.operationId !== 'getMetrics',
)
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'

/** Refused variants of a route's documented example: no credentials, unknown ids, an unknown parameter. */
function refusedVariants(route: RouteDef): { what: string; url: string; init: RequestInit }[] {
  const example = requestOf(route, { ids: {}, adminToken: ADMIN_TOKEN, hubKey: 'not-a-key' })
  const out = []
  const bare = { ...example.init, headers: { ...(example.init.headers as Record<string, string>) } }
  delete (bare.headers as Record<string, string>).authorization
  out.push({ what: 'no credentials', url: example.url, init: bare })
  const admin = {
    ...example.init,
    headers: { ...(example.init.headers as Record<string, string>), authorization: `Bearer ${ADMIN_TOKEN}` },
  }
  const unknownIds = example.url.replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
    UNKNOWN_ID,
  )
  out.push({ what: 'unknown ids', url: unknownIds, init: admin })
  out.push({
    what: 'an unknown parameter',
    url: `${example.url}${example.url.includes('?') ? '&' : '?'}unheard=1`,
    init: admin,
  })
  return out
}

describe('what the app answers to refused requests', () => {
  it.each(operations.map((r) => [r.operationId, r] as const))(
    '%s lists what it answers',
    async (_id, route) => {
      const listed = documentedCodes().get(route.operationId)!
      for (const { what, url, init } of refusedVariants(route)) {
        const res = await t.app.request(url, init)
        if (res.status < 400) continue
        const text = await res.text()
        expect(res.status, `${what}: ${text.slice(0, 200)}`).toBeLessThan(500)
        const envelope = errorBodySchema.safeParse(JSON.parse(text))
        if (!envelope.success) continue // ingest's 400 lists the rejected items instead
        const code = envelope.data.error.code
        expect(listed.get(res.status) ?? [], `${what}: ${res.status} ${code}`).toContain(code)
      }
    },
  )
})
