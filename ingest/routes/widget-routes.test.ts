import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppEnv } from '../app-env.ts'
import { errorHandler, notFoundHandler } from '../middleware/error-handler.ts'
import { type DemoCase, type WidgetRouteOptions, widgetRoutes } from './widget-routes.ts'

let root: string
let dist: string
const ENTRY = 'export const entry = "casetrail";\n'
const CHUNK = 'export const chart = 1;\n'

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'casetrail-widget-'))
  dist = join(root, 'dist')
  mkdirSync(join(dist, 'nested'), { recursive: true })
  writeFileSync(join(dist, 'casetrail-journey.js'), ENTRY)
  writeFileSync(join(dist, 'casetrail-journey.js.gz'), gzipSync(ENTRY))
  writeFileSync(join(dist, 'echarts-chart-GN2CLYTJ.js'), CHUNK)
  writeFileSync(join(dist, '.hidden.js'), 'secret')
  writeFileSync(join(dist, 'notes.txt'), 'not served')
  writeFileSync(join(root, 'outside.js'), 'outside the folder')
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

function appWith(options: WidgetRouteOptions = {}) {
  const app = new Hono<AppEnv>()
  app.onError(errorHandler())
  app.notFound(notFoundHandler())
  app.route('/', widgetRoutes({ distDir: dist, ...options }))
  return app
}

const demo: DemoCase = {
  hubId: 'hub-1',
  contactId: '7d1c0b0e-2d4f-4c5b-9f00-111111111111',
  caseCreatedAt: '2026-11-02T09:30:00.000Z',
  token: 'SharedAccessSignature sr=http%3A%2F%2Fct%2Fv1&sig=a%2Bb%3D&se=1&skn=default"><script>',
  portalBaseUrl: 'https://portal.example.com/',
}

