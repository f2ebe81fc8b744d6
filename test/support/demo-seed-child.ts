/**
 * One start of the demo seed in its own process (libchdb binds one data
 * directory per process): opens core on `argv[2]` with the clock fixed at
 * `argv[3]` (ms), seeds the demo as `npm start` does, and prints one JSON line:
 * whether it seeded, how long the seed took, and the demo hub's rows (count
 * and checksum of every column but the hub id and arrival time, duplicates
 * included, so a doubled seed shows).
 *
 *   npx tsx test/support/demo-seed-child.ts <dataDir> <clockMs> [databaseUrl]
 *
 * With a `databaseUrl`, the control plane is that shared Postgres (nodes of one
 * deployment), sealed with one key every such child shares.
 */
import { createSitePages } from '../../portal-sites/index.ts'
import { openCore } from '../../core/index.ts'
import { seedDemo } from '../../demo/index.ts'
import { TEST_CONTROL_PLANE, TEST_DURABILITY, memoryLogger } from './test-core.ts'

const [dataDir, clockMs, databaseUrl] = process.argv.slice(2)
const { log } = memoryLogger('warn')
const core = await openCore({
  sitePages: createSitePages(),
  store: { kind: 'embedded', dataDir: dataDir! },
  publicUrl: 'http://casetrail.test',
  log,
  clock: () => Number(clockMs),
  durability: TEST_DURABILITY,
  ...(databaseUrl
    ? { controlPlane: { databaseUrl }, secretKey: Buffer.from('5a'.repeat(32), 'hex') }
    : { controlPlane: TEST_CONTROL_PLANE }),
})
const started = performance.now()
const { state, created } = await seedDemo(core)
const seedMs = Math.round(performance.now() - started)
const sums = async (query: string) => {
  const rs = await core.ch.client.query({ query, query_params: { hub: state.hubId }, format: 'JSONEachRow' })
  const [row] = await rs.json<{ rows: string; checksum: string }>()
  return { rows: Number(row!.rows), checksum: row!.checksum }
}
// sum, not xor: two copies of a row add up instead of cancelling out.
const interactions =
  await sums(`SELECT count() AS rows, toString(sum(cityHash64(contact_id, ts, interaction_id,
  type, portal_id, session_id, item_id, title, raw))) AS checksum FROM interactions WHERE hub_id = {hub:String}`)
const cases = await sums(`SELECT count() AS rows, toString(sum(cityHash64(contact_id, created_at, case_id,
  case_number, portal_id, title, status, source))) AS checksum FROM cases WHERE hub_id = {hub:String}`)
const marks = (
  await core.controlPlane.query(`SELECT count(*)::int AS n FROM cp_settings WHERE key = 'demo-history'`)
).rows
await core.close()
process.stdout.write(`${JSON.stringify({ created, seedMs, interactions, cases, marks })}\n`)
