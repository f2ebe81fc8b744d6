import { expect } from 'vitest'
import type { CasetrailNode } from './casetrail-node.ts'

/**
 * A portal's site as a browser uses it, through one casetrail node
 * (test/support/casetrail-node.ts): a page's form cookie and token, a form
 * posted with them, an account made from an admin's invitation, a sign-in.
 */

/** The form cookie and token a page of a portal's site gives a browser, through `node`. */
export async function formOf(node: CasetrailNode, host: string, path: string, address: string) {
  const page = await node.request('GET', path, {
    admin: false,
    headers: { host, 'x-forwarded-for': address },
  })
  const form = /casetrail_form=[^;]+/.exec(String(page.headers['set-cookie'] ?? ''))?.[0]
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1]
  if (!form || !csrf) throw new Error(`no form cookie or token on ${path}:\n${page.text.slice(0, 500)}`)
  return { form, csrf }
}

/**
 * Submits a form of a portal's site through `node` from `address`: the page at
 * `pagePath` gives the form cookie and token, then `fields` (and the token) go
 * to `action`, as a browser posts them. Answers the node's answer, and the
 * form cookie and token (a signed-in session goes on with them).
 */
export async function submitForm(
  node: CasetrailNode,
  host: string,
  pagePath: string,
  action: string,
  address: string,
  fields: Record<string, string>,
) {
  const { form, csrf } = await formOf(node, host, pagePath, address)
  const answer = await node.request('POST', action, {
    admin: false,
    headers: {
      host,
      'content-type': 'application/x-www-form-urlencoded',
      cookie: form,
      'x-forwarded-for': address,
    },
    body: new URLSearchParams({ ...fields, csrf }).toString(),
  })
  return { answer, form, csrf }
}

/** The password every contact's account gets here. */
export const PASSWORD = 'two nodes, one account'

/**
 * Gives a contact an account on a portal as an admin and the contact would
 * (no portal signs anyone in by naming a contact id): an invitation through
 * `node`, redeemed with a password from the link in the outbox.
 */
export async function giveAccount(
  node: CasetrailNode,
  portal: { id: string; subdomain: string },
  contact: { crmrecordid: string; email: string },
  address: string,
) {
  const invited = await node.request('POST', `/v1/admin/portals/${portal.id}/invitations`, {
    body: { contactId: contact.crmrecordid },
  })
  expect(invited.status, invited.text).toBe(201)
  const outbox = await node.request<{ messages: Array<{ kind: string; to: string; text: string }> }>(
    'GET',
    `/v1/admin/portals/${portal.id}/outbox`,
  )
  const mail = outbox.body.messages.find((m) => m.kind === 'invite' && m.to === contact.email)!
  const url = new URL(/https?:\/\/\S+/.exec(mail.text)![0])
  const host = `${portal.subdomain}.localhost`
  const { answer: made } = await submitForm(
    node,
    host,
    `${url.pathname}${url.search}`,
    '/account/register',
    address,
    {
      invitation: url.searchParams.get('invitation')!,
      password: PASSWORD,
    },
  )
  expect(made.status, made.text).toBe(200)
}

/** Signs a contact in on a portal's site through `node` with their e-mail and password; returns its cookies and form token. */
export async function signIn(
  node: CasetrailNode,
  subdomain: string,
  email: string,
  address: string,
): Promise<{ cookie: string; csrf: string; address: string }> {
  const host = `${subdomain}.localhost`
  const {
    answer: res,
    form,
    csrf,
  } = await submitForm(node, host, '/signin', '/signin', address, {
    email,
    password: PASSWORD,
    next: '/support',
  })
  expect(res.status, res.text).toBe(303)
  const set = res.headers['set-cookie']
  const session = (Array.isArray(set) ? set : [String(set)]).map((c) => c.split(';')[0]).join('; ')
  return { cookie: `${session}; ${form}`, csrf, address }
}
