import { describe, expect, it } from 'vitest'
import { useContosoCommunity } from '../support/portal-fixtures.ts'
import { csrfFields, formSession, signIn } from '../support/portal-site-client.ts'

/**
 * A portal site's forms read at most 64 KiB (sign-in, the support case form,
 * the ideas forms): a larger one gets the 413 page, a chunked one is refused
 * while it is read, long before its end.
 */

const contoso = useContosoCommunity()

describe('form posts on a portal site are bounded', () => {
  const tooLarge = async (res: Response) => {
    expect(res.status).toBe(413)
    expect(res.headers.get('content-type')).toContain('text/html')
    const html = await res.text()
    expect(html).toContain('Too much text')
    expect(html).toContain('64 KiB')
    expect(html).toContain('data-notice="form_too_large"')
  }
  const form = (path: string, fields: Record<string, string>, cookie?: string) =>
    contoso.t.site(contoso.portal.subdomain, path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams({ ...(cookie ? csrfFields(cookie) : {}), ...fields }).toString(),
    })

  it('signs in with a form just under 64 KiB, and answers a larger sign-in with a 413 page', async () => {
    const { cookie } = await formSession(contoso.t.app, contoso.portal.subdomain)
    const under = await form('/signin', { contactId: contoso.morgan, next: `/${'a'.repeat(60_000)}` }, cookie)
    expect(under.status).toBe(303)
    await tooLarge(await form('/signin', { contactId: contoso.morgan, next: `/${'a'.repeat(70_000)}` }))
  })

  it('counts a chunked form while reading it: refused long before its end', async () => {
    let pulled = 0
    const chunk = new TextEncoder().encode(`next=${'b'.repeat(1_019)}`)
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++
        if (pulled > 1_000) controller.close()
        else controller.enqueue(chunk)
      },
    })
    const res = await contoso.t.site(contoso.portal.subdomain, '/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      duplex: 'half',
    } as RequestInit)
    await tooLarge(res)
    expect(pulled).toBeLessThan(100)
  })

  it('bounds the support case form and the ideas forms the same way', async () => {
    const { cookie } = await signIn(contoso.t.app, contoso.portal.subdomain, contoso.morgan)
    const big = 'c'.repeat(70_000)
    for (const path of ['/support', '/ideas']) {
      const res = await contoso.t.site(contoso.portal.subdomain, path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie! },
        body: new URLSearchParams({ intent: 'suggest', title: 'Big', description: big }).toString(),
      })
      await tooLarge(res)
    }
    const multipart = new FormData()
    multipart.set('description', big)
    await tooLarge(
      await contoso.t.site(contoso.portal.subdomain, '/support', {
        method: 'POST',
        headers: { cookie: cookie! },
        body: multipart,
      }),
    )
  })
})
