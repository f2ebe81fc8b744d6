import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createRecordRepository, sampleContacts } from '../../core/index.ts'
import { useCheckedPortal } from '../support/checker-client.ts'
import { editRecord, expectFailThenPass, setSetting } from '../support/checker-defects.ts'
import { signIn } from '../support/portal-site-client.ts'

const checked = useCheckedPortal({ name: 'Tailspin', subdomain: 'tailspin' })

const del = (kind: string, id: string) =>
  checked.t.admin('DELETE', `/v1/admin/portals/${checked.portal.id}/site/records/${kind}/${id}`)
const anyDoc = z.record(z.string(), z.unknown())
/** What the site's tracking recorded for the portal, of one kind (subjects, in key order). */
const tracked = async (kind: string) =>
  (
    await createRecordRepository(checked.t.core.controlPlane, 'cp_settings', anyDoc).list(
      `tracking/${checked.portal.id}/${kind}/`,
    )
  ).map((r) => r.value.subject)

describe('Startup checks', () => {
  it('startup-website-binding: a deleted website record, restored by its action', async () => {
    expect((await del('website', 'website')).status).toBe(204)
    await expectFailThenPass(checked.checker, 'startup-website-binding', {
      action: 'restore-website-binding',
    })
  })

  it('startup-website-binding: the portal address bound to nothing, bound again by its action', async () => {
    const claims = createRecordRepository(checked.t.core.controlPlane, 'cp_portal_subdomains', anyDoc)
    await claims.delete(checked.portal.subdomain)
    const failing = await expectFailThenPass(checked.checker, 'startup-website-binding', {
      action: 'restore-website-binding',
    })
    expect(failing.details).toContain('no portal is bound to the address')
    expect((await checked.t.site(checked.portal.subdomain)).status).toBe(200)
  })

  it('startup-instance: an instance that no longer exists, passing once it is back', async () => {
    const instances = createRecordRepository(checked.t.core.controlPlane, 'cp_instances', anyDoc)
    const saved = (await instances.get(checked.instanceId))!
    await instances.delete(checked.instanceId)
    const failing = await expectFailThenPass(checked.checker, 'startup-instance', {
      fix: async () => {
        await instances.put(checked.instanceId, saved)
      },
    })
    expect(failing.details).toContain(`instance ${checked.instanceId} does not exist any more`)
  })

  it('startup-administration-mode and startup-site-responds: administration mode on, turned off by the action', async () => {
    await setSetting(checked.t, checked.portal.id, 'AdministrationMode/Enabled', 'true')
    const site = await checked.t.site(checked.portal.subdomain)
    expect(site.status).toBe(503)
    expect(await site.text()).toContain('Down for maintenance')
    const run = await checked.checker.run()
    expect(run.results.find((r) => r.checkId === 'startup-site-responds')).toMatchObject({
      result: 'error',
      details: expect.stringContaining('administration mode page'),
    })
    // Every check still runs in administration mode: the two that read the home page read the maintenance answer.
    expect(run.results.find((r) => r.checkId === 'performance-home-page')).toMatchObject({
      // pass or warning by the machine's speed; not not_run.
      result: expect.stringMatching(/^(pass|warning)$/),
      details: expect.stringContaining('the maintenance page: administration mode is on'),
    })
    expect(run.results.find((r) => r.checkId === 'ingestion-recent-interactions')).toMatchObject({
      result: 'pass',
      details: expect.stringContaining('administration mode is on, so visitors send no interactions'),
    })
    await expectFailThenPass(checked.checker, 'startup-administration-mode', {
      result: 'warning',
      action: 'turn-off-administration-mode',
    })
    expect((await checked.checker.result('startup-site-responds')).result).toBe('pass')
  })
})

