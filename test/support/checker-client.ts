import type { CheckResult, CheckerActionRecord, CheckerRun } from '../../schemas/index.ts'
import { beforeAll } from 'vitest'
import { type PortalTestCore, type ProvisionedPortal, useProvisionedPortal } from './portal-fixtures.ts'

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
export interface CheckedPortal extends ProvisionedPortal {
  checker: ReturnType<typeof checkerClient>
}

/**
 * {@link useProvisionedPortal} with the portal's checker: an instance named
 * `name` (with `installedLanguages` when given) and its portal at `subdomain`,
 * bound to a new hub named `hub` ("Insights" unless told; none when false).
 *
 * @example
 * const checked = useCheckedPortal({ name: 'Northwind', subdomain: 'northwind' })
 * it('runs', async () => expect((await checked.checker.run()).results.length).toBeGreaterThan(0))
 */
export function useCheckedPortal(options: {
  name: string
  subdomain: string
  installedLanguages?: string[]
  hub?: string | false
}): CheckedPortal {
  const fixture = useProvisionedPortal({
    instance: options.name,
    installedLanguages: options.installedLanguages,
    hub: options.hub ?? 'Insights',
    portal: { subdomain: options.subdomain },
  }) as CheckedPortal
  beforeAll(() => {
    fixture.checker = checkerClient(fixture.t, fixture.portal.id)
  })
  return fixture
}
