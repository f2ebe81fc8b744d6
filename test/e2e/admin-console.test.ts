import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FaultPoint } from '../../core/index.ts'
import {
  CONSOLE_ADMIN as ADMIN,
  CONSOLE_ARTIFACTS,
  type ConsoleHarness,
  startConsoleHarness,
} from '../support/console-harness.ts'

/**
 * The admin console end to end: the real app on a real embedded ClickHouse
 * (fresh data dir) and a real port, driven in headless Chromium through
 * /admin: sign in, Applications with live provisioning, the provisioning
 * form, a failed package and Retry, General Settings. Every page is scanned
 * with axe-core and screenshotted at 1280 and 800 px under
 * test-artifacts/admin-console/.
 */

let h: ConsoleHarness
let page: Page
let publicUrl: string
let instanceId: string
let me: { id: string }
/** Holds provisioning before a package while set, so a running job can be watched. */
let hold: Promise<void> | null = null
/** Fails the named package once, so Retry can be exercised. */
let failOnce: string | null = null
/** The portal the Manage tests work on. */
let flakyId = ''
/** Fails the first step of this many next provisionings (an unexplained fault: `step_failed`). */
let failAtStart = 0
/** Runs at every step, before the faults above (the failed-list test changes the instance mid-way). */
let onStep: ((at: FaultPoint) => Promise<void>) | null = null

const api = <T>(method: string, path: string, body?: unknown) => h.api<T>(method, path, body)
const lookAt = (name: string) => h.lookAt(name)

beforeAll(async () => {
  h = await startConsoleHarness({
    async beforeStep(at) {
      await onStep?.(at)
      if (failAtStart > 0 && at.step === 'allocate_url' && at.attempt === 1) {
        failAtStart--
        throw new Error('the URL allocator did not answer: injected by the test')
      }
      if (hold && at.packageId === 'web_forms') await hold
      if (failOnce && at.packageId === failOnce) {
        failOnce = null
        throw new Error('the package installer stopped: injected by the test')
      }
    },
  })
  page = h.page
  publicUrl = h.publicUrl
  instanceId = h.instanceId
  me = h.me
}, 120_000)

afterAll(async () => {
  await h?.close()
})