describe('GET /widget/*', () => {
  it('serves the script as JavaScript to any origin, cached briefly, with an ETag', async () => {
    const res = await appWith().request('/widget/casetrail-journey.js')
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(ENTRY)
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'content-type': 'text/javascript; charset=utf-8',
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      'x-content-type-options': 'nosniff',
      'cache-control': 'public, max-age=300',
      vary: 'Accept-Encoding',
    })
    expect(res.headers.get('etag')).toMatch(/^"[\w-]{27}"$/)
  })

  it('answers 304 to a matching If-None-Match', async () => {
    const app = appWith()
    const etag = (await app.request('/widget/casetrail-journey.js')).headers.get('etag')!
    const res = await app.request('/widget/casetrail-journey.js', { headers: { 'If-None-Match': etag } })
    expect(res.status).toBe(304)
    expect(await res.text()).toBe('')
  })

  it('serves hashed chunks as immutable', async () => {
    const res = await appWith().request('/widget/echarts-chart-GN2CLYTJ.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  })

  it('sends the gzip file to a client that takes gzip', async () => {
    const res = await appWith().request('/widget/casetrail-journey.js', {
      headers: { 'Accept-Encoding': 'gzip, deflate, br' },
    })
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(ENTRY)
  })

  it('answers 404 with the error shape, still cross-origin, for a missing file', async () => {
    const res = await appWith().request('/widget/nope-AAAAAAAA.js')
    expect(res.status).toBe(404)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(await res.json()).toMatchObject({
      error: { code: 'widget_file_not_found', message: expect.stringContaining('nope-AAAAAAAA.js') },
    })
  })

  it.each([
    ['/widget/../outside.js'],
    ['/widget/%2e%2e/outside.js'],
    ['/widget/..%2foutside.js'],
    ['/widget/nested/%2e%2e/%2e%2e/outside.js'],
    ['/widget/.hidden.js'],
    ['/widget/notes.txt'],
    ['/widget/nested'],
    ['/widget/casetrail-journey.js.gz'],
  ])('never serves %s', async (path) => {
    const res = await appWith().request(path)
    expect(res.status).toBe(404)
    const body = await res.text()
    expect(body).not.toContain('outside the folder')
    expect(body).not.toContain('secret')
    expect(JSON.parse(body)).toMatchObject({ error: { code: expect.stringMatching(/not_found$/) } })
  })
})

describe('GET /demo/case', () => {
  it('is not there without a demo case', async () => {
    const res = await appWith().request('/demo/case')
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: { code: 'route_not_found' } })
  })

  it('says the demo is off when there is no demo case to show', async () => {
    const res = await appWith({ demoCase: async () => null }).request('/demo/case')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await res.text()).toContain('The demo is off')
  })

  it('embeds the widget for the demo contact with its read token, escaped, never cached', async () => {
    let calls = 0
    const app = appWith({
      demoCase: async () => {
        calls++
        return demo
      },
    })
    const res = await app.request('/demo/case')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    const html = await res.text()
    expect(html).toContain('<script type="module" src="/widget/casetrail-journey.js"></script>')
    const element = /<casetrail-journey ([^>]*)><\/casetrail-journey>/.exec(html)
    expect(element).not.toBeNull()
    expect(element![1]).toContain('hub="hub-1"')
    expect(element![1]).toContain(`contact="${demo.contactId}"`)
    expect(element![1]).toContain('before="2026-11-02T09:30:00.000Z"')
    expect(element![1]).toContain('window="P7D"')
    expect(element![1]).toContain('lang="en"')
    expect(element![1]).toContain('portal-link="https://portal.example.com/{kind}/{id}"')
    expect(element![1]).toContain(
      'token="SharedAccessSignature sr=http%3A%2F%2Fct%2Fv1&amp;sig=a%2Bb%3D&amp;se=1&amp;skn=default&quot;&gt;&lt;script&gt;"',
    )
    expect(html).not.toContain('"><script>')
    // A fresh token per page: the function is asked every time.
    await app.request('/demo/case')
    expect(calls).toBe(2)
  })

  it('holds the page to a strict content security policy', async () => {
    const res = await appWith({ demoCase: async () => demo }).request('/demo/case')
    const csp = res.headers.get('content-security-policy')!
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("connect-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]
    expect(await res.text()).toContain(`<style nonce="${nonce}">`)
  })

  it('takes the language and window from the query, and ignores what it does not offer', async () => {
    const app = appWith({ demoCase: async () => demo })
    const fr = await (await app.request('/demo/case?lang=fr&window=P30D')).text()
    expect(fr).toContain('<html lang="fr">')
    expect(fr).toMatch(/<casetrail-journey [^>]*window="P30D"[^>]*lang="fr"/)
    const odd = await (await app.request('/demo/case?lang=%22%3E&window=P999D')).text()
    expect(odd).toMatch(/<casetrail-journey [^>]*window="P7D"[^>]*lang="en"/)
  })

  it('names the customer from the linked profile and speaks the page language on the case card', async () => {
    const asked: string[] = []
    const app = appWith({
      demoCase: async () => demo,
      customerOf: async (hubId, contactId) => {
        asked.push(`${hubId}/${contactId}`)
        return { name: 'Avery Lin', email: 'avery.lin@contoso.example' }
      },
    })
    const labels = (html: string) => [...html.matchAll(/<dt>([^<]*)<\/dt>/g)].map((m) => m[1])
    const en = await (await app.request('/demo/case')).text()
    expect(asked).toEqual([`${demo.hubId}/${demo.contactId}`])
    expect(en).toContain('<dd data-field="customer">Avery Lin</dd>')
    expect(en).toContain('href="mailto:avery.lin@contoso.example"')
    expect(labels(en)).toEqual(['Customer', 'Email', 'Created on', 'Origin', 'Priority', 'Status'])
    const fr = await (await app.request('/demo/case?lang=fr')).text()
    expect(labels(fr)).toEqual(['Client', 'E-mail', 'Créée le', 'Origine', 'Priorité', 'Statut'])
    expect(fr).toContain('<h2 id="journey-title">Parcours du client</h2>')
    const de = await (await app.request('/demo/case?lang=de')).text()
    expect(labels(de)).toEqual(['Kunde', 'E-Mail', 'Erstellt am', 'Ursprung', 'Priorität', 'Status'])
    expect(de).toContain('<dd data-field="status">Aktiv</dd>')
    // Without a linked profile, the contact is named by its id.
    const unlinked = await (
      await appWith({ demoCase: async () => demo, customerOf: async () => null }).request('/demo/case')
    ).text()
    expect(unlinked).toContain(`<dd data-field="customer">Portal contact ${demo.contactId}</dd>`)
    expect(labels(unlinked)).not.toContain('Email')
  })
})
