import type { Core } from '../core/index.ts'
import type { DemoState } from './seed-demo.ts'

/** A case opened on a portal, as the portal cases face returns it. */
type PortalCase = Awaited<ReturnType<Core['cases']['portal']['mine']>>[number]

/**
 * Makes the demo's case real, once per data directory: Avery Lin's case
 * "Cannot sign in after changing phones", opened on the demo portal when the
 * demo's sample journey ends, as a record of the demo instance and a row of
 * the demo hub's cases table. Returns the demo contact's newest case (the one
 * `/demo/case` shows: a case opened on the demo portal later takes its place).
 *
 * @example
 * const latest = await ensureDemoCase(core, state, { instanceId, portalId })
 */
export async function ensureDemoCase(
  core: Pick<Core, 'cases'>,
  demo: DemoState,
  portal: { instanceId: string; portalId: string },
): Promise<PortalCase> {
  const mine = await core.cases.portal.mine(portal.instanceId, demo.contactId)
  if (mine[0]) return mine[0]
  const result = await core.cases.portal.open(
    { id: portal.portalId, instanceId: portal.instanceId, hubId: demo.hubId },
    demo.contactId,
    {
      title: 'Cannot sign in after changing phones',
      description:
        'I got a new phone and the authenticator codes stopped working. I tried the password reset article but I am still locked out.',
      category: 'problem',
    },
    { at: Date.parse(demo.caseCreatedAt) },
  )
  if (!result.ok) throw new Error(`the demo case was refused: ${JSON.stringify(result.errors)}`)
  return result.case
}
