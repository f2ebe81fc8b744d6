import { describe, expect, it } from 'vitest'
import { checkerSentence } from '../../admin-ui/testing.ts'
import type { CheckerRun, CheckerRunSummary } from '../../schemas/index.ts'
import { checkerClient, useCheckedPortal } from '../support/checker-client.ts'

const checked = useCheckedPortal({ name: 'Northwind', subdomain: 'northwind' })

const RANK = { error: 0, warning: 1, pass: 2, not_applicable: 3, not_run: 4 } as const

describe('running the portal checker', () => {
  it('runs at least 24 checks on a healthy portal and finds nothing wrong but the silence of a new hub', async () => {
    const run = await checked.checker.run()
    expect(run.results.length).toBeGreaterThanOrEqual(24)
    expect(run.startedBy).toBe(checked.t.bootstrap.id)
    expect(Date.parse(run.finishedAt)).toBeGreaterThanOrEqual(Date.parse(run.startedAt))
    const notPass = run.results.filter((r) => r.result !== 'pass')
    // A brand-new portal has sent nothing yet: that one warning is right. Without a custom
    // domain, the domain checks have nothing to look at: not applicable, not a pass.
    expect(notPass.map((r) => `${r.checkId}: ${r.result} ${r.details}${r.reason ?? ''}`).sort()).toEqual([
      'domain-certificate-expiry: not_applicable the portal has no custom domain name',
      'domain-certificate-host: not_applicable the portal has no custom domain name',
      'domain-cname: not_applicable the portal has no custom domain name',
      'ingestion-recent-interactions: warning the site is up but no interaction from it was ever received',
    ])
    expect(run.counts).toMatchObject({ not_applicable: 3 })
    expect(new Set(run.results.map((r) => r.category))).toEqual(
      new Set([
        'Startup',
        'Configuration',
        'Performance',
        'Provisioning',
        'Ingestion',
        'Domain and certificate',
        'Translations',
      ]),
    )
  })

  it('sorts results error, warning, pass by default, and by any column on request', async () => {
    await checked.t.admin(
      'PUT',
      `/v1/admin/portals/${checked.portal.id}/site/records/site_setting/header-outputcache-enabled`,
      {
        name: 'Header/OutputCache/Enabled',
        value: 'false',
      },
    )
    await checked.t.admin('DELETE', `/v1/admin/portals/${checked.portal.id}/site/records/site_marker/search`)
    const run = await checked.checker.run()
    const ranks = run.results.map((r) => RANK[r.result])
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    expect(run.results[0]).toMatchObject({ checkId: 'configuration-marker-search', result: 'error' })
    for (const [sort, field] of [
      ['issue', 'issue'],
      ['category', 'category'],
      ['checkId', 'checkId'],
    ] as const) {
      const asc = await checked.checker.call<CheckerRun>(
        'GET',
        `${checked.checker.base}/runs/${run.id}?sort=${sort}`,
      )
      const values = asc.body.results.map((r) => r[field].toLowerCase())
      expect(values).toEqual([...values].sort((a, b) => a.localeCompare(b)))
      const desc = await checked.checker.call<CheckerRun>(
        'GET',
        `${checked.checker.base}/runs/${run.id}?sort=${sort}&order=desc`,
      )
      expect(desc.body.results.map((r) => r.checkId)).toEqual(
        asc.body.results.map((r) => r.checkId).reverse(),
      )
    }
    const byResultDesc = await checked.checker.call<CheckerRun>(
      'GET',
      `${checked.checker.base}/runs/${run.id}?order=desc`,
    )
    expect(byResultDesc.body.results.at(-1)!.result).toBe('error')
    const bad = await checked.checker.call('GET', `${checked.checker.base}/runs/${run.id}?sort=colour`)
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ error: { field: 'sort' } })
    await checked.checker.act('restore-marker-search')
    await checked.checker.act('turn-on-output-cache')
  })

  it('keeps earlier runs readable and apart: a rerun never changes the run before it', async () => {
    await checked.t.admin('DELETE', `/v1/admin/portals/${checked.portal.id}/site/records/site_marker/profile`)
    const first = await checked.checker.run()
    await checked.checker.act('restore-marker-profile', first.id)
    const second = await checked.checker.run()
    expect(second.id).not.toBe(first.id)
    const again = await checked.checker.call<CheckerRun>('GET', `${checked.checker.base}/runs/${first.id}`)
    expect(again.body.results.find((r) => r.checkId === 'configuration-marker-profile')!.result).toBe('error')
    expect(second.results.find((r) => r.checkId === 'configuration-marker-profile')!.result).toBe('pass')
    const list = await checked.checker.call<{ runs: CheckerRunSummary[] }>(
      'GET',
      `${checked.checker.base}/runs`,
    )
    const ids = list.body.runs.map((r) => r.id)
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id))
    expect(list.body.runs[0]).not.toHaveProperty('results')
  })

  it('stores feedback on a result, in its run only', async () => {
    const first = await checked.checker.run()
    const second = await checked.checker.run()
    const put = await checked.checker.call(
      'PUT',
      `${checked.checker.base}/runs/${first.id}/results/startup-instance/feedback`,
      {
        useful: false,
        comment: 'Said nothing I did not know',
      },
    )
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({
      checkId: 'startup-instance',
      feedback: { useful: false, comment: 'Said nothing I did not know', by: checked.t.bootstrap.id },
    })
    const read = await checked.checker.call<CheckerRun>('GET', `${checked.checker.base}/runs/${first.id}`)
    expect(read.body.results.find((r) => r.checkId === 'startup-instance')!.feedback).toMatchObject({
      useful: false,
    })
    const other = await checked.checker.call<CheckerRun>('GET', `${checked.checker.base}/runs/${second.id}`)
    expect(other.body.results.find((r) => r.checkId === 'startup-instance')!.feedback).toBeNull()
    const yes = await checked.checker.call(
      'PUT',
      `${checked.checker.base}/runs/${first.id}/results/startup-instance/feedback`,
      { useful: true },
    )
    expect(yes.body).toMatchObject({ feedback: { useful: true, comment: null } })
    const unknown = await checked.checker.call(
      'PUT',
      `${checked.checker.base}/runs/${first.id}/results/no-such-check/feedback`,
      { useful: true },
    )
    expect(unknown.status).toBe(404)
    const bad = await checked.checker.call(
      'PUT',
      `${checked.checker.base}/runs/${first.id}/results/startup-instance/feedback`,
      { useful: 'yes' },
    )
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ error: { field: 'useful' } })
  })

  it('records who ran an action and when; running it again changes nothing and says so', async () => {
    await checked.t.admin(
      'PUT',
      `/v1/admin/portals/${checked.portal.id}/site/records/site_setting/authentication-logintrackingenabled`,
      {
        name: 'Authentication/LoginTrackingEnabled',
        value: 'true',
      },
    )
    const run = await checked.checker.run()
    const result = run.results.find((r) => r.checkId === 'performance-login-tracking')!
    expect(result).toMatchObject({ result: 'warning', action: { id: 'turn-off-login-tracking' } })
    const first = await checked.checker.act(result.action!.id, run.id)
    expect(first).toMatchObject({
      changed: true,
      by: checked.t.bootstrap.id,
      runId: run.id,
      checkId: 'performance-login-tracking',
    })
    const second = await checked.checker.act(result.action!.id)
    expect(second).toMatchObject({ changed: false, details: 'login tracking was already off' })
    expect(checkerSentence('de', second.sentence, second.details)).toBe('die Anmeldeverfolgung war schon aus')
    const history = await checked.checker.call<{ actions: Array<{ id: string }> }>(
      'GET',
      `${checked.checker.base}/actions`,
    )
    expect(history.body.actions.slice(0, 2).map((a) => a.id)).toEqual([second.id, first.id])
    expect((await checked.checker.result('performance-login-tracking')).result).toBe('pass')
    const unknown = await checked.checker.call('POST', `${checked.checker.base}/actions/fix-everything`)
    expect(unknown.status).toBe(404)
    const wrongRun = await checked.checker.call(
      'POST',
      `${checked.checker.base}/actions/turn-off-login-tracking`,
      {
        runId: 'nope',
      },
    )
    expect(wrongRun.status).toBe(404)
  })

  it('lists the checks with their category, what they read and their actions', async () => {
    const res = await checked.checker.call<{
      checks: Array<{ id: string; reads: string[]; actions: unknown[] }>
    }>('GET', `${checked.checker.base}/checks`)
    expect(res.status).toBe(200)
    expect(res.body.checks.length).toBeGreaterThanOrEqual(24)
    expect(res.body.checks.every((c) => c.reads.length > 0)).toBe(true)
  })
})

