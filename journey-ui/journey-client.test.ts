import { describe, expect, it, vi } from 'vitest'
import { authorizationFor, fetchJourney, type JourneyRequest, journeyUrl } from './journey-client.ts'
import { parseJourney } from './parse-journey.ts'
import { sampleJourney } from './sample-journey.ts'

const request: JourneyRequest = {
  baseUrl: 'https://ct.example/',
  hubId: 'hub 1',
  contactId: '7d1c0b0e-2d4f-4c5b-9f00-111111111111',
  before: '2026-11-02T09:30:00+01:00',
  window: 'P7D',
  token: 'sr=x&sig=y&se=1&skn=read',
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
const deps = (response: () => Promise<Response>) => ({
  fetch: vi.fn<typeof globalThis.fetch>(response),
  loadParser: () => Promise.resolve(parseJourney),
})

describe('journeyUrl', () => {
  it('encodes the path and the query', () => {
    expect(journeyUrl(request)).toBe(
      'https://ct.example/v1/hubs/hub%201/contacts/7d1c0b0e-2d4f-4c5b-9f00-111111111111/journey?before=2026-11-02T09%3A30%3A00%2B01%3A00&window=P7D',
    )
  })

  it('asks for the time after the case only when there is an after window', () => {
    expect(new URL(journeyUrl({ ...request, after: 'P1D' })).searchParams.get('after')).toBe('P1D')
    expect(new URL(journeyUrl(request)).searchParams.has('after')).toBe(false)
  })
})

describe('authorizationFor', () => {
  it('adds the SharedAccessSignature scheme only when it is missing', () => {
    expect(authorizationFor('sr=a')).toBe('SharedAccessSignature sr=a')
    expect(authorizationFor(' SharedAccessSignature sr=a ')).toBe('SharedAccessSignature sr=a')
  })
})

describe('fetchJourney', () => {
  it('sends the token in the Authorization header, without cookies', async () => {
    const d = deps(async () => json(200, sampleJourney({ count: 3 })))
    const outcome = await fetchJourney(request, d)
    expect(outcome.ok).toBe(true)
    const [, init] = d.fetch.mock.calls[0]!
    expect(init).toMatchObject({
      credentials: 'omit',
      headers: { Authorization: `SharedAccessSignature ${request.token}` },
    })
  })

  it('tells an expired token from a refused one', async () => {
    const expired = await fetchJourney(
      request,
      deps(async () => json(401, { error: { code: 'token_expired', message: 'm' } })),
    )
    expect(expired).toMatchObject({ ok: false, code: 'token_expired', serverCode: 'token_expired' })
    const forged = await fetchJourney(
      request,
      deps(async () => json(401, { error: { code: 'token_invalid', message: 'm' } })),
    )
    expect(forged).toMatchObject({ ok: false, code: 'token_refused' })
    const scope = await fetchJourney(
      request,
      deps(async () => json(403, { error: { code: 'token_scope', message: 'm' } })),
    )
    expect(scope).toMatchObject({ ok: false, code: 'token_refused', status: 403 })
  })

  it('calls casetrail down on a network error, a 5xx or a 429', async () => {
    expect(
      await fetchJourney(
        request,
        deps(() => Promise.reject(new TypeError('Failed to fetch'))),
      ),
    ).toMatchObject({
      code: 'api_down',
    })
    expect(
      await fetchJourney(
        request,
        deps(async () => new Response('oops', { status: 502 })),
      ),
    ).toMatchObject({
      code: 'api_down',
      status: 502,
    })
    expect(
      await fetchJourney(
        request,
        deps(async () => json(429, {})),
      ),
    ).toMatchObject({ code: 'api_down' })
  })

  it('keeps the server message of a refused request', async () => {
    const outcome = await fetchJourney(
      request,
      deps(async () =>
        json(400, { error: { code: 'invalid_query', message: 'before must be an ISO 8601 date-time' } }),
      ),
    )
    expect(outcome).toMatchObject({ code: 'bad_request', message: 'before must be an ISO 8601 date-time' })
  })

  it('refuses an answer that does not match the shared schema', async () => {
    const bad = { ...sampleJourney({ count: 2 }), interactions: [{ type: 'portal_teleport' }] }
    const outcome = await fetchJourney(
      request,
      deps(async () => json(200, bad)),
    )
    expect(outcome).toMatchObject({ ok: false, code: 'invalid_answer' })
    expect(outcome.ok ? '' : outcome.message).toContain('interactions.0')
  })

  it('reports the answer before reading its body, so the chart can start loading', async () => {
    const onAnswer = vi.fn()
    await fetchJourney(request, { ...deps(async () => json(200, sampleJourney({ count: 1 }))), onAnswer })
    expect(onAnswer).toHaveBeenCalledOnce()
    const refused = vi.fn()
    await fetchJourney(request, { ...deps(async () => json(403, {})), onAnswer: refused })
    expect(refused).not.toHaveBeenCalled()
  })
})
