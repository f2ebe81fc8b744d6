import { describe, expect, it } from 'vitest'
import type { AuditEntry } from '../../core/testing.ts'
import { API_ROUTES, EXAMPLE_IDS } from '../../schemas/index.ts'
import { ADMIN_TOKEN, usePortalTestCore } from '../support/portal-fixtures.ts'

const t = usePortalTestCore()

type Page = { entries: AuditEntry[]; nextCursor: string | null }

/** Every entry the bootstrap admin can read, as NDJSON. */
const allEntries = async (): Promise<AuditEntry[]> => {
  const res = await t.app.request('/v1/admin/audit?format=ndjson', {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  })
  expect(res.status).toBe(200)
  return (await res.text())
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuditEntry)
}
const countOf = async (operation: string) =>
  (await t.core.audit.list({ operation, limit: 500 })).entries.length

/** The admin operations that change something, from the registry that /openapi.json is built from. */
const adminWrites = API_ROUTES.filter(
  (r) => r.method !== 'get' && r.path.startsWith('/v1/admin/'),
  // Ending the caller's session last: it may end the token the walk runs with.
).sort((a, b) => Number(a.operationId === 'endAdminSession') - Number(b.operationId === 'endAdminSession'))

describe('the audit log', () => {
  it('finds the admin write operations in the registry', () => {
    expect(adminWrites.length).toBeGreaterThan(40)
  })

  it('writes exactly one entry, with its operationId, for every admin write operation (refused ones too)', async () => {
    const unaudited: string[] = []
    for (const route of adminWrites) {
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        encodeURIComponent((EXAMPLE_IDS as Record<string, string>)[name] ?? `audit-${name}`),
      )
      const before = await countOf(route.operationId)
      const res = await t.app.request(path, {
        method: route.method.toUpperCase(),
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: '{}',
      })
      expect(res.status, `${route.operationId} answered a 5xx`).toBeLessThan(500)
      const added = (await countOf(route.operationId)) - before
      if (added !== 1) unaudited.push(`${route.operationId} (${added} entries)`)
    }
    expect(unaudited).toEqual([])
  })

  it('keeps every secret out of every entry: hub keys, a regenerated key, user tokens, a portal’s key', async () => {
    const secrets: string[] = []
    const hub = await t.createHub('Secret hub')
    secrets.push(hub.keys[0]!.primaryKey, hub.keys[0]!.secondaryKey)
    const key = await t.admin<{ primaryKey: string; secondaryKey: string }>(
      'POST',
      `/v1/admin/hubs/${hub.id}/keys`,
      {
        keyName: 'extra',
        rights: ['send'],
      },
    )
    expect(key.status).toBe(201)
    secrets.push(key.body.primaryKey, key.body.secondaryKey)
    const regenerated = await t.admin<{ primaryKey: string }>(
      'POST',
      `/v1/admin/hubs/${hub.id}/keys/extra/regenerate`,
      { which: 'primary' },
    )
    expect(regenerated.status).toBe(200)
    secrets.push(regenerated.body.primaryKey)
    const user = await t.createUser('Token holder', [])
    secrets.push(user.token)
    const rotated = await t.admin<{ token: string }>('POST', `/v1/admin/users/${user.id}/token`)
    expect(rotated.status).toBe(200)
    secrets.push(rotated.body.token)
    const instance = await t.createInstance({ name: 'Secrets' })
    const portal = await t.provisionAndWait(instance.id)
    const bound = await t.admin('PUT', `/v1/admin/portals/${portal.id}/hub-binding`, {
      hubId: hub.id,
      keyName: 'default',
      key: hub.keys[0]!.primaryKey,
      termsAccepted: true,
    })
    expect(bound.status).toBe(200)

    const entries = await allEntries()
    const text = JSON.stringify(entries)
    for (const secret of secrets) expect(text).not.toContain(secret)
    expect(text).not.toContain(ADMIN_TOKEN)
    // The changes are there, the secrets only as "changed".
    const regen = entries.find((e) => e.operation === 'regenerateHubKey' && e.outcome.status === 200)!
    expect(regen.target).toEqual({ type: 'hub', id: hub.id })
    expect(regen.changes).toContainEqual({ field: 'hub.keys', before: 'changed', after: 'changed' })
    const binding = entries.find((e) => e.operation === 'configureHub' && e.outcome.status === 200)!
    expect(binding.changes.map((c) => c.field)).toContain('portal.hubBinding')
  })

  it('filters by target, operation, actor and time, pages newest first, and exports CSV without formulas', async () => {
    const instance = await t.createInstance({ name: 'Filtered' })
    const mallory = await t.createUser('=HYPERLINK("http://evil")', [
      { role: 'system_administrator', instanceId: instance.id },
    ])
    for (const name of ['One', 'Two', 'Three']) {
      const res = await t.call(mallory.token, 'PATCH', `/v1/admin/instances/${instance.id}`, { name })
      expect(res.status).toBe(200)
    }
    const refused = await t.call(mallory.token, 'PATCH', `/v1/admin/instances/${instance.id}`, { name: '' })
    expect(refused.status).toBe(400)

    const q = `targetType=instance&targetId=${instance.id}&operation=updateInstance`
    const all = await t.admin<Page>('GET', `/v1/admin/audit?${q}`)
    expect(all.status).toBe(200)
    expect(all.body.entries.map((e) => e.outcome.status)).toEqual([400, 200, 200, 200])
    expect(all.body.entries[0]!.outcome.code).toBeDefined()
    expect(all.body.entries[1]!.changes).toContainEqual({
      field: 'instance.name',
      before: 'Two',
      after: 'Three',
    })
    expect(all.body.entries.every((e) => e.actor.id === mallory.id && e.actor.kind === 'admin_token')).toBe(
      true,
    )

    // Pages of two follow each other without gaps or repeats.
    const paged: string[] = []
    let cursor: string | null = null
    do {
      const page: { body: Page } = await t.admin<Page>(
        'GET',
        `/v1/admin/audit?${q}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      )
      paged.push(...page.body.entries.map((e) => e.id))
      cursor = page.body.nextCursor
    } while (cursor)
    expect(paged).toEqual(all.body.entries.map((e) => e.id))
    expect((await t.admin('GET', '/v1/admin/audit?cursor=bm9wZQ')).status).toBe(400)

    const byActor = await t.admin<Page>('GET', `/v1/admin/audit?actor=${mallory.id}`)
    expect(byActor.body.entries).toHaveLength(4)
    const at = all.body.entries[3]!.at
    const later = await t.admin<Page>('GET', `/v1/admin/audit?${q}&from=${encodeURIComponent(at)}`)
    expect(later.body.entries.length).toBeGreaterThanOrEqual(1)
    const earlier = await t.admin<Page>('GET', `/v1/admin/audit?${q}&to=${encodeURIComponent(at)}`)
    expect(earlier.body.entries).toHaveLength(0)
    const badFrom = await t.admin<{ error: { code: string; field: string } }>(
      'GET',
      '/v1/admin/audit?from=yesterday',
    )
    expect(badFrom.status).toBe(400)
    expect(badFrom.body.error).toMatchObject({ code: 'invalid_from', field: 'from' })
    expect((await t.admin('GET', `/v1/admin/audit?targetId=${'x'.repeat(300)}`)).status).toBe(400)

    const csv = await t.app.request(`/v1/admin/audit?${q}&format=csv`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    })
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const lines = (await csv.text()).trim().split('\r\n')
    expect(lines[0]).toMatch(/^id,at,actorId,actorName,/)
    expect(lines).toHaveLength(5)
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`)
    expect(lines.slice(1).some((l) => /,=/.test(l))).toBe(false)
  })

  it('shows a System Administrator the entries about their instance and its portals only', async () => {
    const mine = await t.createInstance({ name: 'Mine' })
    const theirs = await t.createInstance({ name: 'Theirs' })
    const portal = await t.provisionAndWait(mine.id)
    const sysadmin = await t.createUser('Instance admin', [
      { role: 'system_administrator', instanceId: mine.id },
    ])
    expect((await t.admin('PATCH', `/v1/admin/instances/${theirs.id}`, { name: 'Theirs 2' })).status).toBe(
      200,
    )
    expect(
      (await t.admin('PATCH', `/v1/admin/portals/${portal.id}`, { name: 'Renamed' })).status,
    ).toBeLessThan(500)
    await t.createHub('Not theirs')

    const seen = await t.call<Page>(sysadmin.token, 'GET', '/v1/admin/audit?limit=500')
    expect(seen.status).toBe(200)
    const targets = new Set(seen.body.entries.map((e) => `${e.target.type}:${e.target.id}`))
    expect(targets.has(`portal:${portal.id}`)).toBe(true)
    expect(targets.has(`instance:${mine.id}`)).toBe(true)
    expect(targets.has(`instance:${theirs.id}`)).toBe(false)
    expect(seen.body.entries.some((e) => e.target.type === 'hub')).toBe(false)
    const other = await t.call<Page>(sysadmin.token, 'GET', `/v1/admin/audit?targetId=${theirs.id}`)
    expect(other.body.entries).toEqual([])
    const nobody = await t.createUser('No roles', [])
    const refused = await t.call<{ error: { code: string } }>(nobody.token, 'GET', '/v1/admin/audit')
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('role_required')
  })

  it('names a console session as such, and keeps its token out of the log', async () => {
    const session = await t.admin<{ token: string }>('POST', '/v1/admin/sessions')
    expect(session.status).toBe(201)
    const instance = await t.createInstance({ name: 'By session' })
    const res = await t.call(session.body.token, 'PATCH', `/v1/admin/instances/${instance.id}`, {
      name: 'Renamed',
    })
    expect(res.status).toBe(200)
    const page = await t.admin<Page>(
      'GET',
      `/v1/admin/audit?targetId=${instance.id}&operation=updateInstance`,
    )
    expect(page.body.entries).toHaveLength(1)
    expect(page.body.entries[0]!.actor.kind).toBe('console_session')
    expect(JSON.stringify(await allEntries())).not.toContain(session.body.token)
  })
})
