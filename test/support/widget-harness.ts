import { createSitePages } from '../../portal-sites/index.ts'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import type { BrowserContext } from 'playwright-core'
import { type Core, createSasToken, openCore } from '../../core/index.ts'
import { type AppDeps, createApp } from '../../ingest/index.ts'
import { INTERACTION_TYPES } from '../../schemas/index.ts'
import { launchChromium } from '../../tools/chromium.ts'
import { memoryLogger } from './test-core.ts'

/** What a widget suite's {@link startWidgetHarness} started; `close()` stops it all and deletes its folders. */
export interface WidgetHarness {
  core: Core
  /** casetrail's origin, where the widget's script and the API are: `http://127.0.0.1:<port>`. */
  ctOrigin: string
  /** The case form's origin, another one: it serves `pages` by path. */
  hostOrigin: string
  pages: Map<string, string>
  /** The hub the suite reads from, with the contact profile config on, and its default key. */
  hubId: string
  key: string
  context: BrowserContext
  /** POSTs `body` as JSON to the hub's `path` (`interactions?wait=stored`, `cases`) with a token for the hub. */
  postToHub(path: string, body: unknown): Promise<Response>
  /** A token that reads `contactId` from the suite's hub (or `hub`, with the suite's key), for 600 s unless told. */
  readToken(contactId: string, options?: { now?: number; ttlSeconds?: number; hub?: string }): string
  /**
   * Registers a case form at `path` on the host origin: a page that loads the
   * widget from casetrail's origin, with `attributes` (escaped) on its
   * element, `look.head` in its head, `look.style` as its style and
   * `look.header` before its main; answers the page's URL.
   */
  caseForm(path: string, attributes: Record<string, string>, look: CaseFormLook): string
  close(): Promise<void>
}

/** How a suite's case form looks around the widget: see {@link WidgetHarness.caseForm}. */
export interface CaseFormLook {
  head?: string
  style: string
  header?: string
}

const escapeAttribute = (value: string) =>
  value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;')

/**
 * The real app on a real embedded ClickHouse (a fresh data dir) on a loopback port, a host
 * origin of its own serving case forms (`pages`), a hub whose journeys carry the contact
 * `profile`, and headless Chromium: what the widget suites (journey-widget, journey-chart)
 * start before their tests. `app` is given core and adds to the app's deps (the demo case).
 *
 * @example
 * const harness = await startWidgetHarness({ artifacts, publicUrl: 'http://casetrail.test', hubName: 'E2E hub', profile })
 */
export async function startWidgetHarness(options: {
  /** The screenshots' folder, made here. */
  artifacts: string
  /** The public URL the app signs and checks tokens for (no one opens it). */
  publicUrl: string
  hubName: string
  profile: { crmrecordid: string; name: string; email: string }
  app?: (core: Core) => Promise<Omit<Partial<AppDeps>, 'core' | 'log'>>
  browser?: Parameters<typeof launchChromium>[1]
  tempPrefix?: string
}): Promise<WidgetHarness> {
  mkdirSync(options.artifacts, { recursive: true })
  const dataDir = mkdtempSync(join(tmpdir(), options.tempPrefix ?? 'casetrail-e2e-'))
  const profileDir = mkdtempSync(join(tmpdir(), 'casetrail-chromium-'))
  const { log } = memoryLogger('warn')
  const core = await openCore({
    sitePages: createSitePages(),
    store: { kind: 'embedded', dataDir },
    publicUrl: options.publicUrl,
    log,
  })
  const pages = new Map<string, string>()
  const host = createServer((req, res) => {
    const html = pages.get(new URL(req.url ?? '/', 'http://host').pathname)
    res
      .writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' })
      .end(html ?? 'no such page')
  })
  let casetrail: ReturnType<typeof serve> | undefined
  let context: BrowserContext | undefined
  const close = async () => {
    await context?.close()
    await new Promise<void>((ok) => (casetrail ? casetrail.close(() => ok()) : ok()))
    await new Promise<void>((ok) => (host.listening ? host.close(() => ok()) : ok()))
    await core.close()
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(profileDir, { recursive: true, force: true })
  }
  try {
    const deps = await options.app?.(core)
    casetrail = serve({ fetch: createApp({ ...deps, core, log }).fetch, port: 0, hostname: '127.0.0.1' })
    const listening = casetrail
    await new Promise<void>((ok) => listening.once('listening', () => ok()))
    const ctOrigin = `http://127.0.0.1:${(casetrail.address() as AddressInfo).port}`
    await new Promise<void>((ok) => host.listen(0, '127.0.0.1', ok))
    const hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`

    const hub = await core.hubs.create(options.hubName)
    await core.hubs.setProfileConfig(hub.id, { entity: 'contact', linkedTypes: [...INTERACTION_TYPES] })
    await core.profiles.upsertMany(hub.id, [options.profile])
    context = await launchChromium(profileDir, options.browser)
    const key = hub.keys[0]!.primaryKey
    const postToHub = (path: string, body: unknown) =>
      fetch(`${ctOrigin}/v1/hubs/${hub.id}/${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: createSasToken({
            resourceUri: `${options.publicUrl}/v1/hubs/${hub.id}`,
            keyName: 'default',
            key,
          }),
        },
        body: JSON.stringify(body),
      })
    const readToken: WidgetHarness['readToken'] = (contactId, tokenOptions = {}) =>
      createSasToken({
        resourceUri: `${options.publicUrl}/v1/hubs/${tokenOptions.hub ?? hub.id}/contacts/${contactId}`,
        keyName: 'default',
        key,
        ttlSeconds: tokenOptions.ttlSeconds ?? 600,
        now: tokenOptions.now,
      })
    const caseForm: WidgetHarness['caseForm'] = (path, attributes, look) => {
      const attrs = Object.entries(attributes)
        .map(([name, value]) => `${name}="${escapeAttribute(value)}"`)
        .join(' ')
      pages.set(
        path,
        `<!doctype html><html lang="en"><head><meta charset="utf-8">${look.head ?? ''}<title>Case form</title>
<script type="module" src="${ctOrigin}/widget/casetrail-journey.js"></script>
<style>${look.style}</style></head>
<body>${look.header ?? ''}<main><casetrail-journey ${attrs}></casetrail-journey></main></body></html>`,
      )
      return `${hostOrigin}${path}`
    }
    return {
      core,
      ctOrigin,
      hostOrigin,
      pages,
      hubId: hub.id,
      key,
      context,
      postToHub,
      readToken,
      caseForm,
      close,
    }
  } catch (err) {
    await close()
    throw err
  }
}
