import type { Core } from '../core/index.ts'
import { ensureDemoCase } from './demo-case.ts'
import { type DemoPortal, seedDemoPortal } from './demo-portal.ts'
import { type DemoState, seedDemo } from './seed-demo.ts'

/** What {@link startDemo} made or found. */
export interface StartedDemo {
  state: DemoState
  portal: DemoPortal
  /** Whether this start seeded the demo (its first start on this data directory). */
  created: boolean
  /** A send-only and a read-only key of the demo hub: each printed token does what its line says, no more. */
  keys: { send: { keyName: string; key: string }; read: { keyName: string; key: string } }
}

/**
 * Everything the demo needs, made once per data directory (later starts, and
 * other nodes, find it): the demo hub and Avery Lin's journey, a send-only and
 * a read-only key, the demo portal bound to the hub, and Avery's case.
 *
 * @example
 * const demo = config.demo ? await startDemo(core) : null
 */
export async function startDemo(core: Core): Promise<StartedDemo> {
  const { state, created } = await seedDemo(core)
  const send = await core.hubs.ensureKey(state.hubId, 'demo-send', ['send'])
  const read = await core.hubs.ensureKey(state.hubId, 'demo-read', ['read'])
  // A provisioned portal on the demo hub: open it, sign in as a contact, and its pages send real beacons.
  const { portal } = await seedDemoPortal(core, state)
  await ensureDemoCase(core, state, portal)
  return {
    state,
    portal,
    created,
    keys: {
      send: { keyName: send.keyName, key: send.primaryKey },
      read: { keyName: read.keyName, key: read.primaryKey },
    },
  }
}
