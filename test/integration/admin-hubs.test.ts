import { describe, expect, it } from 'vitest'
import { search } from '../support/interactions.ts'
import { useTestCore, tokenFor } from '../support/test-core.ts'

const t = useTestCore()

const createHub = async (name = 'Support') => {
  const res = await t.admin('/v1/admin/hubs', { method: 'POST', body: JSON.stringify({ name }) })
  expect(res.status).toBe(201)
  return (await res.json()) as {
    id: string
    name: string
    keys: Array<{ keyName: string; rights: string[]; primaryKey: string; secondaryKey: string }>
  }
}

describe('admin authentication', () => {
  it.each([
    ['no Authorization header', {}, 'admin_token_missing'],
    ['another scheme', { authorization: 'Basic YWRtaW46YWRtaW4=' }, 'admin_token_malformed'],
    ['an unknown token', { authorization: 'Bearer not-a-real-token-at-all' }, 'admin_token_invalid'],
  ])('denies by default: %s is a 401', async (_label, headers, code) => {
    const res = await t.app.request('/v1/admin/hubs', { headers })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer')
    expect(await res.json()).toMatchObject({ error: { code } })
  })

  it('denies unknown admin paths without a token too (401, not 404)', async () => {
    expect((await t.app.request('/v1/admin/whatever')).status).toBe(401)
  })

  it('refuses a principal without a tenant administrator role (403)', async () => {
    const { token } = await t.core.principals.create({
      name: 'Customizer',
      roles: [{ role: 'system_customizer', instanceId: 'i1' }],
    })
    const res = await t.app.request('/v1/admin/hubs', { headers: { authorization: `Bearer ${token}` } })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ error: { code: 'role_required' } })
  })

  it('stores admin tokens hashed, never in clear', async () => {
    const docs = JSON.stringify((await t.core.controlPlane.query('SELECT doc FROM cp_principals')).rows)
    expect(docs).toContain('tokenHash')
    expect(docs).not.toContain(t.adminToken)
  })
})

describe('hubs and keys', () => {
  it('creates a hub with a default key holding send, read and manage, and distinct secrets', async () => {
    const hub = await createHub('Contoso')
    expect(hub.name).toBe('Contoso')
    expect(hub.keys).toEqual([
      {
        keyName: 'default',
        rights: ['send', 'read', 'manage'],
        primaryKey: expect.any(String),
        secondaryKey: expect.any(String),
      },
    ])
    expect(Buffer.from(hub.keys[0]!.primaryKey, 'base64')).toHaveLength(32)
    expect(hub.keys[0]!.primaryKey).not.toBe(hub.keys[0]!.secondaryKey)
  })

  it('lists and reads hubs', async () => {
    const hub = await createHub('Listed')
    const list = (await (await t.admin('/v1/admin/hubs')).json()) as { hubs: Array<{ id: string }> }
    expect(list.hubs.map((h) => h.id)).toContain(hub.id)
    expect(await (await t.admin(`/v1/admin/hubs/${hub.id}`)).json()).toMatchObject({
      id: hub.id,
      name: 'Listed',
    })
    const missing = await t.admin('/v1/admin/hubs/00000000-0000-4000-8000-000000000000')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ error: { code: 'hub_not_found' } })
  })

  it.each([
    ['an empty name', { name: ' ' }, 'too_short', 'name'],
    ['a missing name', {}, 'required', 'name'],
    ['an extra field', { name: 'x', region: 'eu' }, 'unknown_field', 'region'],
  ])('refuses %s with its code and field', async (_label, body, code, field) => {
    const res = await t.admin('/v1/admin/hubs', { method: 'POST', body: JSON.stringify(body) })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code, field } })
  })

  it('refuses a body that is not JSON, or not sent as JSON', async () => {
    expect(await (await t.admin('/v1/admin/hubs', { method: 'POST', body: '{' })).json()).toMatchObject({
      error: { code: 'invalid_json' },
    })
    const res = await t.admin('/v1/admin/hubs', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'text/plain' },
    })
    expect(res.status).toBe(415)
  })

  it('adds keys with chosen rights, refuses duplicates and bad rights, deletes them', async () => {
    const hub = await createHub()
    const add = (body: unknown) =>
      t.admin(`/v1/admin/hubs/${hub.id}/keys`, { method: 'POST', body: JSON.stringify(body) })
    const res = await add({ keyName: 'portal-web', rights: ['send'] })
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ keyName: 'portal-web', rights: ['send'] })
    expect((await add({ keyName: 'portal-web', rights: ['read'] })).status).toBe(409)
    expect(await (await add({ keyName: 'x', rights: ['listen'] })).json()).toMatchObject({
      error: { field: 'rights.0' },
    })
    expect(await (await add({ keyName: 'bad name!', rights: ['send'] })).json()).toMatchObject({
      error: { field: 'keyName' },
    })
    expect((await t.admin(`/v1/admin/hubs/${hub.id}/keys/portal-web`, { method: 'DELETE' })).status).toBe(204)
    expect((await t.admin(`/v1/admin/hubs/${hub.id}/keys/portal-web`, { method: 'DELETE' })).status).toBe(404)
  })

  it('regenerates the secondary secret and refuses an unknown `which`', async () => {
    const hub = await createHub()
    const regen = (which: string) =>
      t.admin(`/v1/admin/hubs/${hub.id}/keys/default/regenerate`, {
        method: 'POST',
        body: JSON.stringify({ which }),
      })
    const res = await regen('secondary')
    const key = (await res.json()) as { primaryKey: string; secondaryKey: string }
    expect(key.primaryKey).toBe(hub.keys[0]!.primaryKey)
    expect(key.secondaryKey).not.toBe(hub.keys[0]!.secondaryKey)
    expect((await regen('tertiary')).status).toBe(400)
  })
})

