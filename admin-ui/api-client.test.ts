import { describe, expect, it } from 'vitest'
import { ApiError, createApiClient, query } from './api-client.ts'

/** A fetch that records what it was asked and answers `answer`. */
function fakeFetch(answer: () => Response) {
  const seen: Array<{ url: string; init: RequestInit }> = []
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    seen.push({ url: String(url), init: init ?? {} })
    return answer()
  }
  return { fetch: fetch as typeof globalThis.fetch, seen }
}

describe('createApiClient', () => {
  it('calls an operation by its operationId from the table, with If-Match, and remembers the ETag', async () => {
    const f = fakeFetch(
      () => new Response('{"id":"p 1","name":"x"}', { status: 200, headers: { etag: '"v3"' } }),
    )
    const api = createApiClient({ token: () => 'tok', fetch: f.fetch })
    const portal = await api.call(
      'updatePortal',
      { params: { portalId: 'p 1' }, body: { name: 'x' } },
      { ifMatch: '"v2"' },
    )
    expect(f.seen[0]!.url).toBe('/v1/admin/portals/p%201')
    expect(f.seen[0]!.init.method).toBe('PATCH')
    expect(f.seen[0]!.init.body).toBe('{"name":"x"}')
    expect(f.seen[0]!.init.headers).toMatchObject({ authorization: 'Bearer tok', 'if-match': '"v2"' })
    expect(portal.name).toBe('x')
    expect(api.etagOf(portal)).toBe('"v3"')
    await api.call('listPortals', { query: { limit: 500, cursor: undefined } })
    expect(f.seen[1]!.url).toBe('/v1/admin/portals?limit=500')
    expect(f.seen[1]!.init.method).toBe('GET')
  })

  it('sends the bearer token, JSON and If-Match, and returns the ETag', async () => {
    const f = fakeFetch(() => new Response('{"ok":true}', { status: 200, headers: { etag: '"v2"' } }))
    const api = createApiClient({ token: () => 'tok', fetch: f.fetch })
    const answer = await api.request<{ ok: boolean }>('PATCH', '/v1/admin/portals/p1', {
      body: { name: 'x' },
      ifMatch: '"v1"',
    })
    expect(answer).toEqual({ data: { ok: true }, etag: '"v2"', status: 200 })
    const headers = f.seen[0]!.init.headers as Record<string, string>
    expect(headers).toMatchObject({
      authorization: 'Bearer tok',
      'if-match': '"v1"',
      'content-type': 'application/json',
    })
    expect(f.seen[0]!.init.body).toBe('{"name":"x"}')
  })

  it('turns a 412 into an ApiError the pages word as "changed by someone else"', async () => {
    const f = fakeFetch(
      () =>
        new Response('{"error":{"code":"precondition_failed","message":"the portal changed"}}', {
          status: 412,
        }),
    )
    const api = createApiClient({ token: () => 'tok', fetch: f.fetch })
    const error = await api.patch('/v1/admin/portals/p1', {}, { ifMatch: '"v1"' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 412, code: 'precondition_failed' })
  })

  it("keeps the API's code and field, and a batch's per-item refusals", async () => {
    const f = fakeFetch(
      () =>
        new Response(
          '{"accepted":0,"rejected":[{"index":0,"errors":[{"path":"crmrecordid","code":"invalid_uuid","message":"bad"}]}]}',
          { status: 400 },
        ),
    )
    const error = (await createApiClient({ token: () => null, fetch: f.fetch })
      .post('/v1/admin/hubs/h/profiles', 'x', { contentType: 'application/x-ndjson' })
      .catch((e: unknown) => e)) as ApiError
    expect(error).toMatchObject({ status: 400, code: 'invalid_uuid', field: 'crmrecordid' })
    expect(error.rejected).toHaveLength(1)
    expect((f.seen[0]!.init.headers as Record<string, string>).authorization).toBeUndefined()
  })

  it('calls onUnauthenticated on a 401, and reports an unreachable server as network_error', async () => {
    let ended = 0
    const refused = createApiClient({
      token: () => 'old',
      fetch: fakeFetch(
        () => new Response('{"error":{"code":"admin_token_unknown","message":"no"}}', { status: 401 }),
      ).fetch,
      onUnauthenticated: () => ended++,
    })
    await expect(refused.get('/v1/admin/users/me')).rejects.toMatchObject({ status: 401 })
    expect(ended).toBe(1)
    const down = createApiClient({
      token: () => 'x',
      fetch: (async () => {
        throw new TypeError('fetch failed')
      }) as typeof fetch,
    })
    await expect(down.get('/v1/admin/users/me')).rejects.toMatchObject({ status: 0, code: 'network_error' })
  })
})

describe('query', () => {
  it('keeps only defined, non-empty values', () => {
    expect(query({ a: 1, b: '', c: undefined, d: null, e: 'x y' })).toBe('?a=1&e=x+y')
    expect(query({})).toBe('')
  })
})
