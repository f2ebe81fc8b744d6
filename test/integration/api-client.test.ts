import { describe, expect, it } from 'vitest'
import { ApiError, createApiClient } from '../../schemas/index.ts'
import { PUBLIC_URL, useTestCore } from '../support/test-core.ts'

const t = useTestCore()

const client = (tokens: { adminToken?: string; sasToken?: string } = {}) =>
  createApiClient({
    baseUrl: PUBLIC_URL,
    ...tokens,
    fetch: (url, init) => Promise.resolve(t.app.request(url, init)),
  })

describe('the typed client', () => {
  it('creates and reads a hub with the admin token, answers typed by the registry', async () => {
    const api = client({ adminToken: t.adminToken })
    const hub = await api.createHub({ body: { name: 'Client hub' } })
    expect(hub.keys[0]).toMatchObject({ keyName: 'default', rights: ['send', 'read', 'manage'] })
    const again = await api.getHub({ params: { hubId: hub.id } })
    expect(again.name).toBe('Client hub')
  })

  it('throws ApiError with the envelope’s code and field', async () => {
    const api = client({ adminToken: t.adminToken })
    const err = await api.createHub({ body: { name: '' } }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 400, code: 'too_short', field: 'name' })
    const denied = await client()
      .listHubs()
      .catch((e: unknown) => e)
    expect(denied).toMatchObject({ status: 401, code: 'admin_token_missing' })
  })

  it('mints a token with the admin API and sends and reads with it as a SharedAccessSignature', async () => {
    const admin = client({ adminToken: t.adminToken })
    const hub = await admin.createHub({ body: { name: 'Client SAS hub' } })
    const { token } = await admin.mintHubToken({
      params: { hubId: hub.id },
      body: { keyName: 'default', resource: { kind: 'hub' }, ttlSeconds: 600 },
    })
    const portal = createApiClient({
      baseUrl: PUBLIC_URL,
      sasToken: token,
      fetch: (url, init) => Promise.resolve(t.app.request(url, init)),
    })
    const contactId = '7c3b1e2d-4f5a-4b6c-8d7e-9f0a1b2c3d33'
    const sent = await portal.sendInteractions({
      params: { hubId: hub.id },
      query: { wait: 'stored' },
      body: {
        type: 'portal_search',
        portal_interactionid: '2f1c9a2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
        portal_contactid: contactId,
        portal_timestamp: '2026-11-02T09:00:00Z',
        portal_portalid: '5f2d7c1a-8e34-4b6f-a9d2-3c4e5f6a7b22',
        portal_searchstring: 'reset password',
      },
    })
    expect(sent).toMatchObject({ accepted: 1, rejected: [] })
    const journey = await portal.getJourney({
      params: { hubId: hub.id, contactId },
      query: { before: '2026-11-02T10:00:00Z' },
    })
    expect(journey.interactions.map((i) => i.type)).toEqual(['portal_search'])
  })
})
