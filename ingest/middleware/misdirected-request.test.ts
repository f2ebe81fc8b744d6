import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { AppEnv } from '../app-env.ts'
import { errorHandler } from './error-handler.ts'
import { adminHostsOnly, hostNameOf, sniMatchesHost } from './misdirected-request.ts'

function app() {
  const a = new Hono<AppEnv>()
  a.onError(errorHandler())
  a.use('*', sniMatchesHost())
  a.use('/v1/admin/*', adminHostsOnly(['casetrail.example.com', 'localhost']))
  a.get('/v1/admin/hubs', (c) => c.text('admin'))
  a.get('/v1/hubs/x', (c) => c.text('public'))
  return a
}

describe('adminHostsOnly', () => {
  it('serves the admin API on its hosts, whatever the port, case or trailing dot', async () => {
    for (const host of ['casetrail.example.com', 'CaseTrail.Example.com.:8443', 'localhost:8787']) {
      const res = await app().request('/v1/admin/hubs', { headers: { host } })
      expect(res.status, host).toBe(200)
    }
  })

  it('answers 421 misdirected_request on any other host, naming the setting', async () => {
    for (const host of ['help.contoso.example', '10.0.0.5:8787', 'casetrail.example.com.evil.test']) {
      const res = await app().request('/v1/admin/hubs', { headers: { host } })
      expect(res.status, host).toBe(421)
      expect(await res.json()).toMatchObject({
        error: {
          code: 'misdirected_request',
          field: 'host',
          message: expect.stringContaining('CASETRAIL_ADMIN_HOSTS'),
        },
      })
    }
    // The public API is not the admin's: it answers on any host.
    expect((await app().request('/v1/hubs/x', { headers: { host: 'help.contoso.example' } })).status).toBe(
      200,
    )
  })
})

describe('sniMatchesHost', () => {
  const tls = (servername: string) => ({ incoming: { socket: { encrypted: true, servername } } })
  it('passes a TLS request whose Host is its SNI name, and plain HTTP', async () => {
    const ok = await app().request(
      '/v1/hubs/x',
      { headers: { host: 'Help.Example.:443' } },
      tls('help.example'),
    )
    expect(ok.status).toBe(200)
    expect((await app().request('/v1/hubs/x', { headers: { host: 'other.example' } })).status).toBe(200)
  })

  it('answers 421 when Host and SNI disagree', async () => {
    const res = await app().request(
      '/v1/hubs/x',
      { headers: { host: 'portb.localhost' } },
      tls('help.a.example'),
    )
    expect(res.status).toBe(421)
    expect(await res.json()).toMatchObject({ error: { code: 'misdirected_request' } })
  })
})

describe('hostNameOf', () => {
  it('drops the port and a trailing dot, lower-cases, and keeps IPv6 brackets', () => {
    expect(hostNameOf('Help.Example.:8443')).toBe('help.example')
    expect(hostNameOf('[::1]:8787')).toBe('[::1]')
  })
})
