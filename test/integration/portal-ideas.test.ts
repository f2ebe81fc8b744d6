import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleContacts } from '../../core/index.ts'
import { type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'
import { csrfFields, signIn } from '../support/portal-site-client.ts'

let t: PortalTestCore
let instanceId: string
let community: { id: string; subdomain: string }
let contacts: string[]

beforeAll(async () => {
  t = await startPortalTestCore()
  instanceId = (await t.createInstance({ name: 'Contoso' })).id
  community = await t.provisionAndWait(instanceId, {
    name: 'Contoso Community',
    subdomain: 'ideas',
    portalType: 'community',
  })
  contacts = sampleContacts(instanceId).map((c) => c.crmrecordid)
})
afterAll(async () => {
  await t.close()
  t.remove()
})

const post = (form: Record<string, string>, cookie?: string, subdomain = community.subdomain) =>
  t.app.request(`http://${subdomain}.localhost/ideas`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(cookie ? { cookie } : {}),
    },
    // The form token the page gave this browser (issue 20 item 7: every portal form carries one).
    body: new URLSearchParams({ ...(cookie ? csrfFields(cookie) : {}), ...form }).toString(),
  })

const ideasOf = async (cookie?: string) => {
  const res = await t.site(community.subdomain, '/ideas', cookie ? { headers: { cookie } } : {})
  const html = await res.text()
  return [...html.matchAll(/<li data-idea="([^"]+)">.*?data-votes="(\d+)".*?<h3>([^<]*)<\/h3>/g)].map(
    (m) => ({
      id: m[1]!,
      votes: Number(m[2]),
      title: m[3]!,
    }),
  )
}

describe('the Ideas page', () => {
  it('sends a visitor who is not signed in to sign in, and stores nothing', async () => {
    const res = await post({ intent: 'submit', title: 'Anonymous idea', description: '' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/signin?next=%2Fideas')
    expect(await ideasOf()).toEqual([])
  })

  it('refuses a title too short or too long with the field and a message, storing nothing', async () => {
    const { cookie } = await signIn(t.app, community.subdomain, contacts[0]!, '/ideas')
    for (const title of ['', 'ab', 'x'.repeat(151)]) {
      const res = await post({ intent: 'submit', title, description: 'kept' }, cookie!)
      expect(res.status).toBe(400)
      const html = await res.text()
      expect(html).toMatch(/id="idea-title-error">title must be at (least 3|most 150) characters</)
      expect(html).toContain('>kept</textarea>')
    }
    expect(await ideasOf(cookie!)).toEqual([])
  })

  it('counts one vote per contact, sorts by votes, and ignores votes for unknown ideas', async () => {
    const [a, b, c] = await Promise.all(
      contacts
        .slice(0, 3)
        .map(async (id) => (await signIn(t.app, community.subdomain, id, '/ideas')).cookie!),
    )
    for (const title of ['First idea', 'Second idea', 'Third idea']) {
      const res = await post({ intent: 'submit', title, description: '' }, a)
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toMatch(/^\/ideas\?submitted=[0-9a-f-]{36}$/)
    }
    const listed = await ideasOf(a)
    expect(listed.map((i) => i.title)).toEqual(['Third idea', 'Second idea', 'First idea'])
    const id = (title: string) => listed.find((i) => i.title === title)!.id
    // Two votes for the first, one for the second; b's second vote for the first takes it back, then b votes again.
    for (const [cookie, title] of [
      [a, 'First idea'],
      [b, 'First idea'],
      [b, 'First idea'],
      [b, 'First idea'],
      [c, 'Second idea'],
    ] as const) {
      expect((await post({ intent: 'vote', idea: id(title) }, cookie)).status).toBe(303)
    }
    for (const idea of ['not-a-uuid', '00000000-0000-4000-8000-000000000000'])
      expect((await post({ intent: 'vote', idea }, c)).status).toBe(303)
    expect(await ideasOf(c)).toEqual([
      { id: id('First idea'), votes: 2, title: 'First idea' },
      { id: id('Second idea'), votes: 1, title: 'Second idea' },
      { id: id('Third idea'), votes: 0, title: 'Third idea' },
    ])
  })

  it('is not offered where the portal type has no Ideas', async () => {
    const selfService = await t.provisionAndWait(instanceId, {
      name: 'Contoso Help',
      subdomain: 'help-no-ideas',
      portalType: 'customer_self_service',
    })
    expect((await t.site(selfService.subdomain, '/ideas')).status).toBe(404)
    const home = await (await t.site(selfService.subdomain, '/')).text()
    expect(home).not.toContain('href="/ideas"')
  })
})