describe('Configuration checks', () => {
  const markers = [
    ['Home', 'home'],
    ['Profile', 'profile'],
    ['Page Not Found', 'page-not-found'],
    ['Access Denied', 'access-denied'],
    ['Search', 'search'],
  ] as const

  for (const [name, id] of markers) {
    it(`configuration-marker-${id}: the ${name} marker deleted, restored by its action`, async () => {
      expect((await del('site_marker', id)).status).toBe(204)
      await expectFailThenPass(checked.checker, `configuration-marker-${id}`, {
        action: `restore-marker-${id}`,
      })
    })
  }

  it('configuration-marker-access-denied: the marker pointing at no page, restored to its default page', async () => {
    await editRecord(checked.t, checked.portal.id, 'site_marker', 'access-denied', (r) => ({
      ...r,
      pageId: 'gone',
    }))
    await expectFailThenPass(checked.checker, 'configuration-marker-access-denied', {
      action: 'restore-marker-access-denied',
    })
  })

  it('configuration-marker-home: the Home page unpublished, published by the action', async () => {
    await editRecord(checked.t, checked.portal.id, 'web_page', 'home', (r) => ({
      ...r,
      publishingState: 'Draft',
    }))
    await expectFailThenPass(checked.checker, 'configuration-marker-home', {
      action: 'publish-marker-page-home',
    })
    expect(await (await checked.t.site(checked.portal.subdomain)).text()).toContain('How can we help?')
  })

  it('configuration-page-templates: a page naming a missing template, and a deleted template, repaired', async () => {
    await editRecord(checked.t, checked.portal.id, 'web_page', 'search', (r) => ({
      ...r,
      templateId: 'no-such-template',
    }))
    expect((await del('page_template', 'error')).status).toBe(204)
    const failing = await expectFailThenPass(checked.checker, 'configuration-page-templates', {
      action: 'repair-page-templates',
    })
    expect(failing.details).toContain('page search names template "no-such-template"')
    expect(failing.details).toContain('page page-not-found names template "error"')
  })

  it('configuration-page-parents: a page under a parent that does not exist, moved under home', async () => {
    await editRecord(checked.t, checked.portal.id, 'web_page', 'support', (r) => ({
      ...r,
      parentPageId: 'ghost',
    }))
    expect((await checked.t.site(checked.portal.subdomain, '/support')).status).toBe(404)
    await expectFailThenPass(checked.checker, 'configuration-page-parents', {
      action: 'move-orphan-pages-home',
    })
    expect((await checked.t.site(checked.portal.subdomain, '/support')).status).toBe(200)
  })

  it('configuration-page-parents: a published page under a draft parent is a warning', async () => {
    await editRecord(checked.t, checked.portal.id, 'web_page', 'forums', (r) => ({
      ...r,
      parentPageId: 'support',
    }))
    await editRecord(checked.t, checked.portal.id, 'web_page', 'support', (r) => ({
      ...r,
      publishingState: 'Draft',
    }))
    await expectFailThenPass(checked.checker, 'configuration-page-parents', {
      result: 'warning',
      action: 'move-orphan-pages-home',
    })
    await editRecord(checked.t, checked.portal.id, 'web_page', 'support', (r) => ({
      ...r,
      publishingState: 'Published',
    }))
  })

  it('configuration-page-tree-cycle: home under search under home, broken at home', async () => {
    await editRecord(checked.t, checked.portal.id, 'web_page', 'home', (r) => ({
      ...r,
      parentPageId: 'search',
    }))
    const failing = await expectFailThenPass(checked.checker, 'configuration-page-tree-cycle', {
      action: 'break-page-tree-cycles',
    })
    expect(failing.details).toMatch(/home -> search -> home|search -> home -> search/)
  })

  it('configuration-page-tree-cycle: two pages that are each other’s parent', async () => {
    await editRecord(checked.t, checked.portal.id, 'web_page', 'forums', (r) => ({
      ...r,
      parentPageId: 'knowledge-base',
    }))
    await editRecord(checked.t, checked.portal.id, 'web_page', 'knowledge-base', (r) => ({
      ...r,
      parentPageId: 'forums',
    }))
    await expectFailThenPass(checked.checker, 'configuration-page-tree-cycle', {
      action: 'break-page-tree-cycles',
    })
  })

  for (const [what, change] of [
    ['inactive', (r: Record<string, unknown>) => ({ ...r, publishingState: 'Draft' })],
    ['empty', (r: Record<string, unknown>) => ({ ...r, content: '' })],
    [
      'served with the wrong MIME type',
      (r: Record<string, unknown>) => ({ ...r, contentType: 'text/plain' }),
    ],
  ] as const) {
    it(`configuration-css-web-file: the theme CSS ${what}, fetched from the site, re-enabled by the action`, async () => {
      await editRecord(checked.t, checked.portal.id, 'web_file', 'theme-css', change)
      await expectFailThenPass(checked.checker, 'configuration-css-web-file', {
        action: 'reenable-css-web-file',
      })
      const css = await checked.t.site(checked.portal.subdomain, '/theme.css')
      expect(css.status).toBe(200)
      expect(css.headers.get('content-type')).toContain('text/css')
      expect((await css.text()).length).toBeGreaterThan(100)
    })
  }
})