describe('skip rules', () => {
  it('does not run the checks that must reach the site while the portal is off, and says why', async () => {
    await checked.t.admin('PATCH', `/v1/admin/portals/${checked.portal.id}`, { portalState: 'off' })
    const run = await checked.checker.run()
    const skipped = run.results.filter((r) => r.result === 'not_run')
    expect(skipped.map((r) => r.checkId).sort()).toEqual(
      [
        'configuration-css-web-file',
        'ingestion-recent-interactions',
        'performance-home-page',
        'startup-site-responds',
      ].sort(),
    )
    expect(skipped.every((r) => r.reason === 'Portal is turned off')).toBe(true)
    expect(run.notes[0]).toBe(
      'If portal is turned off or IP address filtering is enabled, certain diagnostic checks will not be run on your portal.',
    )
    // Checks that read records still run.
    expect(run.results.find((r) => r.checkId === 'startup-instance')!.result).toBe('pass')
    await checked.t.admin('PATCH', `/v1/admin/portals/${checked.portal.id}`, { portalState: 'on' })
  })

  it('does not run them while IP address filtering is on', async () => {
    await checked.t.admin('PATCH', `/v1/admin/portals/${checked.portal.id}`, {
      ipRestrictions: { enabled: true, allow: ['203.0.113.0/24'] },
    })
    const run = await checked.checker.run()
    const skipped = run.results.filter((r) => r.result === 'not_run')
    expect(skipped).toHaveLength(4)
    expect(skipped.every((r) => r.reason === 'IP address filtering is enabled')).toBe(true)
    await checked.t.admin('PATCH', `/v1/admin/portals/${checked.portal.id}`, {
      ipRestrictions: { enabled: false, allow: [] },
    })
    const after = await checked.checker.run()
    expect(after.results.filter((r) => r.result === 'not_run')).toHaveLength(0)
  })
})

