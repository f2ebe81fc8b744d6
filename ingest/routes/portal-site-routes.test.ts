import { describe, expect, it } from 'vitest'
import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { portalHostOf, portalSites } from './portal-site-routes.ts'

describe('portalHostOf', () => {
  it.each([
    ['demo.localhost:8787', 'demo'],
    ['Demo.LOCALHOST:8787', 'demo'],
    ['demo.localhost', 'demo'],
    ['demo.localhost.', 'demo'],
    ['help-2.localhost:1', 'help-2'],
  ])('reads %j as the portal %j', (host, subdomain) => {
    expect(portalHostOf(host, 'localhost', 'localhost')).toEqual({ kind: 'portal', subdomain })
  })

  it.each([
    'localhost:8787',
    'localhost',
    '127.0.0.1:8787',
    '[::1]:8787',
    'example.com',
    'notlocalhost:8787',
  ])('sends %j to the API', (host) => {
    expect(portalHostOf(host, 'localhost', 'localhost')).toEqual({ kind: 'api' })
  })

  it('never takes the API’s own host for a portal, even under the portals domain', () => {
    expect(portalHostOf('api.example.com', 'example.com', 'api.example.com')).toEqual({ kind: 'api' })
    expect(portalHostOf('help.example.com', 'example.com', 'api.example.com')).toEqual({
      kind: 'portal',
      subdomain: 'help',
    })
  })

  it('refuses deeper names and bad labels under the portals domain', () => {
    expect(portalHostOf('a.b.localhost', 'localhost', 'localhost')).toEqual({ kind: 'not_a_portal' })
    expect(portalHostOf('-x.localhost', 'localhost', 'localhost')).toEqual({ kind: 'not_a_portal' })
    expect(portalHostOf('a_b.localhost:80', 'localhost', 'localhost')).toEqual({ kind: 'not_a_portal' })
  })

  it('uses a configured portals domain', () => {
    expect(portalHostOf('contoso.portals.example.com:443', 'portals.example.com', 'ct.example.com')).toEqual({
      kind: 'portal',
      subdomain: 'contoso',
    })
    expect(portalHostOf('contoso.localhost', 'portals.example.com', 'ct.example.com')).toEqual({
      kind: 'api',
    })
  })
})

describe('portalSites', () => {
  it('serves a custom domain bound after its host was first seen (the host memo never hides a binding)', async () => {
    const bound = new Map<string, { subdomain: string }>()
    const served: string[] = []
    const app = new Hono<AppEnv>()
    app.use(
      '*',
      portalSites({
        sites: {
          serve: async (request: { subdomain: string }) => {
            served.push(request.subdomain)
            return { status: 200, contentType: 'text/html', body: `site ${request.subdomain}`, headers: {} }
          },
        } as unknown as Parameters<typeof portalSites>[0]['sites'],
        portalsDomain: 'localhost',
        customDomains: { portalOfHost: (name) => bound.get(name) ?? null },
        publicUrl: 'http://localhost:8787',
      }),
    )
    app.get('/', (c) => c.text('api'))
    const get = () => app.request('http://help.example.com/', { headers: { host: 'Help.Example.com:8787' } })
    expect(await (await get()).text()).toBe('api')
    bound.set('help.example.com', { subdomain: 'help' })
    expect(await (await get()).text()).toBe('site help')
    bound.clear()
    expect(await (await get()).text()).toBe('api')
    expect(served).toEqual(['help'])
  })
})
