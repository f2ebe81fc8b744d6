import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleContacts } from '../../core/index.ts'
import { axeSeriousViolations } from '../support/console-browser.ts'
import { CONSOLE_ARTIFACTS, type ConsoleHarness, startConsoleHarness } from '../support/console-harness.ts'
import { startTestProvider } from '../support/oidc-test-provider.ts'

/**
 * Issue 29 in headless Chromium: an admin adds an OpenID provider in the
 * console (Portal Actions -> Sign-in, by keyboard), a visitor signs in with it
 * on the portal (a real oidc-provider on loopback: its login form and its own
 * consent prompt), sees the seed's consent page, accepts, and is signed in as
 * the contact with their verified address; the console then lists the
 * contact's OpenID sign-in. Axe clean, screenshots at 1280 and 800 px.
 */

let h: ConsoleHarness
let portal: { id: string; url: string }
let provider: Awaited<ReturnType<typeof startTestProvider>>

beforeAll(async () => {
  h = await startConsoleHarness()
  portal = await h.provision({ name: 'Contoso Help', subdomain: 'oidc-console' })
  const ada = sampleContacts(h.instanceId)[0]!
  provider = await startTestProvider({
    redirectUris: [`${portal.url}/signin/oidc/callback`],
    accounts: [{ sub: 'ada-sub', email: ada.email, email_verified: true, name: 'Ada at Contoso ID' }],
  })
  await h.signIn()
}, 120_000)
afterAll(async () => {
  await provider?.close()
  await h?.close()
})

describe('OpenID Connect sign-in in Chromium', () => {
  it('adds a provider in the console by keyboard, the secret shown only as set', async () => {
    const { page } = h
    await page.goto(`${h.publicUrl}/admin/portals/${portal.id}`)
    await page.getByRole('link', { name: 'Sign-in' }).click()
    await page.getByRole('heading', { name: 'OpenID Connect providers' }).waitFor()
    await page.getByRole('button', { name: 'Add provider' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('oidc-name')
    await page.keyboard.type('Contoso ID')
    await page.keyboard.press('Tab')
    await page.keyboard.type(provider.issuer)
    await page.keyboard.press('Tab')
    await page.keyboard.type(provider.clientId)
    await page.keyboard.press('Tab')
    await page.keyboard.type(provider.clientSecret)
    await page.keyboard.press('Enter')
    await page.getByText('Contoso ID added.').waitFor()
    const card = page.locator('#oidc-providers')
    await expect(card.locator('[data-secret]').textContent()).resolves.toBe('set')
    await expect(card.textContent()).resolves.toContain(`${portal.url}/signin/oidc/callback`)
    expect(await page.content()).not.toContain(provider.clientSecret)
    await page.getByLabel('First OpenID sign-in with an address no contact has').selectOption('link')
    await h.lookAt('portal-sign-in-oidc')
    expect(h.undocumentedCalls()).toEqual([])
  }, 120_000)

  it('signs a visitor in with the provider after the seed’s consent page; the console shows the method', async () => {
    const ada = sampleContacts(h.instanceId)[0]!
    const visitor = await h.context.newPage()
    const problems: string[] = []
    visitor.on('pageerror', (err) => problems.push(err.message))
    await visitor.goto(`${portal.url}/signin`)
    await visitor.getByRole('link', { name: 'Sign in with Contoso ID' }).click()
    // The provider's own pages (oidc-provider's development login and consent).
    await visitor.locator('input[name="login"]').fill('ada-sub')
    await visitor.locator('input[name="password"]').fill('any password')
    await visitor.locator('button[type="submit"]').click()
    await visitor.getByRole('button', { name: 'Continue' }).click()
    // Back on the portal: the seed's consent page.
    await visitor
      .getByRole('heading', { name: 'Allow Contoso Help to use your Contoso ID account?' })
      .waitFor()
    await expect(visitor.locator('ul.shared').textContent()).resolves.toContain(ada.email)
    await expect(axeSeriousViolations(visitor)).resolves.toEqual([])
    for (const width of [1280, 800]) {
      await visitor.setViewportSize({ width, height: 900 })
      await visitor.screenshot({
        path: join(CONSOLE_ARTIFACTS, `portal-oidc-consent-${width}.png`),
        fullPage: true,
      })
    }
    await visitor.getByRole('button', { name: 'Accept' }).click()
    await expect.poll(() => visitor.locator('.who span').textContent()).toBe(`Signed in as ${ada.name}`)
    const session = (await h.context.cookies(portal.url)).find((c) => c.name === 'casetrail_session')
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' })
    expect(problems).toEqual([])
    await visitor.close()

    const { page } = h
    await page.reload()
    await page.locator('#contact-sign-in select').selectOption(ada.crmrecordid)
    await page.locator('tr[data-method="oidc"]').waitFor()
    await expect(page.locator('tr[data-method="oidc"]').textContent()).resolves.toContain(
      'OpenID Connect: Contoso ID',
    )
    await h.lookAt('portal-sign-in-methods')
    expect(h.problems).toEqual([])
  }, 120_000)
})
