import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { DomainError, createRecordRepository } from '../../core/index.ts'
import { checkerClient } from '../support/checker-client.ts'
import { expectFailThenPass } from '../support/checker-defects.ts'
import { type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'

/**
 * The Provisioning checks on real provisioning jobs: a fault hook makes the
 * Forums package fail once, and the checker's actions retry the packages
 * and restart provisioning.
 */

let t: PortalTestCore
let failForums = true
let instanceId: string

beforeAll(async () => {
  t = await startPortalTestCore({
    portals: {
      faults: {
        beforeStep: (at) => {
          if (failForums && at.packageId === 'forums')
            throw new DomainError(
              'conflict',
              'package_install_failed',
              'the disk holding the site records is full',
            )
        },
      },
    },
  })
  instanceId = (await t.createInstance({ name: 'Litware' })).id
})
afterAll(async () => {
  await t.close()
  t.remove()
})

describe('Provisioning checks', () => {
  it('provisioning-packages and provisioning-status: a package Install Failed, retried in order, then provisioning restarted', async () => {
    const portal = await t.provisionAndWait(instanceId, { subdomain: 'litware' })
    const checker = checkerClient(t, portal.id)
    const run = await checker.run()
    expect(run.results.find((r) => r.checkId === 'provisioning-status')).toMatchObject({
      result: 'error',
      details: expect.stringContaining('package_install_failed'),
      action: { id: 'restart-provisioning' },
    })
    failForums = false
    const failing = await expectFailThenPass(checker, 'provisioning-packages', {
      action: 'retry-failed-packages',
    })
    expect(failing.details).toContain('Forums is Install Failed (package_install_failed')
    await expectFailThenPass(checker, 'provisioning-status', { action: 'restart-provisioning' })
    const got = await t.admin<{ status: string }>('GET', `/v1/admin/portals/${portal.id}`)
    expect(got.body.status).toBe('Provisioned')
    expect((await t.site(portal.subdomain)).status).toBe(200)
  })

  it('provisioning-prerequisites: a prerequisite no longer installed, installed again by the action', async () => {
    failForums = false
    const portal = await t.provisionAndWait(instanceId, { subdomain: 'litware-two' })
    const checker = checkerClient(t, portal.id)
    const packages = createRecordRepository(
      t.core.controlPlane,
      'cp_portal_packages',
      z.record(z.string(), z.unknown()),
    )
    const identity = (await packages.get(`${portal.id}/identity`))!
    await packages.put(`${portal.id}/identity`, { ...identity, status: 'Install Failed', installedAt: null })
    const failing = await expectFailThenPass(checker, 'provisioning-prerequisites', {
      action: 'retry-failed-packages',
    })
    expect(failing.details).toContain('Identity Workflows needs Microsoft Identity, not installed')
  })
})
