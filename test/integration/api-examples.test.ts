import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_ROUTES, EXAMPLE_IDS, type RouteDef, errorBodySchema } from '../../schemas/index.ts'
import { ADMIN_TOKEN, type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'
import { requestOf } from '../support/route-requests.ts'

/**
 * Sends every documented example to the real app (real embedded ClickHouse),
 * with the stand-in ids of EXAMPLE_IDS replaced by resources made here, and
 * checks the answer: the documented status, and a body that the documented
 * schema for that status accepts (the error envelope, with a documented code,
 * for an error status).
 */

let t: PortalTestCore
let ids: Record<string, string>
let hubKey: string

beforeAll(async () => {
  t = await startPortalTestCore()
  const hub = await t.createHub('Examples')
  hubKey = hub.keys[0]!.primaryKey
  await t.admin('POST', `/v1/admin/hubs/${hub.id}/keys`, { keyName: EXAMPLE_IDS.keyName, rights: ['send'] })
  const instance = await t.createInstance({ name: 'Examples', installedLanguages: ['en-US', 'fr-FR'] })
  const portal = await t.provisionAndWait(instance.id, { name: 'Examples Help' })
  const user = await t.createUser('Riley Chen', [{ role: 'system_administrator', instanceId: instance.id }])
  const licence = await t.addLicence()
  ids = {
    [EXAMPLE_IDS.hubId]: hub.id,
    [EXAMPLE_IDS.instanceId]: instance.id,
    [EXAMPLE_IDS.portalId]: portal.id,
    [EXAMPLE_IDS.userId]: user.id,
    [EXAMPLE_IDS.licenceId]: licence.id,
  }
}, 120_000)
afterAll(async () => {
  await t.close()
  t.remove()
})

// The reference's pages and static files are checked in their own tests; /metrics needs a registry.
const operations = (API_ROUTES as readonly RouteDef[]).filter(
  (r) => !r.page && r.operationId !== 'getMetrics',
)
// Deletes last, so that what they remove is there for the others.
const ordered = [...operations].sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'))

describe('every documented example, sent to the real app', () => {
  it.each(ordered.map((r) => [r.operationId, r] as const))('%s', async (_id, route) => {
    const { url, init } = requestOf(route, { ids, adminToken: ADMIN_TOKEN, hubKey })
    const res = await t.app.request(url, init)
    const text = await res.text()
    const expected = route.example!.status
    expect(res.status, `${route.method.toUpperCase()} ${route.path} answered ${text.slice(0, 300)}`).toBe(
      expected,
    )
    const documented = (
      route.responses as Record<
        number,
        { schema?: { safeParse(v: unknown): { success: boolean; error?: unknown } } }
      >
    )[expected]
    if (documented) {
      // NDJSON (an export) is lines of documents, not one: its own tests read it line by line.
      const type = res.headers.get('content-type') ?? ''
      if (documented.schema && type.includes('json') && !type.includes('ndjson')) {
        const parsed = documented.schema.safeParse(JSON.parse(text))
        expect(parsed.success, JSON.stringify(parsed.error ?? '')).toBe(true)
      }
      return
    }
    const error = (route.errors ?? []).find((e) => e.status === expected)
    expect(error, `status ${expected} is not documented`).toBeDefined()
    const body = JSON.parse(text) as unknown
    const envelope = errorBodySchema.safeParse(body)
    if (!envelope.success && error!.orBody) {
      expect(error!.orBody.safeParse(body).success).toBe(true)
      return
    }
    expect(envelope.success).toBe(true)
    expect(error!.codes).toContain(envelope.data!.error.code)
  })
})
