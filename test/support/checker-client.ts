import type { CheckResult, CheckerActionRecord, CheckerRun } from '../../schemas/index.ts'
import { afterAll, beforeAll } from 'vitest'
import { type PortalTestCore, startPortalTestCore } from './portal-fixtures.ts'

/** Speaks the portal checker's admin API for one portal, as the bootstrap admin (or another token). */
export function checkerClient(t: PortalTestCore, portalId: string, token?: string) {
  const call = <T>(method: string, path: string, body?: unknown) =>
    token ? t.call<T>(token, method, path, body) : t.admin<T>(method, path, body)
  const base = `/v1/admin/portals/${portalId}/checker`
  return {
    base,
    /** Runs the checker; throws unless it answers 201. */
    async run(body?: unknown): Promise<CheckerRun> {
      const res = await call<CheckerRun>('POST', `${base}/runs`, body)
      if (res.status !== 201)
        throw new Error(`checker run answered ${res.status}: ${JSON.stringify(res.body)}`)
      return res.body
    },
    /** Runs the checker and returns one check's result. */
    async result(checkId: string, body?: unknown): Promise<CheckResult> {
      const run = await this.run(body)
      const found = run.results.find((r) => r.checkId === checkId)
      if (!found) throw new Error(`no result for ${checkId}`)
      return found
    },
    /** Runs an action; throws unless it answers 200. */
    async act(actionId: string, runId?: string): Promise<CheckerActionRecord> {
      const res = await call<CheckerActionRecord>(
        'POST',
        `${base}/actions/${actionId}`,
        runId ? { runId } : undefined,
      )
      if (res.status !== 200)
        throw new Error(`action ${actionId} answered ${res.status}: ${JSON.stringify(res.body)}`)
      return res.body
    },
    call,
  }
}

/** A portal test core with one provisioned portal and its checker, from {@link useCheckedPortal}. */
export interface CheckedPortal {
  t: PortalTestCore
  instanceId: string
  portal: { id: string; subdomain: string }
  checker: ReturnType<typeof checkerClient>
}

/**
 * Before a file's tests, starts a portal test core, creates an instance named
 * `name` (with `installedLanguages` when given) and provisions its portal at
 * `subdomain`, bound to a new hub "Insights" unless `hub` is false; after them,
 * closes and removes it. The fields are set once beforeAll has run.
 *
 * @example
 * const checked = useCheckedPortal({ name: 'Northwind', subdomain: 'northwind' })
 * it('runs', async () => expect((await checked.checker.run()).results.length).toBeGreaterThan(0))
 */
export function useCheckedPortal(options: {
  name: string
  subdomain: string
  installedLanguages?: string[]
  hub?: boolean
}): CheckedPortal {
  const fixture = {} as CheckedPortal
  beforeAll(async () => {
    const t = await startPortalTestCore()
    const instanceId = (
      await t.createInstance({
        name: options.name,
        ...(options.installedLanguages ? { installedLanguages: options.installedLanguages } : {}),
      })
    ).id
    const hub = options.hub === false ? undefined : await t.createHub('Insights')
    const portal = await t.provisionAndWait(instanceId, {
      subdomain: options.subdomain,
      ...(hub ? { hub: { hubId: hub.id, keyName: 'default', key: hub.keys[0]!.primaryKey } } : {}),
    })
    Object.assign(fixture, { t, instanceId, portal, checker: checkerClient(t, portal.id) })
  })
  afterAll(async () => {
    await fixture.t?.close()
    fixture.t?.remove()
  })
  return fixture
}
