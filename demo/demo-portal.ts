import { z } from 'zod'
import { type Core, createRecordRepository, sampleContacts } from '../core/index.ts'
import type { DemoState } from './seed-demo.ts'

const demoPortalSchema = z.object({
  instanceId: z.string(),
  portalId: z.string(),
  subdomain: z.string(),
  url: z.string(),
  contactId: z.string(),
})
/** What the demo portal is: its instance, id, subdomain, URL, and the demo contact who can sign in. */
export type DemoPortal = z.infer<typeof demoPortalSchema>

/** The demo portal's subdomain: `http://demo.localhost:8787` out of the box. */
export const DEMO_SUBDOMAIN = 'demo'

/**
 * Makes, once per data directory, what a newcomer needs to see a portal
 * working: a demo instance (the bootstrap admin its System Administrator), a
 * production licence (and a spare trial one for the admin's first own portal), the demo contact (Avery Lin, the contact of the demo
 * hub's sample journey) among its contacts, and a Community Portal at
 * `demo.{PORTALS_DOMAIN}` provisioned with the demo's portal id and bound to
 * the demo hub. Waits for the job; later starts return what the first made.
 *
 * @example
 * const { state } = await seedDemo(core)
 * const { portal } = await seedDemoPortal(core, state)
 * console.log(portal.url) // http://demo.localhost:8787
 */
export function seedDemoPortal(
  core: Core,
  demo: DemoState,
): Promise<{ portal: DemoPortal; created: boolean }> {
  // Nodes starting together: one provisions the demo portal, the others find it.
  return core.controlPlane.lock('demo-portal', () => seedDemoPortalLocked(core, demo))
}

async function seedDemoPortalLocked(
  core: Core,
  demo: DemoState,
): Promise<{ portal: DemoPortal; created: boolean }> {
  const settings = createRecordRepository(core.controlPlane, 'cp_settings', demoPortalSchema)
  const existing = await settings.get('demo-portal')
  if (existing) return { portal: existing, created: false }
  const bootstrap = (await core.principals.list()).find((p) => p.bootstrap)
  if (!bootstrap)
    throw new Error('the demo portal needs the bootstrap administrator; call ensureBootstrapAdmin first')
  const { instances, licences, contacts } = core.tenancy

  const name = 'Contoso (demo)'
  const instance =
    (await instances.all()).find((i) => i.name === name) ??
    (await instances.create(bootstrap, {
      name,
      baseLanguage: 'en-US',
      // Arabic and Hebrew are installed so the options show them left out.
      installedLanguages: ['en-US', 'fr-FR', 'de-DE', 'es-ES', 'ar-SA', 'he-IL'],
      installedSolutions: ['customer_service', 'field_service'],
    }))
  // Creating the instance made the bootstrap admin its System Administrator.
  const actor = (await core.principals.get(bootstrap.id)) ?? bootstrap
  await licences.add(actor, { type: 'production' })
  // A spare trial licence: the newcomer's own first portal must not fail for want of one (the demo takes the production one).
  await licences.add(actor, { type: 'trial' })
  await contacts.put(instance.id, [
    {
      crmrecordid: demo.contactId,
      name: 'Avery Lin',
      email: 'avery.lin@contoso.example',
      accountName: 'Contoso Ltd',
    },
  ])
  const hub = await core.hubs.get(demo.hubId)
  const key = hub.keys.find((k) => k.keyName === 'default')
  const { portal } = await core.portals.provision(
    actor,
    {
      name: 'Contoso Community',
      subdomain: DEMO_SUBDOMAIN,
      instanceId: instance.id,
      language: 'en-US',
      administratorId: actor.id,
      audience: 'customer',
      portalType: 'community',
      termsAccepted: true,
      ...(key ? { hub: { hubId: hub.id, keyName: key.keyName, key: key.primaryKey } } : {}),
    },
    // The demo hub's sample journey names this portal id: make it this portal's.
    { portalId: demo.portalId },
  )
  await core.portals.settled()
  // The sample contacts are known to the hub as profiles too, like the demo contact.
  await core.profiles.upsertMany(hub.id, sampleContacts(instance.id))
  const made: DemoPortal = {
    instanceId: instance.id,
    portalId: portal.id,
    subdomain: portal.subdomain,
    url: portal.url,
    contactId: demo.contactId,
  }
  await settings.put('demo-portal', made)
  return { portal: made, created: true }
}

/**
 * Who may sign in with one click on a portal while CASETRAIL_DEMO is on: the
 * demo contact (Avery Lin) on the demo portal, nobody anywhere else. The
 * entry point hands this to the portal module (`oneClickSignIn`).
 *
 * @example
 * openCore({ portals: { oneClickSignIn: (portal) => demoOneClick(core, portal) } })
 */
export async function demoOneClick(core: Core, portal: { id: string }): Promise<string[]> {
  const made = await createRecordRepository(core.controlPlane, 'cp_settings', demoPortalSchema).get(
    'demo-portal',
  )
  return made && made.portalId === portal.id ? [made.contactId] : []
}
