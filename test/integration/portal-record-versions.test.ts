import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'

let t: PortalTestCore
let base: string
let portalPath: string

beforeAll(async () => {
  t = await startPortalTestCore()
  const instanceId = (await t.createInstance({ name: 'Versions' })).id
  const portal = await t.provisionAndWait(instanceId, { name: 'Versioned sites', subdomain: 'versioned' })
  portalPath = `/v1/admin/portals/${portal.id}`
  base = `${portalPath}/site/records/site_setting`
})
afterAll(async () => {
  await t.close()
  t.remove()
})

/** A raw request, so a test can send If-Match and read ETag. */
const send = (method: string, path: string, ifMatch?: string, body?: unknown) =>
  t.app.request(path, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      'content-type': 'application/json',
      ...(ifMatch ? { 'if-match': ifMatch } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })

describe('a portal’s site records, labels and custom domain are versioned', () => {
  it('answers a read with an ETag, and one of several concurrent edits from it wins; the others get 412', async () => {
    const path = `${base}/search-enabled`
    expect((await send('PUT', path, undefined, { name: 'Search/Enabled', value: 'true' })).status).toBe(200)
    const read = await send('GET', path)
    expect(read.status).toBe(200)
    const etag = read.headers.get('etag')!
    expect(etag).toMatch(/^"[\w-]{27}"$/)

    const values = ['false', 'maybe', 'later', 'never']
    const answers = await Promise.all(
      values.map((value) => send('PUT', path, etag, { name: 'Search/Enabled', value })),
    )
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412, 412, 412])
    const winner = answers.find((a) => a.status === 200)!
    const won = (await winner.json()) as { value: string }
    const now = await send('GET', path)
    expect(((await now.json()) as { value: string }).value).toBe(won.value)
    expect(winner.headers.get('etag')).toBe(now.headers.get('etag'))
    for (const lost of answers.filter((a) => a.status === 412)) {
      expect(lost.headers.get('etag')).toBe(now.headers.get('etag'))
      expect(await lost.json()).toMatchObject({
        error: { code: 'version_mismatch', field: 'if-match' },
        current: { kind: 'site_setting', id: 'search-enabled', value: won.value },
      })
    }
  })

  it('refuses a delete from a stale version, and an edit of a record someone deleted (current: null)', async () => {
    const path = `${base}/profile-enabled`
    await send('PUT', path, undefined, { name: 'Profile/Enabled', value: 'true' })
    const stale = (await send('GET', path)).headers.get('etag')!
    await send('PUT', path, stale, { name: 'Profile/Enabled', value: 'false' })
    expect((await send('DELETE', path, stale)).status).toBe(412)
    const fresh = (await send('GET', path)).headers.get('etag')!
    expect((await send('DELETE', path, fresh)).status).toBe(204)
    const gone = await send('PUT', path, fresh, { name: 'Profile/Enabled', value: 'true' })
    expect(gone.status).toBe(412)
    expect(await gone.json()).toMatchObject({ error: { code: 'version_mismatch' }, current: null })
    expect((await send('GET', path)).status).toBe(404)
  })

  it('versions a language’s labels: concurrent modifications from one ETag, one wins', async () => {
    const path = `${portalPath}/translations/en-US/labels`
    const read = await send('GET', path)
    expect(read.status).toBe(200)
    const etag = read.headers.get('etag')!
    const texts = ['Log in', 'Sign in', 'Enter']
    const answers = await Promise.all(
      texts.map((text) => send('PATCH', path, etag, { labels: { 'form:adx_signin.main': text } })),
    )
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412, 412])
    const now = await send('GET', path)
    const winner = answers.find((a) => a.status === 200)!
    expect(winner.headers.get('etag')).toBe(now.headers.get('etag'))
    const lost = answers.find((a) => a.status === 412)!
    const won = ((await winner.json()) as { labels: Array<{ key: string; text: string }> }).labels
    expect(await lost.json()).toMatchObject({ error: { code: 'version_mismatch' }, current: { labels: won } })
  })

  it('refuses to bind a custom domain from a version that is not current (none yet: 412 with current null)', async () => {
    const path = `${portalPath}/custom-domain`
    expect((await send('GET', path)).status).toBe(404)
    const res = await send('PUT', path, '"some-old-version"', {
      hostName: 'help.contoso.example',
      certificateId: '00000000-0000-4000-8000-000000000000',
    })
    expect(res.status).toBe(412)
    expect(await res.json()).toMatchObject({ error: { code: 'version_mismatch' }, current: null })
  })
})
