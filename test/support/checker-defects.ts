import { expect } from 'vitest'
import type { CheckResult, CheckerRun } from '../../schemas/index.ts'
import type { checkerClient } from './checker-client.ts'
import type { PortalTestCore } from './portal-fixtures.ts'

type Checker = ReturnType<typeof checkerClient>

/**
 * Runs the checker on a seeded defect and expects `checkId` to report it
 * (`error` by default); then fixes it, by the action the result names (run
 * twice: the second run must change nothing) or by `fix`, and expects a
 * rerun to pass. Returns the failing result.
 */
export async function expectFailThenPass(
  checker: Checker,
  checkId: string,
  options: { result?: 'error' | 'warning'; action?: string; fix?: () => Promise<void>; body?: unknown },
): Promise<CheckResult> {
  const run: CheckerRun = await checker.run(options.body)
  const failing = run.results.find((r) => r.checkId === checkId)!
  expect(failing, `${checkId} in the run`).toBeDefined()
  expect({ result: failing.result, details: failing.details }).toMatchObject({
    result: options.result ?? 'error',
  })
  if (options.action) {
    expect(failing.action?.id).toBe(options.action)
    const first = await checker.act(options.action, run.id)
    expect(first.changed, first.details).toBe(true)
    const again = await checker.act(options.action, run.id)
    expect(again.changed, again.details).toBe(false)
  }
  await options.fix?.()
  const after = await checker.result(checkId)
  expect({ checkId, result: after.result, details: after.details }).toMatchObject({ result: 'pass' })
  return failing
}

/** The portal's site records of one kind, as the admin API lists them. */
export async function records<T = Record<string, unknown>>(
  t: PortalTestCore,
  portalId: string,
  kind: string,
) {
  const res = await t.admin<{ records: T[] }>(
    'GET',
    `/v1/admin/portals/${portalId}/site/records?kind=${kind}`,
  )
  return res.body.records
}

/** Reads one site record, changes it, and writes it back through the admin API. */
export async function editRecord(
  t: PortalTestCore,
  portalId: string,
  kind: string,
  id: string,
  change: (r: Record<string, unknown>) => Record<string, unknown>,
) {
  const found = (await records(t, portalId, kind)).find((r) => r.id === id)
  if (!found) throw new Error(`no ${kind} ${id}`)
  const res = await t.admin('PUT', `/v1/admin/portals/${portalId}/site/records/${kind}/${id}`, change(found))
  if (res.status !== 200)
    throw new Error(`PUT ${kind}/${id} answered ${res.status}: ${JSON.stringify(res.body)}`)
}

/** Sets a site setting through the admin API. */
export async function setSetting(t: PortalTestCore, portalId: string, name: string, value: string) {
  const id = name.toLowerCase().replaceAll('/', '-')
  const res = await t.admin('PUT', `/v1/admin/portals/${portalId}/site/records/site_setting/${id}`, {
    name,
    value,
  })
  if (res.status !== 200)
    throw new Error(`setting ${name} answered ${res.status}: ${JSON.stringify(res.body)}`)
}
