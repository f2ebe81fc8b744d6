import { describe, expect, it } from 'vitest'
import { ApiError, createApiClient } from '../../schemas/index.ts'
import { PUBLIC_URL, useTestCore } from '../support/test-core.ts'

const t = useTestCore()

describe('ETag and If-Match on admin updates', () => {
  it('answers 412 version_mismatch with the current version when someone else changed it first', async () => {
    const created = await t.admin('/v1/admin/instances', {
      method: 'POST',
      body: JSON.stringify({ name: 'Versioned', baseLanguage: 'en-US', installedLanguages: ['en-US'] }),
    })
    const { id } = (await created.json()) as { id: string }
    const read = await t.admin(`/v1/admin/instances/${id}`)
    const etag = read.headers.get('etag')!
    expect(etag).toMatch(/^"[\w-]{27}"$/)

    // The first admin's change goes through, and the answer carries the new version.
    const first = await t.admin(`/v1/admin/instances/${id}`, {
      method: 'PATCH',
      headers: { 'if-match': etag },
      body: JSON.stringify({ name: 'Versioned by Ana' }),
    })
    expect(first.status).toBe(200)
    const newer = first.headers.get('etag')!
    expect(newer).not.toBe(etag)

    // The second admin, still holding the old version, is refused instead of overwriting.
    const second = await t.admin(`/v1/admin/instances/${id}`, {
      method: 'PATCH',
      headers: { 'if-match': etag },
      body: JSON.stringify({ name: 'Versioned by Ben' }),
    })
    expect(second.status).toBe(412)
    expect(second.headers.get('etag')).toBe(newer)
    expect(await second.json()).toMatchObject({
      error: { code: 'version_mismatch', field: 'if-match' },
      current: { id, name: 'Versioned by Ana' },
    })
    const now = (await (await t.admin(`/v1/admin/instances/${id}`)).json()) as { name: string }
    expect(now.name).toBe('Versioned by Ana')
  })

  it('works through the typed client with etagOf', async () => {
    const api = createApiClient({
      baseUrl: PUBLIC_URL,
      adminToken: t.adminToken,
      fetch: (url, init) => Promise.resolve(t.app.request(url, init)),
    })
    const me = await api.getMe()
    const user = await api.getUser({ params: { userId: me.id } })
    const etag = api.etagOf(user)
    expect(etag).toBeDefined()
    const changed = await api.setUserRoles(
      { params: { userId: me.id }, body: { roles: user.roles } },
      { ifMatch: etag },
    )
    expect(changed.id).toBe(me.id)
    const created = await api.createInstance({ body: { name: 'Client versioned', baseLanguage: 'en-US' } })
    const instance = await api.getInstance({ params: { instanceId: created.id } })
    await api.updateInstance({ params: { instanceId: created.id }, body: { name: 'One' } })
    const err = await api
      .updateInstance(
        { params: { instanceId: created.id }, body: { name: 'Two' } },
        { ifMatch: api.etagOf(instance) },
      )
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 412, code: 'version_mismatch' })
    expect((err as ApiError).etag).toMatch(/^"/)
  })

  it('lets exactly one of N concurrent updates with the same If-Match through; the others get 412 with the winner', async () => {
    const created = await t.admin('/v1/admin/instances', {
      method: 'POST',
      body: JSON.stringify({ name: 'Raced', baseLanguage: 'en-US', installedLanguages: ['en-US'] }),
    })
    const { id } = (await created.json()) as { id: string }
    const etag = (await t.admin(`/v1/admin/instances/${id}`)).headers.get('etag')!
    const names = Array.from({ length: 6 }, (_, i) => `Raced by admin ${i}`)
    // All six read the same version and send at once: check-then-write let every one through.
    const answers = await Promise.all(
      names.map((name) =>
        t.admin(`/v1/admin/instances/${id}`, {
          method: 'PATCH',
          headers: { 'if-match': etag },
          body: JSON.stringify({ name }),
        }),
      ),
    )
    const statuses = answers.map((a) => a.status).sort()
    expect(statuses).toEqual([200, 412, 412, 412, 412, 412])
    const winner = answers.find((a) => a.status === 200)!
    const won = (await winner.json()) as { name: string }
    const now = await t.admin(`/v1/admin/instances/${id}`)
    expect(((await now.json()) as { name: string }).name).toBe(won.name)
    for (const lost of answers.filter((a) => a.status === 412)) {
      expect(lost.headers.get('etag')).toBe(winner.headers.get('etag'))
      expect(await lost.json()).toMatchObject({
        error: { code: 'version_mismatch', field: 'if-match' },
        current: { id, name: won.name },
      })
    }
  })

  it('versions a hub: key changes and profile config honour If-Match, and a 412 never shows a key secret', async () => {
    const hub = await t.createHub('Versioned hub')
    const read = await t.admin(`/v1/admin/hubs/${hub.id}`)
    const etag = read.headers.get('etag')!
    expect(etag).toMatch(/^"[\w-]{27}"$/)

    // Two admins regenerate the same key from the same version at once: one key wins, the other is told.
    const answers = await Promise.all(
      [0, 1, 2].map(() =>
        t.admin(`/v1/admin/hubs/${hub.id}/keys/default/regenerate`, {
          method: 'POST',
          headers: { 'if-match': etag },
          body: JSON.stringify({ which: 'primary' }),
        }),
      ),
    )
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412, 412])
    const winner = answers.find((a) => a.status === 200)!
    const key = (await winner.json()) as { primaryKey: string }
    const after = await t.admin(`/v1/admin/hubs/${hub.id}`)
    const hubNow = (await after.json()) as { keys: Array<{ primaryKey: string; secondaryKey: string }> }
    expect(hubNow.keys[0]!.primaryKey).toBe(key.primaryKey)
    // The regenerate answers the key, but its ETag is the hub's new version.
    expect(winner.headers.get('etag')).toBe(after.headers.get('etag'))
    for (const lost of answers.filter((a) => a.status === 412)) {
      expect(lost.headers.get('etag')).toBe(after.headers.get('etag'))
      const text = await lost.text()
      expect(JSON.parse(text)).toMatchObject({
        error: { code: 'version_mismatch' },
        current: { id: hub.id, keys: [{ keyName: 'default', rights: ['send', 'read', 'manage'] }] },
      })
      for (const secret of [key.primaryKey, hubNow.keys[0]!.secondaryKey, hub.keys[0]!.primaryKey]) {
        expect(text).not.toContain(secret)
      }
      expect(text).not.toContain('primaryKey')
    }

    // Profile config, set from the stale version, is refused; from the current one, it goes through.
    const profile = { entity: 'contact', linkedTypes: ['portal_search'] }
    const stale = await t.admin(`/v1/admin/hubs/${hub.id}/profile-config`, {
      method: 'PUT',
      headers: { 'if-match': etag },
      body: JSON.stringify(profile),
    })
    expect(stale.status).toBe(412)
    const fresh = await t.admin(`/v1/admin/hubs/${hub.id}/profile-config`, {
      method: 'PUT',
      headers: { 'if-match': after.headers.get('etag')! },
      body: JSON.stringify(profile),
    })
    expect(fresh.status).toBe(200)
    expect(fresh.headers.get('etag')).toBe((await t.admin(`/v1/admin/hubs/${hub.id}`)).headers.get('etag'))
  })
})
