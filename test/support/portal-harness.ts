import { createSitePages } from '../../portal-sites/index.ts'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { type Core, createSasToken, openCore } from '../../core/index.ts'
import type { JourneyResponse } from '../../schemas/index.ts'
import { type AppDeps, createApp } from '../../ingest/index.ts'
import { type HttpListener, startHttpListener } from '../../ingest/testing.ts'
import { launchChromium } from '../../tools/chromium.ts'
import { freePort } from '../../tools/free-port.ts'
import { memoryLogger } from './test-core.ts'

/** What a portal suite's {@link startPortalHarness} started; `close()` stops it all and deletes its folders. */
export interface PortalHarness {
  core: Core
  port: number
  /** `http://localhost:<port>`: portals' sites are `http://<subdomain>.localhost:<port>`. */
  publicUrl: string
  context: BrowserContext
  /** Calls the admin API over HTTP with the bootstrap admin's token, as an admin's script would. */
  admin<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>
  /**
   * `contactId`'s journey in hub `hubId` over the hour before `before`, read
   * over HTTP as a rep's widget reads it: with a contact token signed by `key`.
   */
  journey(hubId: string, key: string, contactId: string, before: string): Promise<JourneyResponse>
  /** A full-page screenshot into test-artifacts/<name>/<file>.png. */
  shot(page: Page, file: string): Promise<Buffer>
  close(): Promise<void>
}

/**
 * The real app on a real embedded ClickHouse (a fresh data dir) and a real port, portals'
 * sites at `*.localhost` (Chromium resolves them to loopback: no DNS), the bootstrap admin
 * `adminToken`, and headless Chromium: what the portal suites start before their tests.
 * `seed` runs once core is open and the admin exists, before the app listens (the demo, say);
 * `app` adds to the app's deps (the demo case page's `widget`).
 *
 * @example
 * const harness = await startPortalHarness({ name: 'portal-site', adminToken: ADMIN, portals: { domain: 'localhost' } })
 */
export async function startPortalHarness(options: {
  /** The suite's name: its screenshots' folder under test-artifacts/. */
  name: string
  adminToken: string
  portals: NonNullable<Parameters<typeof openCore>[0]['portals']>
  browser?: Parameters<typeof launchChromium>[1]
  seed?: (core: Core) => Promise<void>
  app?: Omit<Partial<AppDeps>, 'core' | 'log'>
}): Promise<PortalHarness> {
  const artifacts = resolve(import.meta.dirname, '../../test-artifacts', options.name)
  mkdirSync(artifacts, { recursive: true })
  const dataDir = mkdtempSync(join(tmpdir(), `casetrail-e2e-${options.name}-`))
  const profileDir = mkdtempSync(join(tmpdir(), 'casetrail-chromium-'))
  const port = await freePort()
  const publicUrl = `http://localhost:${port}`
  const { log } = memoryLogger('warn')
  const core = await openCore({
    sitePages: createSitePages(),
    store: { kind: 'embedded', dataDir },
    publicUrl,
    log,
    portals: options.portals,
  })
  let listener: HttpListener | undefined
  let context: BrowserContext | undefined
  const close = async () => {
    await context?.close()
    await listener?.close()
    await core.close()
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(profileDir, { recursive: true, force: true })
  }
  try {
    await core.principals.ensureBootstrapAdmin(options.adminToken)
    await options.seed?.(core)
    // The listener npm start opens: its beacons take the lean ingest path, as in production.
    listener = await startHttpListener({ fetch: createApp({ ...options.app, core, log }).fetch, port })
    context = await launchChromium(profileDir, options.browser)
  } catch (err) {
    await close()
    throw err
  }
  return {
    core,
    port,
    publicUrl,
    context,
    async admin<T>(method: string, path: string, body?: unknown) {
      const res = await fetch(`${publicUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${options.adminToken}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await res.text()
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as T }
    },
    async journey(hubId, key, contactId, before) {
      const token = createSasToken({
        resourceUri: `${publicUrl}/v1/hubs/${hubId}/contacts/${contactId}`,
        keyName: 'default',
        key,
        ttlSeconds: 120,
      })
      const res = await fetch(
        `${publicUrl}/v1/hubs/${hubId}/contacts/${contactId}/journey?before=${encodeURIComponent(before)}&window=PT1H`,
        { headers: { authorization: token } },
      )
      return (await res.json()) as JourneyResponse
    },
    shot: (page, file) => page.screenshot({ path: join(artifacts, `${file}.png`), fullPage: true }),
    close,
  }
}
