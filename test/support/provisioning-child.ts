/**
 * A separate process for the resume test, run with tsx:
 *   kill <dataDir>     provisions a portal and SIGKILLs itself when the job reaches the Web Forms package
 *   inspect <dataDir>  opens the store without resuming, prints what the killed process left, closes cleanly
 */
import { createSitePages } from '../../portal-sites/index.ts'
import { openCore } from '../../core/index.ts'
import { PUBLIC_URL, TEST_CONTROL_PLANE, TEST_DURABILITY } from './test-core.ts'

const [mode, dataDir] = process.argv.slice(2)
if (!dataDir || (mode !== 'kill' && mode !== 'inspect')) {
  process.stderr.write('usage: provisioning-child.ts kill|inspect <dataDir>\n')
  process.exit(2)
}
const quiet = { info() {}, warn() {}, error() {} }
const core = await openCore({
  sitePages: createSitePages(),
  store: { kind: 'embedded', dataDir },
  publicUrl: PUBLIC_URL,
  durability: TEST_DURABILITY,
  log: quiet,
  controlPlane: TEST_CONTROL_PLANE,
  portals: {
    resume: mode !== 'inspect',
    faults: {
      beforeStep(at) {
        if (mode === 'kill' && at.packageId === 'web_forms') {
          process.stdout.write(`${JSON.stringify({ killedAt: at })}\n`)
          process.kill(process.pid, 'SIGKILL')
        }
      },
    },
  },
})

if (mode === 'kill') {
  const { principal } = await core.principals.ensureBootstrapAdmin('resume-test-admin-token-0123456789')
  const instance = await core.tenancy.instances.create(principal, {
    name: 'Contoso',
    baseLanguage: 'en-US',
    installedSolutions: [],
  })
  const actor = (await core.principals.get(principal.id))!
  await core.tenancy.licences.add(actor, { type: 'production' })
  await core.portals.provision(actor, {
    name: 'Resumable',
    subdomain: 'resumable',
    instanceId: instance.id,
    language: 'en-US',
    administratorId: actor.id,
    audience: 'customer',
    portalType: 'customer_self_service',
    termsAccepted: true,
  })
  // The fault hook kills the process mid-job; wait for it.
  await new Promise(() => undefined)
} else {
  const admin = (await core.principals.list()).find((p) => p.bootstrap)!
  const [portal] = await core.portals.list(admin)
  const progress = await core.portals.provisioning(admin, portal!.id)
  const site = await core.sites.serve({ subdomain: 'resumable', path: '/', query: {}, session: undefined })
  process.stdout.write(`${JSON.stringify({ portal, progress, siteStatus: site.status })}\n`)
  await core.close()
}
