import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../../tools/chromium.ts'
import { startTestCore } from '../support/test-core.ts'

let t: Awaited<ReturnType<typeof startTestCore>>
let server: ReturnType<typeof serve>
let origin: string
let browser: BrowserContext
let profile: string

beforeAll(async () => {
  t = await startTestCore()
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((ok) => server.once('listening', () => ok()))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  profile = mkdtempSync(join(tmpdir(), 'casetrail-docs-'))
  browser = await launchChromium(profile, { viewport: { width: 1200, height: 900 } })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await new Promise<void>((ok) => server.close(() => ok()))
  await t.close()
  t.remove()
  rmSync(profile, { recursive: true, force: true })
})

describe('/docs in headless Chromium', () => {
  it('renders every operation from /openapi.json, with no request leaving the machine and no CSP violation', async () => {
    const page = await browser.newPage()
    const outside: string[] = []
    const requested: string[] = []
    // Every request goes through here: the ones for this server continue, anything else is refused and noted.
    await page.route('**/*', (route) => {
      const url = route.request().url()
      requested.push(url)
      if (url.startsWith(origin) || url.startsWith('data:')) return route.continue()
      outside.push(url)
      return route.abort()
    })
    const problems: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(String(e)))

    const res = await page.goto(`${origin}/docs`)
    expect(res?.status()).toBe(200)
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'")
    await page.waitForSelector('.opblock-summary', { timeout: 30_000 })
    await expect.poll(() => page.locator('.opblock').count(), { timeout: 20_000 }).toBeGreaterThan(50)
    await expect.poll(() => page.locator('.opblock-tag').count()).toBeGreaterThan(5)
    expect(await page.locator('.info .title').textContent()).toContain('casetrail API')
    await page.screenshot({ path: 'test-artifacts/api-reference.png' })

    expect(outside).toEqual([])
    expect(requested.some((u) => u.endsWith('/openapi.json'))).toBe(true)
    expect(problems).toEqual([])
  }, 90_000)

  it('answers / with a page for browsers that links the reference and the console', async () => {
    const page = await browser.newPage()
    await page.goto(`${origin}/`)
    const links = await page.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    expect(links).toEqual(expect.arrayContaining(['/docs', '/openapi.json', '/admin']))
    expect(await page.locator('h1').textContent()).toBe('casetrail')
  }, 60_000)
})
