import { createSitePages } from '../../portal-sites/index.ts'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { serve } from '@hono/node-server'
import type { BrowserContext, Page } from 'playwright-core'
import { expect } from 'vitest'
import { type Core, type FaultPoint, openCore } from '../../core/index.ts'
import { API_ROUTES } from '../../schemas/index.ts'
import { createApp } from '../../ingest/index.ts'
import { launchChromium } from '../../tools/chromium.ts'
import { freePort } from '../../tools/free-port.ts'
import { axeSeriousViolations, shotBothWidths } from './console-browser.ts'
import { TEST_CONTROL_PLANE, memoryLogger } from './test-core.ts'

/** Where the console's screenshots go. */
export const CONSOLE_ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts/admin-console')
/** The bootstrap admin's token in console tests. */
export const CONSOLE_ADMIN = 'e2e-console-admin-token-0123456789abcdef'

/**
 * The real app on a real embedded ClickHouse (a fresh data dir) and a real
 * port, an instance "Contoso" whose System Administrator is the bootstrap
 * admin (also Global Administrator), and headless Chromium with one page.
 */
export async function startConsoleHarness(
  options: { beforeStep?: (at: FaultPoint) => Promise<void> | void; dnsServers?: string[] } = {},
) {
  mkdirSync(CONSOLE_ARTIFACTS, { recursive: true })
  const dataDir = mkdtempSync(join(tmpdir(), 'casetrail-e2e-console-'))
  const profileDir = mkdtempSync(join(tmpdir(), 'casetrail-chromium-'))
  const port = await freePort()
  const publicUrl = `http://localhost:${port}`
  const { log } = memoryLogger('warn')
  const core: Core = await openCore({
    sitePages: createSitePages(),
    store: { kind: 'embedded', dataDir },
    publicUrl,
    log,
    portals: { domain: 'localhost', faults: { beforeStep: async (at) => options.beforeStep?.(at) } },
    ...(options.dnsServers ? { domains: { dnsServers: options.dnsServers } } : {}),
    controlPlane: TEST_CONTROL_PLANE,
  })
  await core.principals.ensureBootstrapAdmin(CONSOLE_ADMIN)
  const server = serve({ fetch: createApp({ core, log }).fetch, port })
  await new Promise<void>((ok) => server.once('listening', () => ok()))

  const api = async <T>(method: string, path: string, body?: unknown, token = CONSOLE_ADMIN) => {
    const res = await fetch(`${publicUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T }
  }
  const me = (await api<{ id: string }>('GET', '/v1/admin/users/me')).body
  const instanceId = (
    await api<{ id: string }>('POST', '/v1/admin/instances', {
      name: 'Contoso',
      baseLanguage: 'en-US',
      installedLanguages: ['en-US', 'fr-FR', 'de-DE', 'ar-SA'],
    })
  ).body.id
  await api('PUT', `/v1/admin/users/${me.id}/roles`, {
    roles: [{ role: 'global_administrator' }, { role: 'system_administrator', instanceId }],
  })
  const context: BrowserContext = await launchChromium(profileDir, {
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    acceptDownloads: true,
  })
  const page: Page = await context.newPage()
  const problems: string[] = []
  /** Every API call the console made: `METHOD /path`. */
  const calls = new Set<string>()
  page.on('request', (req) => {
    const url = new URL(req.url())
    if (url.origin === publicUrl && url.pathname.startsWith('/v1/'))
      calls.add(`${req.method()} ${url.pathname}`)
  })
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of (4\d\d)/.test(msg.text()))
      problems.push(`console: ${msg.text()}`)
  })

  return {
    core,
    publicUrl,
    api,
    me,
    instanceId,
    page,
    context,
    problems,
    /** The console's API calls that match no route of the documented registry (should be none). */
    undocumentedCalls(): string[] {
      const routes = API_ROUTES.map((r) => ({
        method: r.method.toUpperCase(),
        pattern: new RegExp(`^${r.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      }))
      return [...calls].filter((call) => {
        const [method, path] = call.split(' ') as [string, string]
        return !routes.some((r) => r.method === method && r.pattern.test(path))
      })
    },
    /** How many distinct API calls the console made. */
    callCount: () => calls.size,
    /** Provisions a portal through the API (a licence first) and waits for it to settle. */
    async provision(input: { name: string; subdomain: string; portalType?: string; audience?: string }) {
      await api('POST', '/v1/admin/licences', { type: 'production' })
      const res = await api<{ portal: { id: string; url: string } }>('POST', '/v1/admin/portals', {
        instanceId,
        language: 'en-US',
        administratorId: me.id,
        audience: input.audience ?? 'customer',
        portalType: input.portalType ?? 'customer_self_service',
        termsAccepted: true,
        name: input.name,
        subdomain: input.subdomain,
      })
      if (res.status !== 202)
        throw new Error(`provisioning answered ${res.status}: ${JSON.stringify(res.body)}`)
      await core.portals.settled()
      return res.body.portal
    },
    /** Signs in through the form with `token` (the bootstrap admin's by default). */
    async signIn(token = CONSOLE_ADMIN) {
      await page.goto(`${publicUrl}/admin`)
      await page.getByLabel('Admin or user token').fill(token)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.locator('.who-name').waitFor()
    },
    /** No serious or critical axe findings, then screenshots at 1280 and 800 px. */
    async lookAt(name: string) {
      await expect(axeSeriousViolations(page)).resolves.toEqual([])
      await shotBothWidths(page, CONSOLE_ARTIFACTS, name)
    },
    async close() {
      await context.close()
      await new Promise<void>((ok) => server.close(() => ok()))
      await core.close()
      rmSync(dataDir, { recursive: true, force: true })
      rmSync(profileDir, { recursive: true, force: true })
    },
  }
}

/** What {@link startConsoleHarness} answers. */
export type ConsoleHarness = Awaited<ReturnType<typeof startConsoleHarness>>
