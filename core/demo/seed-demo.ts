import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { INTERACTION_TYPES, type Interaction } from '../../schemas/index.ts'
import type { Core } from '../open-core.ts'
import { createRecordRepository } from '../store/record-repository.ts'

const demoStateSchema = z.object({
  hubId: z.string(),
  portalId: z.string(),
  contactId: z.string(),
  caseCreatedAt: z.string(),
})
/** What the demo made: a hub, a portal id, a contact, and when its case was opened. */
export type DemoState = z.infer<typeof demoStateSchema>

const ARTICLES = [
  ['8a1f6a52-4f0e-4c1b-9a55-0d7a52c0e101', 'Reset your password', 'en-US'],
  ['8a1f6a52-4f0e-4c1b-9a55-0d7a52c0e102', 'Two-factor sign-in fails after a phone change', 'en-US'],
  ['8a1f6a52-4f0e-4c1b-9a55-0d7a52c0e103', 'Export invoices as PDF', 'en-US'],
  ['8a1f6a52-4f0e-4c1b-9a55-0d7a52c0e104', 'Réinitialiser votre mot de passe', 'fr-FR'],
] as const
const SEARCHES = ['password reset', 'two factor new phone', 'authenticator app lost', 'invoice pdf export']
const BLOG = ['b7c3d1e0-2a4f-4e6b-8c9d-1f2e3a4b5c01', 'What changed in sign-in this autumn'] as const
const THREAD = ['f0e1d2c3-b4a5-4968-8776-5a4b3c2d1e01', 'Locked out after switching phones?'] as const

/**
 * The demo's sample activity: a customer who searched, read articles, a blog
 * post and a forum thread over the five days before opening a case at `caseAt`.
 */
export function demoInteractions(
  ids: { portalId: string; contactId: string },
  caseAt: number,
): Interaction[] {
  const hour = 3_600_000
  const base = { portal_contactid: ids.contactId, portal_portalid: ids.portalId }
  const at = (hoursBefore: number) => new Date(caseAt - hoursBefore * hour).toISOString()
  const session = (n: number) => `demo-session-${n}`
  const out: Interaction[] = []
  const search = (h: number, s: number, q: string) =>
    out.push({
      type: 'portal_search',
      ...base,
      portal_interactionid: randomUUID(),
      portal_timestamp: at(h),
      portal_sessionid: session(s),
      portal_searchstring: q,
    })
  const article = (h: number, s: number, [id, title, lang]: (typeof ARTICLES)[number]) =>
    out.push({
      type: 'portal_viewknowledgearticle',
      ...base,
      portal_interactionid: randomUUID(),
      portal_timestamp: at(h),
      portal_sessionid: session(s),
      portal_knowledgearticleid: id,
      portal_knowledgetitle: title,
      portal_language: lang,
    })
  search(118, 1, SEARCHES[3]!)
  article(117.8, 1, ARTICLES[2]!)
  out.push({
    type: 'portal_viewblogpost',
    ...base,
    portal_interactionid: randomUUID(),
    portal_timestamp: at(70),
    portal_sessionid: session(2),
    portal_blogpostid: BLOG[0],
    portal_blogtitle: BLOG[1],
  })
  search(49, 3, SEARCHES[0]!)
  article(48.7, 3, ARTICLES[0]!)
  article(48.2, 3, ARTICLES[3]!)
  search(26, 4, SEARCHES[1]!)
  article(25.6, 4, ARTICLES[1]!)
  out.push({
    type: 'portal_viewforumthread',
    ...base,
    portal_interactionid: randomUUID(),
    portal_timestamp: at(25.1),
    portal_sessionid: session(4),
    portal_forumthreadid: THREAD[0],
    portal_forumthreadtitle: THREAD[1],
  })
  search(3, 5, SEARCHES[2]!)
  article(2.7, 5, ARTICLES[1]!)
  article(1.2, 5, ARTICLES[0]!)
  article(0.4, 5, ARTICLES[1]!)
  return out
}

/**
 * Creates, once per data directory, a demo hub, portal id and contact (with a
 * linked profile) and a few days of sample interactions before a case opened
 * now. Later starts return what the first made.
 */
export async function seedDemo(core: Core): Promise<{ state: DemoState; created: boolean }> {
  const settings = createRecordRepository(core.ch, 'cp_settings', demoStateSchema)
  const existing = await settings.get('demo')
  if (existing) return { state: existing, created: false }
  const hub = await core.hubs.create('Demo hub')
  const now = core.clock()
  const state: DemoState = {
    hubId: hub.id,
    portalId: randomUUID(),
    contactId: randomUUID(),
    caseCreatedAt: new Date(now).toISOString(),
  }
  await core.hubs.setProfileConfig(hub.id, { entity: 'contact', linkedTypes: [...INTERACTION_TYPES] })
  await core.profiles.upsertMany(hub.id, [
    {
      crmrecordid: state.contactId,
      name: 'Avery Lin',
      email: 'avery.lin@contoso.example',
      accountName: 'Contoso Ltd',
    },
  ])
  await core.repository.insert(
    demoInteractions(state, now).map((interaction) => ({ hubId: hub.id, receivedAt: now, interaction })),
  )
  await settings.put('demo', state)
  return { state, created: true }
}
