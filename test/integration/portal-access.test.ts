import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../ingest/index.ts'
import { type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'
import { memoryLogger } from '../support/test-core.ts'

let t: PortalTestCore
let portal: { id: string; subdomain: string }

beforeAll(async () => {
  t = await startPortalTestCore({ trustProxy: true })
  const instance = await t.createInstance({ name: 'Fabrikam' })
  portal = await t.provisionAndWait(instance.id, { subdomain: 'fabrikam' })
})
afterAll(async () => {
  await t.close()
  t.remove()
})

const patch = (body: unknown) => t.admin('PATCH', `/v1/admin/portals/${portal.id}`, body)
const from = (ip: string, path = '/') =>
  t.site(portal.subdomain, path, { headers: { 'x-forwarded-for': ip } })

describe('turning a portal off and on', () => {
  it('starts on, and says so', async () => {
    const got = await t.admin<{ portalState: string }>('GET', `/v1/admin/portals/${portal.id}`)
    expect(got.body.portalState).toBe('on')
  })

  it('answers every page with the "offline" page while off, and the site again once on', async () => {
    const off = await patch({ portalState: 'off' })
    expect(off.status).toBe(200)
    expect(off.body).toMatchObject({ portalState: 'off' })
    for (const path of ['/', '/knowledgebase', '/theme.css']) {
      const res = await t.site(portal.subdomain, path)
      expect(res.status).toBe(503)
      const html = await res.text()
      expect(html).toContain('data-notice="offline"')
      expect(html).toContain('This portal is offline')
    }
    expect((await patch({ portalState: 'on' })).status).toBe(200)
    const res = await t.site(portal.subdomain, '/')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('How can we help?')
  })

  it('refuses a state that is neither on nor off, naming the field', async () => {
    const res = await patch({ portalState: 'paused' })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: { field: 'portalState' } })
  })
})

describe('IP address restrictions', () => {
  it('refuses an allow-list entry that is not an address or range, and an empty list when enabled', async () => {
    const bad = await patch({ ipRestrictions: { enabled: true, allow: ['example.com'] } })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ error: { field: 'ipRestrictions.allow.0' } })
    const empty = await patch({ ipRestrictions: { enabled: true, allow: [] } })
    expect(empty.status).toBe(400)
    expect(empty.body).toMatchObject({ error: { field: 'ipRestrictions.allow' } })
  })

  it('lets in only the allowed addresses (X-Forwarded-For counts behind a trusted proxy)', async () => {
    const set = await patch({ ipRestrictions: { enabled: true, allow: ['203.0.113.0/24', '2001:db8::/32'] } })
    expect(set.status).toBe(200)
    expect(set.body).toMatchObject({
      ipRestrictions: { enabled: true, allow: ['203.0.113.0/24', '2001:db8::/32'] },
    })
    expect((await from('203.0.113.40')).status).toBe(200)
    expect((await from('2001:db8::9')).status).toBe(200)
    const out = await from('198.51.100.1')
    expect(out.status).toBe(403)
    expect(await out.text()).toContain('data-notice="ip_restricted"')
    // Nor may a kept-out visitor sign in.
    const signIn = await t.app.request(`http://${portal.subdomain}.localhost/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.1' },
      body: 'contactId=00000000-0000-4000-8000-000000000000',
    })
    expect(signIn.status).not.toBe(303)
  })

  it('lets everyone in again once disabled', async () => {
    expect((await patch({ ipRestrictions: { enabled: false, allow: [] } })).status).toBe(200)
    expect((await from('198.51.100.1')).status).toBe(200)
  })
})

describe('IP restrictions on a real listener', () => {
  const get = (port: number, headers: Record<string, string>) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/', headers }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => {
          body += d
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      })
      req.on('error', reject)
      req.end()
    })

  it('reads the TCP peer, and ignores X-Forwarded-For unless the proxy is trusted', async () => {
    const untrusting = createApp({ core: t.core, log: memoryLogger().log, trustProxy: false })
    const server = serve({ fetch: untrusting.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise<void>((r) => server.once('listening', () => r()))
    const port = (server.address() as AddressInfo).port
    const host = `${portal.subdomain}.localhost:${port}`
    try {
      await patch({ ipRestrictions: { enabled: true, allow: ['127.0.0.1'] } })
      expect((await get(port, { host })).status).toBe(200)
      await patch({ ipRestrictions: { enabled: true, allow: ['203.0.113.0/24'] } })
      const spoofed = await get(port, { host, 'x-forwarded-for': '203.0.113.5' })
      expect(spoofed.status).toBe(403)
      expect(spoofed.body).toContain('Access restricted')
    } finally {
      await patch({ ipRestrictions: { enabled: false, allow: [] } })
      await new Promise<void>((r) => server.close(() => r()))
    }
  })
})
