import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError, createApiClient } from '../../schemas/index.ts'
import { PUBLIC_URL, startTestCore } from '../support/test-core.ts'

let t: Awaited<ReturnType<typeof startTestCore>>

beforeAll(async () => {
  t = await startTestCore()
})
afterAll(async () => {
  await t.close()
  t.remove()
})

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
})
