import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSOLE_ADMIN, type ConsoleHarness, startConsoleHarness } from '../support/console-harness.ts'

/**
 * The console keeps a session, never the admin token, and Sign out ends that
 * session on the server (issue 20, item 8): a copy of what the tab held is
 * refused afterwards, while the admin token can sign in again.
 */
let h: ConsoleHarness

beforeAll(async () => {
  h = await startConsoleHarness()
}, 120_000)
afterAll(async () => {
  await h?.close()
})

const held = () => h.page.evaluate(() => sessionStorage.getItem('casetrail.admin.token'))

describe('console sign-out', () => {
  it('keeps a session token, not the admin token, and sign-out makes the server refuse it', async () => {
    await h.signIn()
    const kept = await held()
    expect(kept).toMatch(/^cts_/)
    expect(kept).not.toBe(CONSOLE_ADMIN)
    expect((await h.api('GET', '/v1/admin/users/me', undefined, kept!)).status).toBe(200)

    await h.page.getByRole('button', { name: 'Sign out' }).click()
    await h.page.getByLabel('Admin or user token').waitFor()
    expect(await held()).toBeNull()
    const after = await h.api<{ error: { code: string } }>('GET', '/v1/admin/users/me', undefined, kept!)
    expect(after.status).toBe(401)
    expect(after.body.error.code).toBe('admin_token_invalid')

    // The admin token was never spent: it signs in again.
    await h.signIn()
    expect(await held()).toMatch(/^cts_/)
    expect(h.undocumentedCalls()).toEqual([])
    expect(h.problems).toEqual([])
  })

  it('says so when the token pasted has expired', async () => {
    const user = await h.api<{ user: { id: string }; token: string }>('POST', '/v1/admin/users', {
      name: 'Expired user',
    })
    // Expire it where it is stored, as 90 days would.
    const stored = (await h.core.principals.get(user.body.user.id))!
    await h.core.principals.update({ ...stored, tokenExpiresAt: new Date(Date.now() - 1000).toISOString() })
    await h.page.getByRole('button', { name: 'Sign out' }).click()
    await h.page.getByLabel('Admin or user token').fill(user.body.token)
    await h.page.getByRole('button', { name: 'Sign in' }).click()
    await h.page.getByText('That token has expired', { exact: false }).waitFor()
  })
})
