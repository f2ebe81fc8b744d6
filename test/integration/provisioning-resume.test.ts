import { createSitePages } from '../../portal-sites/index.ts'
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { type Core, openCore } from '../../core/index.ts'
import { PUBLIC_URL, TEST_DURABILITY, memoryLogger, tempDataDir } from '../support/test-core.ts'
import { rmSync } from 'node:fs'

const ROOT = resolve(import.meta.dirname, '../..')
const dataDir = tempDataDir()
let core: Core | null = null

afterAll(async () => {
  await core?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Runs the child script in a process of its own, as the server would run. */
const child = (mode: 'kill' | 'inspect') =>
  spawnSync(
    join(ROOT, 'node_modules/.bin/tsx'),
    [join(ROOT, 'test/support/provisioning-child.ts'), mode, dataDir],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    },
  )

describe('a provisioning job interrupted by a process restart', () => {
  // Two tsx child processes each open the store before this one does: on a loaded machine that
  // alone took 44 s (full suite, load average ~26 on 2 cores), so it gets the e2e timeout.
  it('resumes from the step it was in, and finishes', { timeout: 90_000 }, async () => {
    const killed = child('kill')
    // Killed by SIGKILL: the signal itself, or 128 + 9 when a wrapper process reports it.
    expect(killed.signal === 'SIGKILL' || killed.status === 137, killed.stderr).toBe(true)
    expect(JSON.parse(killed.stdout.trim())).toMatchObject({
      killedAt: { step: 'install_packages', packageId: 'web_forms' },
    })

    // What the killed process left, seen by another process that does not resume it.
    const inspected = child('inspect')
    expect(inspected.status, inspected.stderr).toBe(0)
    const left = JSON.parse(inspected.stdout.trim())
    expect(left.portal).toMatchObject({ displayName: 'Resumable-Configuring', status: 'Configuring' })
    expect(left.progress.job.state).toBe('running')
    expect(left.progress.job.steps.map((s: { status: string }) => s.status)).toEqual([
      'succeeded',
      'running',
      'pending',
      'pending',
    ])
    const status = (id: string) => left.progress.packages.find((p: { id: string }) => p.id === id).status
    expect(status('identity_workflows')).toBe('Installed')
    expect(status('web_forms')).toBe('Installing')
    expect(status('feedback')).toBe('Not Installed')
    expect(left.siteStatus).toBe(503)

    // The next start resumes it on its own.
    const { log, lines } = memoryLogger('info')
    core = await openCore({
      sitePages: createSitePages(),
      store: { kind: 'embedded', dataDir },
      publicUrl: PUBLIC_URL,
      log,
      durability: TEST_DURABILITY,
    })
    await core.portals.settled()
    const admin = (await core.principals.list()).find((p) => p.bootstrap)!
    const [portal] = await core.portals.list(admin)
    expect(portal).toMatchObject({
      displayName: 'Resumable',
      status: 'Provisioned',
      provisioning: { resumes: 1 },
    })
    const done = await core.portals.provisioning(admin, portal!.id)
    expect(done.job?.state).toBe('succeeded')
    expect(done.job?.steps.map((s) => [s.id, s.status, s.runs])).toEqual([
      ['allocate_url', 'succeeded', 1],
      ['install_packages', 'succeeded', 2],
      ['install_sample_data', 'succeeded', 1],
      ['bind_hub', 'skipped', 1],
    ])
    // Packages installed before the kill were not installed again; the one it was in was.
    const attempts = (id: string) => done.packages.find((p) => p.id === id)!.attempts
    expect(attempts('portal_base')).toBe(1)
    expect(attempts('web_forms')).toBe(2)
    expect(attempts('feedback')).toBe(1)
    expect(lines.some((l) => l.includes('resuming an interrupted provisioning job'))).toBe(true)
    const site = await core.sites.serve({ subdomain: 'resumable', path: '/', query: {}, session: undefined })
    expect(site.status).toBe(200)
  })
})