describe('Performance checks', () => {
  it('performance-output-cache: header output caching off, turned on by the action', async () => {
    await setSetting(checked.t, checked.portal.id, 'Header/OutputCache/Enabled', 'false')
    await expectFailThenPass(checked.checker, 'performance-output-cache', {
      result: 'warning',
      action: 'turn-on-output-cache',
    })
  })

  it('performance-login-tracking: login tracking on (a store write per sign-in), turned off by the action', async () => {
    await setSetting(checked.t, checked.portal.id, 'Authentication/LoginTrackingEnabled', 'true')
    const contact = sampleContacts(checked.instanceId)[0]!.crmrecordid
    expect((await signIn(checked.t.app, checked.portal.subdomain, contact)).cookie).not.toBeNull()
    expect(await tracked('login')).toEqual([contact])
    await expectFailThenPass(checked.checker, 'performance-login-tracking', {
      result: 'warning',
      action: 'turn-off-login-tracking',
    })
    const other = sampleContacts(checked.instanceId)[1]!.crmrecordid
    await signIn(checked.t.app, checked.portal.subdomain, other)
    expect(await tracked('login')).toEqual([contact])
  })

  it('performance-page-tracking: file tracking on (a store write per view), turned off by the action', async () => {
    await setSetting(checked.t, checked.portal.id, 'WebFile/TrackingEnabled', 'true')
    expect((await checked.t.site(checked.portal.subdomain, '/theme.css')).status).toBe(200)
    expect(await tracked('file')).toEqual(['/theme.css'])
    await expectFailThenPass(checked.checker, 'performance-page-tracking', {
      result: 'warning',
      action: 'turn-off-page-tracking',
    })
    expect((await checked.t.site(checked.portal.subdomain, '/favicon.svg')).status).toBe(200)
    expect(await tracked('file')).toEqual(['/theme.css'])
  })

  it('performance-web-file-count: 501 web files, passing once one is deleted', async () => {
    const extra = Array.from({ length: 499 }, (_, i) => ({
      kind: 'web_file' as const,
      id: `extra-${i}`,
      name: `extra-${i}.txt`,
      partialUrl: `extra-${i}.txt`,
      contentType: 'text/plain' as const,
      content: 'x',
      publishingState: 'Published' as const,
      source: 'admin',
    }))
    await checked.t.core.siteRecords.put(checked.portal.id, extra)
    const failing = await expectFailThenPass(checked.checker, 'performance-web-file-count', {
      result: 'warning',
      fix: async () => {
        expect((await del('web_file', 'extra-0')).status).toBe(204)
      },
    })
    expect(failing.details).toBe('501 web files, 1 over 500')
  })

  it('performance-home-page: the home page over a budget it cannot meet, then within the default budget', async () => {
    const run = await checked.checker.run({ thresholds: { homePageMs: 0 } })
    const slow = run.results.find((r) => r.checkId === 'performance-home-page')!
    expect(slow).toMatchObject({ result: 'warning', details: expect.stringMatching(/over the 0 ms budget/) })
    expect(run.thresholds.homePageMs).toBe(0)
    expect((await checked.checker.result('performance-home-page')).result).toBe('pass')
    const bad = await checked.checker.call('POST', `${checked.checker.base}/runs`, {
      thresholds: { homePageMs: -5 },
    })
    expect(bad.status).toBe(400)
  })
})
