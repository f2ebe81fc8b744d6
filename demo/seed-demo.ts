import { z } from 'zod'
import { INTERACTION_TYPES, type Interaction } from '../schemas/index.ts'
import { type Core, createRecordRepository, deterministicUuid, siteContentFor } from '../core/index.ts'
import { demoHistory } from './demo-history.ts'

const demoStateSchema = z.object({
  hubId: z.string(),
  portalId: z.string(),
  contactId: z.string(),
  caseCreatedAt: z.string(),
})
/** What the demo made: a hub, a portal id, a contact, and when its case was opened. */
export type DemoState = z.infer<typeof demoStateSchema>

/** The demo portal's sample content, by slug: the journey's items are the pages the portal shows. */
function demoContent(portalId: string) {
  const c = siteContentFor('en-US')
  const article = (slug: string) => {
    const a = c.articles.find((x) => x.slug === slug)!
    return { id: deterministicUuid(portalId, `article/${slug}`), title: a.title }
  }
  const blog = c.blogPosts[0]!
  const thread = c.forumThreads.find((t) => t.slug === 'locked-out-new-phone') ?? c.forumThreads[0]!
  return {
    reset: article('reset-password'),
    twoFactor: article('two-factor-new-phone'),
    invoices: article('export-invoices-pdf'),
    billing: article('update-billing-address'),
    blog: { id: deterministicUuid(portalId, `blog/${blog.slug}`), title: blog.title },
    thread: { id: deterministicUuid(portalId, `thread/${thread.slug}`), title: thread.title },
  }
}
/** The scope the demo's fixed ids are derived from. */
const DEMO_SCOPE = 'casetrail-demo'
const SEARCHES = ['password reset', 'two factor new phone', 'authenticator app lost', 'invoice pdf export']

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
  // Fixed ids: the same journey on every data directory (for the same case time).
  const nextId = () => deterministicUuid(DEMO_SCOPE, `avery/${out.length}`)
  const search = (h: number, s: number, q: string) =>
    out.push({
      type: 'portal_search',
      ...base,
      portal_interactionid: nextId(),
      portal_timestamp: at(h),
      portal_sessionid: session(s),
      portal_searchstring: q,
    })
  const content = demoContent(ids.portalId)
  const article = (h: number, s: number, { id, title }: { id: string; title: string }) =>
    out.push({
      type: 'portal_viewknowledgearticle',
      ...base,
      portal_interactionid: nextId(),
      portal_timestamp: at(h),
      portal_sessionid: session(s),
      portal_knowledgearticleid: id,
      portal_knowledgetitle: title,
      portal_language: 'en-US',
    })
  search(118, 1, SEARCHES[3]!)
  article(117.8, 1, content.invoices)
  out.push({
    type: 'portal_viewblogpost',
    ...base,
    portal_interactionid: nextId(),
    portal_timestamp: at(70),
    portal_sessionid: session(2),
    portal_blogpostid: content.blog.id,
    portal_blogtitle: content.blog.title,
  })
  search(49, 3, SEARCHES[0]!)
  article(48.7, 3, content.reset)
  article(48.2, 3, content.billing)
  search(26, 4, SEARCHES[1]!)
  article(25.6, 4, content.twoFactor)
  out.push({
    type: 'portal_viewforumthread',
    ...base,
    portal_interactionid: nextId(),
    portal_timestamp: at(25.1),
    portal_sessionid: session(4),
    portal_forumthreadid: content.thread.id,
    portal_forumthreadtitle: content.thread.title,
  })
  search(3, 5, SEARCHES[2]!)
  article(2.7, 5, content.twoFactor)
  article(1.2, 5, content.reset)
  article(0.4, 5, content.twoFactor)
  return out
}

/** What the demo's history added, kept as its marker: a later start (or another node) adds nothing. */
const demoHistoryMarkSchema = z.object({ interactions: z.number(), cases: z.number(), contacts: z.number() })

/**
 * Creates, once per data directory, a demo hub, portal id and contact (with a
 * linked profile), a few days of sample interactions before a case opened
 * now, and the hub's 90-day history (`demoHistory`: a few hundred contacts,
 * their visits and dozens of cases). Later starts return what the first made;
 * a demo made before the history existed gets it on its next start.
 */
export function seedDemo(core: Core): Promise<{ state: DemoState; created: boolean }> {
  // Nodes starting together: one seeds, the others wait here and then find its state and marker.
  return core.controlPlane.lock('demo-seed', async () => {
    const seeded = await seedDemoLocked(core)
    await seedHistoryOnce(core, seeded.state)
    return seeded
  })
}

/**
 * The demo hub's history, once: rows in two bulk inserts (interactions, cases)
 * and the profiles in one write, then the marker. Ids are fixed, so should a
 * start die between the inserts and the marker, the next one writes the same
 * rows again and the tables fold them (deduplicated by id).
 */
async function seedHistoryOnce(core: Core, state: DemoState): Promise<void> {
  const marks = createRecordRepository(core.controlPlane, 'cp_settings', demoHistoryMarkSchema)
  if (await marks.get('demo-history')) return
  const anchor = Date.parse(state.caseCreatedAt)
  const history = demoHistory({ portalId: state.portalId, anchor })
  const receivedAt = core.clock()
  await core.profiles.upsertMany(state.hubId, history.contacts)
  await core.repository.insert(
    history.interactions.map((interaction) => ({ hubId: state.hubId, receivedAt, interaction })),
  )
  await core.caseRepository.insert(history.cases.map((c) => ({ ...c, hubId: state.hubId })))
  await marks.put('demo-history', {
    interactions: history.interactions.length,
    cases: history.cases.length,
    contacts: history.contacts.length,
  })
}

async function seedDemoLocked(core: Core): Promise<{ state: DemoState; created: boolean }> {
  const settings = createRecordRepository(core.controlPlane, 'cp_settings', demoStateSchema)
  const existing = await settings.get('demo')
  if (existing) return { state: existing, created: false }
  const hub = await core.hubs.create('Demo hub')
  const now = core.clock()
  const state: DemoState = {
    hubId: hub.id,
    // Fixed ids: the demo's rows are the same on every data directory (the hub's id is its own).
    portalId: deterministicUuid(DEMO_SCOPE, 'portal'),
    contactId: deterministicUuid(DEMO_SCOPE, 'contact/avery-lin'),
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