describe('the admin console in Chromium', () => {
  it('serves /admin under a strict policy, and refuses a wrong token at sign in', async () => {
    const res = await fetch(`${publicUrl}/admin`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe-inline')
    await page.goto(`${publicUrl}/admin`)
    await page.getByLabel('Admin or user token').fill('not-a-token')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.locator('.field-error').textContent()).resolves.toContain('not accepted')
    // How to get back in when the admin token printed on the first start is lost.
    await expect(page.locator('.field-error').textContent()).resolves.toContain('CASETRAIL_BOOTSTRAP_TOKEN')
    await lookAt('01-sign-in')
  })

  it('signs in, keeps the token out of the URL, and says who is signed in with which roles', async () => {
    await page.getByLabel('Admin or user token').fill(ADMIN)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Portal Add-On' }).waitFor()
    expect(page.url()).toBe(`${publicUrl}/admin/portals`)
    expect(page.url()).not.toContain(ADMIN)
    await expect(page.locator('.who-roles').textContent()).resolves.toContain(
      'System Administrator of Contoso',
    )
    await expect(page.evaluate('sessionStorage.length')).resolves.toBe(1)
    await expect(page.locator('.state-empty').textContent()).resolves.toContain('No portals yet')
    await lookAt('02-applications-empty')
  })

  it('shows a running provisioning job step by step, then Provisioned, without a reload', async () => {
    let release!: () => void
    hold = new Promise<void>((r) => {
      release = r
    })
    await api('POST', '/v1/admin/licences', { type: 'trial' })
    const provisioned = await api<{ portal: { id: string } }>('POST', '/v1/admin/portals', {
      name: 'Fabrikam Help',
      subdomain: 'fabrikam',
      instanceId,
      language: 'en-US',
      administratorId: me.id,
      audience: 'customer',
      portalType: 'customer_self_service',
      termsAccepted: true,
    })
    expect(provisioned.status).toBe(202)
    await page.reload()
    const row = page.locator(`tr[data-portal="${provisioned.body.portal.id}"]`)
    // Named as an admin would, the state in its badge (not the seed's "Fabrikam Help-Configuring").
    await row.locator('.portal-name').getByText('Fabrikam Help', { exact: true }).waitFor()
    await row.locator('.badge').getByText('Configuring').waitFor()
    await row.locator('.step-running').getByText('Install packages').waitFor()
    await expect(row.locator('.job-now').textContent()).resolves.toMatch(/^Step 2 of 4: Install packages/)
    await lookAt('03-applications-configuring')
    const navigations: string[] = []
    page.on('framenavigated', (f) => navigations.push(f.url()))
    release()
    hold = null
    await row.locator('.badge-ok').getByText('Provisioned').waitFor()
    await expect(row.locator('.portal-name').textContent()).resolves.toBe('Fabrikam Help')
    expect(navigations).toEqual([])
    await page
      .getByRole('region', { name: 'Failed provisioning' })
      .getByText('No provisioning has failed.')
      .waitFor()
    await lookAt('04-applications')
  })

  it('says up front that no licence is free, and shows the refusal where the Terms dialog was, with the way to Licences', async () => {
    // The only licence is Fabrikam's: the first provisioning of an admin fails, as on the demo.
    await page.getByRole('link', { name: 'Provision a portal' }).click()
    await page.getByRole('heading', { name: 'Provision a portal' }).waitFor()
    await page.getByLabel('Name', { exact: true }).fill('No Licence')
    await page.getByLabel('Portal URL').fill('no-licence')
    await page.getByLabel('Instance').selectOption({ label: 'Contoso' })
    const notice = page.locator('.notice', { hasText: 'Every portal licence of the tenant is in use' })
    await notice.waitFor()
    await expect(notice.getByRole('link').getAttribute('href')).resolves.toBe('/admin/tenancy#licences')
    const languages = page.getByLabel('Portal language')
    await languages.locator('option[value="en-US"]').waitFor({ state: 'attached' })
    await languages.selectOption('en-US')
    await page.getByLabel('Portal administrator').selectOption({ index: 1 })
    await page.getByRole('radio', { name: 'Customer', exact: true }).check()
    await page.getByRole('radio', { name: /^Customer Self.Service Portal$/ }).check()
    await page.getByRole('button', { name: 'Submit' }).click()
    await page.getByRole('button', { name: 'I accept the Terms of Service' }).click()
    const refusal = page.locator('.form-error')
    await refusal.waitFor()
    await expect(refusal.textContent()).resolves.toContain('Every portal licence of the tenant is in use')
    // In view and focused, not at the bottom of a long form.
    await expect
      .poll(() =>
        refusal.evaluate((el) => {
          const box = el.getBoundingClientRect()
          return box.top >= 0 && box.bottom <= window.innerHeight && document.activeElement === el
        }),
      )
      .toBe(true)
    await page.getByRole('link', { name: 'Go to Tenancy › Licences' }).last().waitFor()
    await lookAt('05a-provision-no-licence')
  })

  it('provisions a portal through the seed form, checking the Portal URL as it is typed', async () => {
    await api('POST', '/v1/admin/licences', { type: 'production' })
    await page.reload()
    await page.getByRole('heading', { name: 'Provision a portal' }).waitFor()
    const url = page.getByLabel('Portal URL')
    // Fabrikam's URL is flagged while typing, before any Submit.
    await url.fill('fabrikam')
    await expect
      .poll(() =>
        page
          .locator('#subdomain-error')
          .textContent()
          .catch(() => ''),
      )
      .toContain('Another portal already uses this URL')
    await url.fill('contoso_help')
    await expect(page.locator('#subdomain-error').textContent()).resolves.toContain(
      'may only use alphanumeric characters or hyphens',
    )
    await url.fill('admin')
    await expect(page.locator('#subdomain-error').textContent()).resolves.toContain('reserved')
    await url.fill('contoso-help')
    await expect(page.locator('#subdomain-error').count()).resolves.toBe(0)
    await page.getByLabel('Name', { exact: true }).fill('Contoso Help')
    await page.getByLabel('Instance').selectOption({ label: 'Contoso' })
    const languages = page.getByLabel('Portal language')
    await languages.locator('option[value="fr-FR"]').waitFor({ state: 'attached' })
    const offered = await languages.locator('option').allTextContents()
    expect(offered.some((l) => /Arab/.test(l))).toBe(false)
    // Language names come from the browser's Intl.DisplayNames, in the console's language.
    expect(offered).toContain('American English (en-US)')
    await languages.selectOption('en-US')
    await expect(page.getByLabel('Type', { exact: true }).inputValue()).resolves.toMatch(/Trial|Production/)
    await page.getByLabel('Portal administrator').selectOption({ index: 1 })
    await page.getByRole('radio', { name: 'Customer', exact: true }).check()
    await page.getByRole('radio', { name: /^Customer Self.Service Portal$/ }).check()
    await expect(page.locator('.matrix th.picked').textContent()).resolves.toBe(
      'Customer Self-Service Portal',
    )
    await lookAt('05-provision-form')
    await page.getByRole('button', { name: 'Submit' }).click()
    await page.getByRole('dialog', { name: 'Terms of Service' }).waitFor()
    await lookAt('06-terms-of-service')
    await page.getByRole('button', { name: 'I accept the Terms of Service' }).click()
    await page.getByRole('heading', { name: 'Portal Add-On' }).waitFor()
    const row = page.locator('tr', { hasText: 'contoso-help.localhost' })
    await row.locator('.badge-ok').getByText('Provisioned').waitFor({ timeout: 30_000 })
    await expect(row.locator('.portal-name').textContent()).resolves.toBe('Contoso Help')
  })

  it('shows a failed package on Manage, retries it, and restarts provisioning to Provisioned', async () => {
    await api('POST', '/v1/admin/licences', { type: 'production' })
    failOnce = 'forums'
    const res = await api<{ portal: { id: string } }>('POST', '/v1/admin/portals', {
      name: 'Flaky',
      subdomain: 'flaky',
      instanceId,
      language: 'en-US',
      administratorId: me.id,
      audience: 'customer',
      portalType: 'community',
      termsAccepted: true,
    })
    expect(res.status).toBe(202)
    flakyId = res.body.portal.id
    await page.goto(`${publicUrl}/admin/portals/${res.body.portal.id}`)
    await page.locator('.page-head .badge').getByText('Provisioning Failed').waitFor({ timeout: 30_000 })
    await page.getByRole('heading', { name: 'Flaky', exact: true }).waitFor()
    const forums = page.locator('tr[data-package="forums"]')
    await forums.getByText('Install Failed').waitFor()
    await expect(forums.textContent()).resolves.toContain('Forums could not be installed')
    await lookAt('07-manage-failed')
    await forums.getByRole('button', { name: 'Retry Forums' }).click()
    await forums.getByText('Installed', { exact: true }).waitFor()
    await page.getByRole('button', { name: 'Restart Provisioning', exact: true }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Restart Provisioning' }).click()
    await page.getByRole('heading', { name: 'Flaky', exact: true }).waitFor({ timeout: 30_000 })
    await page.locator('.page-head .badge-ok').getByText('Provisioned').waitFor()
    await lookAt('08-manage-provisioned')
  })

  it('renames a portal, turns it off and on, and sets IP restrictions with field errors from the API', async () => {
    await page.getByLabel('Name', { exact: true }).fill('Flaky Community')
    await page.getByRole('button', { name: 'Rename' }).click()
    await page.getByRole('heading', { name: 'Flaky Community', exact: true }).waitFor()
    await page.getByLabel('Only allow these addresses to open the portal').check()
    await page.getByLabel('Allowed addresses and ranges').fill('not-an-ip')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.locator('#allow-error').textContent()).resolves.toContain('not-an-ip')
    await page.getByLabel('Allowed addresses and ranges').fill('127.0.0.1\n::1')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Saved.').waitFor()
    await page.getByRole('button', { name: 'Turn off the portal' }).click()
    await expect(page.getByRole('dialog').textContent()).resolves.toContain('offline page')
    await page.getByRole('dialog').getByRole('button', { name: 'Turn off the portal' }).click()
    await page.getByRole('button', { name: 'Turn on the portal' }).waitFor()
    await lookAt('09-manage-settings')
    await page.getByRole('button', { name: 'Turn on the portal' }).click()
    await page.getByRole('button', { name: 'Turn off the portal' }).waitFor()
  })

  it('says "changed by someone else — reload" when another admin renamed the portal first', async () => {
    // A second admin session renames the portal behind the page's back; the page still holds the old ETag.
    const other = await api('PATCH', `/v1/admin/portals/${flakyId}`, { name: 'Renamed Elsewhere' })
    expect(other.status).toBe(200)
    await page.getByLabel('Name', { exact: true }).fill('Flaky Again')
    await page.getByRole('button', { name: 'Rename' }).click()
    await page.getByText('Changed by someone else — reload').waitFor()
    await lookAt('09b-manage-changed-elsewhere')
    const now = await api<{ name: string }>('GET', `/v1/admin/portals/${flakyId}`)
    expect(now.body.name).toBe('Renamed Elsewhere')
  })

  it('lists failed provisioning across portals, newest first, a page at a time, and links to Restart', async () => {
    // A real failure: the instance loses the portal's language while the job runs.
    onStep = async (at) => {
      if (at.step !== 'install_sample_data') return
      onStep = null
      const res = await api('PATCH', `/v1/admin/instances/${instanceId}`, {
        installedLanguages: ['en-US', 'fr-FR', 'ar-SA'],
      })
      expect(res.status).toBe(200)
    }
    await api('POST', '/v1/admin/licences', { type: 'production' })
    const lingo = await api<{ portal: { id: string } }>('POST', '/v1/admin/portals', {
      name: 'Lingo',
      subdomain: 'lingo',
      instanceId,
      language: 'de-DE',
      administratorId: me.id,
      audience: 'customer',
      portalType: 'customer_self_service',
      termsAccepted: true,
    })
    expect(lingo.status).toBe(202)
    await h.core.portals.settled()
    // 19 more that fail at their first step: with Flaky's first attempt, 21 failed jobs, one more than a page (20).
    failAtStart = 19
    for (let i = 0; i < 19; i++) await h.provision({ name: `Broken ${i}`, subdomain: `broken-${i}` })
    expect(failAtStart).toBe(0)

    await page.goto(`${publicUrl}/admin/portals`)
    // Above the portal table, a line says how many portals failed (Lingo and the 19), linking to the list below.
    await page.getByRole('status').getByText('20 portals’ provisioning failed.').waitFor()
    await page.getByRole('link', { name: 'See what failed' }).click()
    expect(page.url()).toBe(`${publicUrl}/admin/portals#failed-provisioning`)
    const failed = page.getByRole('region', { name: 'Failed provisioning' })
    const items = failed.locator('.failed-jobs > li')
    await items.first().waitFor()
    await expect(items.count()).resolves.toBe(20)
    // Newest first: the last broken portal, then the others, then Lingo (20th); Flaky only after Load more.
    await expect(items.first().locator('.portal-name').textContent()).resolves.toBe('Broken 18')
    const first = await items.first().textContent()
    expect(first).toContain('Failed step: Allocate the portal URL')
    expect(first).toContain('step_failed')
    expect(first).toContain('the URL allocator did not answer')
    const lingoRow = failed.locator(`li[data-portal="${lingo.body.portal.id}"]`)
    await expect(items.nth(19).getAttribute('data-portal')).resolves.toBe(lingo.body.portal.id)
    const lingoText = await lingoRow.textContent()
    expect(lingoText).toContain('Attempt 1')
    expect(lingoText).toContain('Failed step: Install sample data')
    expect(lingoText).toContain('language_not_installed')
    expect(lingoText).toContain('German (Germany) (de-DE) is not installed on instance Contoso')
    await expect(lingoRow.locator('.badge-bad').textContent()).resolves.toBe('Provisioning Failed')
    await expect(failed.locator(`li[data-portal="${flakyId}"]`).count()).resolves.toBe(0)
    await failed.getByRole('button', { name: 'Load more' }).click()
    const flaky = failed.locator(`li[data-portal="${flakyId}"]`)
    await flaky.waitFor()
    await expect(items.count()).resolves.toBe(21)
    await expect(failed.getByRole('button', { name: 'Load more' }).count()).resolves.toBe(0)
    // Flaky was retried and restarted since: its failed attempt stays listed, its state now is Provisioned.
    await expect(flaky.locator('.badge-ok').textContent()).resolves.toBe('Provisioned')
    expect(await flaky.textContent()).toContain('package_install_failed')
    await flaky.getByRole('link', { name: /^View provisioning/ }).waitFor()
    await lookAt('09c-applications-failed')
    await page.setViewportSize({ width: 390, height: 844 })
    await lingoRow.scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${CONSOLE_ARTIFACTS}/09c-applications-failed-390.png` })
    await page.setViewportSize({ width: 1280, height: 900 })

    await lingoRow.getByRole('link', { name: 'Restart or change values: Lingo' }).click()
    await page.getByRole('heading', { name: 'Lingo', exact: true }).waitFor()
    await page.locator('.page-head .badge').getByText('Provisioning Failed').waitFor()
    expect(page.url()).toBe(`${publicUrl}/admin/portals/${lingo.body.portal.id}#provisioning`)
    const restart = page.getByRole('button', { name: 'Restart Provisioning', exact: true })
    await restart.waitFor()
    await expect(restart.isVisible()).resolves.toBe(true)
    // The link lands on the provisioning card: the page scrolled, and the card's top is in the upper half
    // (scrolled to it exactly, its top can read a fraction of a pixel above 0).
    await expect
      .poll(() =>
        page.evaluate(
          "(() => { const top = document.getElementById('provisioning').getBoundingClientRect().top; return scrollY > 0 && top > -2 && top < innerHeight / 2 })()",
        ),
      )
      .toBe(true)
    await page.getByRole('button', { name: 'Change Values and Restart Provisioning' }).waitFor()
    await lookAt('09d-manage-from-failed-list')
  })

  it('logged no page errors, and called only routes the public API documents', () => {
    expect(h.problems).toEqual([])
    expect(h.undocumentedCalls()).toEqual([])
  })
})
