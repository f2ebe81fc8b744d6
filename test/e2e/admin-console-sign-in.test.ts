import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleContacts } from '../../core/index.ts'
import { type ConsoleHarness, startConsoleHarness } from '../support/console-harness.ts'

/**
 * Portal Actions -> Sign-in in the console (issue 29), in headless Chromium
 * against the real app: the portal's authentication settings, inviting a
 * contact (the message in the outbox), the contact's sign-in methods and
 * "Sign out everywhere". Screenshots at 1280 and 800 px, axe clean.
 */

let h: ConsoleHarness
let portal: { id: string; url: string }

beforeAll(async () => {
  h = await startConsoleHarness()
  portal = await h.provision({ name: 'Contoso Help', subdomain: 'signin-console' })
  await h.signIn()
}, 120_000)
afterAll(async () => {
  await h?.close()
})

describe('portal sign-in in the console', () => {
  it('sets registration, invites a contact, and signs them out everywhere', async () => {
    const contact = sampleContacts(h.instanceId)[0]!
    const { page } = h
    await page.goto(`${h.publicUrl}/admin/portals/${portal.id}`)
    await page.getByRole('link', { name: 'Sign-in' }).click()
    await page.getByRole('heading', { name: 'Authentication settings' }).waitFor()
    await page.getByLabel('Registration').selectOption('open')
    await expect
      .poll(
        async () =>
          (await h.api<{ registration: string }>('GET', `/v1/admin/portals/${portal.id}/authentication`)).body
            .registration,
      )
      .toBe('open')
    await page.locator('#contact-sign-in select').selectOption(contact.crmrecordid)
    await page.getByRole('button', { name: 'Invite to this portal' }).click()
    await page.getByText(`Invitation sent to ${contact.email}`, { exact: false }).waitFor()
    await page.locator('#outbox pre').first().waitFor()
    await expect(page.locator('#outbox').textContent()).resolves.toContain('/account/register?invitation=')
    await page.getByRole('button', { name: 'Sign out everywhere' }).click()
    await page.getByText('0 sessions ended.').waitFor()
    await h.lookAt('portal-sign-in')
    expect(h.undocumentedCalls()).toEqual([])
    expect(h.problems).toEqual([])
  }, 120_000)
})