describe('the interaction-type catalogue', () => {
  it('lists the four seed types and article feedback, captured by default, with their fields', async () => {
    const hub = await createHub()
    const body = (await (await t.admin(`/v1/admin/hubs/${hub.id}/interaction-types`)).json()) as {
      types: Array<{ type: string; displayName: string; captured: boolean; fields: string[] }>
    }
    expect(body.types.map((x) => [x.type, x.displayName, x.captured])).toEqual([
      ['portal_viewknowledgearticle', 'Knowledge article', true],
      ['portal_viewblogpost', 'Blog post', true],
      ['portal_viewforumthread', 'Forum thread', true],
      ['portal_search', 'Portal Search', true],
      ['portal_articlefeedback', 'Article feedback', true],
    ])
    expect(body.types[4]!.fields).toEqual(
      expect.arrayContaining(['portal_knowledgearticleid', 'portal_helpful', 'portal_comment']),
    )
    expect(body.types[3]!.fields).toEqual(
      expect.arrayContaining(['portal_interactionid', 'portal_contactid', 'portal_searchstring']),
    )
  })

  it('deleting a type stops its capture (refused and quarantined); adding it back restores it', async () => {
    const hub = await createHub()
    const token = tokenFor(`/v1/hubs/${hub.id}`, hub.keys[0]!.primaryKey)
    const send = () =>
      t.app.request(`/v1/hubs/${hub.id}/interactions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: token },
        body: JSON.stringify(search()),
      })
    expect(
      (await t.admin(`/v1/admin/hubs/${hub.id}/interaction-types/portal_search`, { method: 'DELETE' }))
        .status,
    ).toBe(204)
    const refused = await send()
    expect(refused.status).toBe(400)
    expect(await refused.json()).toMatchObject({
      rejected: [{ errors: [{ path: 'type', code: 'type_not_captured' }] }],
    })
    await expect
      .poll(async () =>
        (
          (await (await t.admin(`/v1/admin/hubs/${hub.id}/quarantine`)).json()) as {
            items: Array<{ code: string }>
          }
        ).items.map((i) => i.code),
      )
      .toEqual(['type_not_captured'])
    expect(
      (await t.admin(`/v1/admin/hubs/${hub.id}/interaction-types/portal_search`, { method: 'PUT' })).status,
    ).toBe(200)
    expect((await send()).status).toBe(202)
  })

  it('answers 404 for a type that is not in the catalogue', async () => {
    const hub = await createHub()
    const res = await t.admin(`/v1/admin/hubs/${hub.id}/interaction-types/portal_rate`, { method: 'DELETE' })
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: { code: 'interaction_type_not_found' } })
  })
})

describe('health', () => {
  it('reports alive and ready', async () => {
    expect(await (await t.app.request('/health')).json()).toEqual({ status: 'ok' })
    const ready = await t.app.request('/ready')
    expect(ready.status).toBe(200)
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { store: 'ok', migrations: 'ok', flusher: 'ok', log: 'ok' },
    })
  })
})