describe('permissions', () => {
  it('denies the checker to a user who may not manage the portal, with the seed’s message', async () => {
    const customizer = await checked.t.createUser('Casey Customizer', [
      { role: 'system_customizer', instanceId: checked.instanceId },
    ])
    const other = await checked.t.createInstance({ name: 'Elsewhere' })
    const foreignAdmin = await checked.t.createUser('Alex Elsewhere', [
      { role: 'system_administrator', instanceId: other.id },
    ])
    const run = await checked.checker.run()
    for (const token of [customizer.token, foreignAdmin.token]) {
      const as = checkerClient(checked.t, checked.portal.id, token)
      const attempts = [
        await as.call('POST', `${as.base}/runs`),
        await as.call('GET', `${as.base}/runs`),
        await as.call('GET', `${as.base}/runs/${run.id}`),
        await as.call('GET', `${as.base}/checks`),
        await as.call('GET', `${as.base}/actions`),
        await as.call('POST', `${as.base}/actions/turn-off-login-tracking`),
        await as.call('PUT', `${as.base}/runs/${run.id}/results/startup-instance/feedback`, { useful: true }),
      ]
      for (const a of attempts) {
        expect(a.status).toBe(403)
        expect(a.body).toMatchObject({ error: { code: 'portal_manage_forbidden' } })
      }
    }
    const sysAdmin = await checked.t.createUser('Sam Sysadmin', [
      { role: 'system_administrator', instanceId: checked.instanceId },
    ])
    expect(
      (
        await checkerClient(checked.t, checked.portal.id, sysAdmin.token).call(
          'POST',
          `${checked.checker.base}/runs`,
        )
      ).status,
    ).toBe(201)
    const anonymous = await checked.t.app.request(`${checked.checker.base}/runs`, { method: 'POST' })
    expect(anonymous.status).toBe(401)
  })
})
