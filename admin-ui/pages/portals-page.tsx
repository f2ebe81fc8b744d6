/**
 * Applications -> Portal Add-On: every portal the user may see, with its name
 * as the admin centre words it ("Name-Configuring"), state, Type, audience,
 * URL and hub; a running job's steps update live without a reload.
 */
import { useState } from 'preact/hooks'
import { listAll, seg } from '../api-client.ts'
import { type Portal, type ProvisioningJob, canManagePortal, canProvisionSomewhere } from '../api-types.ts'
import { useSession } from '../app-context.ts'
import { DataTable, HiddenLabel } from '../components/data-table.tsx'
import { Loaded } from '../components/list-states.tsx'
import { JobProgress } from '../components/job-progress.tsx'
import { StateBadge } from '../components/state-badge.tsx'
import { Notice } from '../components/states.tsx'
import { usePolling } from '../components/use-polling.ts'
import { useResource } from '../components/use-resource.ts'
import { useT } from '../i18n.ts'
import { BASE } from '../router.ts'
import { FailedJobs } from './failed-jobs.tsx'
import { SetupChecklist } from './setup-checklist.tsx'
import { nameOf } from '../api-names.ts'

/** The custom domain a portal is served at (host name and link), when one is bound. */
export const customDomainOf = (portal: Portal): { hostName: string; url: string } | null =>
  portal.customDomain ?? null

/** The Applications page. */
export function Page() {
  const t = useT()
  const { api, me } = useSession()
  const portals = useResource(() => listAll(api, 'listPortals', 'portals'), [])
  // Hubs by name in the Hub column (an admin who may not list hubs sees the id's start).
  const hubs = useResource(() => listAll(api, 'listHubs', 'hubs').catch(() => []), [])
  const hubNames = new Map((hubs.data ?? []).map((h) => [h.id, h.name]))
  const [jobs, setJobs] = useState<Record<string, ProvisioningJob>>({})
  const configuring = (portals.data ?? []).filter((p) => p.status === 'Configuring')
  // The failed list is read again when a portal fails or recovers (the portals are polled while one runs).
  const failedPortals = (portals.data ?? []).filter((p) => p.status === 'Provisioning Failed')
  const failedVersion = failedPortals.map((p) => p.id).join(',')
  const failedCount = failedPortals.length

  const refresh = async () => {
    const list = await listAll(api, 'listPortals', 'portals')
    portals.set(list)
    const running = new Set(list.filter((p) => p.status === 'Configuring').map((p) => p.id))
    if (running.size === 0) return setJobs({})
    // Every running job in one request (listProvisioningJobs), not one getProvisioning per portal.
    const active = await listAll(api, 'listProvisioningJobs', 'jobs', { query: { state: 'running' } }).catch(
      () => [],
    )
    setJobs(Object.fromEntries(active.filter((j) => running.has(j.portalId)).map((j) => [j.portalId, j])))
  }
  usePolling(configuring.length > 0, refresh, 700)

  return (
    <section aria-labelledby="page-title">
      <div class="page-head">
        <div>
          <p class="crumb">{t.applicationsTitle}</p>
          <h1 id="page-title">{t.portalAddOn}</h1>
        </div>
        {canProvisionSomewhere(me) ? (
          <a class="button button-primary" href={`${BASE}/portals/new`}>
            {t.provisionPortal}
          </a>
        ) : null}
      </div>
      {failedCount > 0 ? (
        <Notice kind="info">
          {t.failedPortalsNotice(failedCount)} <a href="#failed-provisioning">{t.seeFailed}</a>
        </Notice>
      ) : null}
      {portals.data && canProvisionSomewhere(me) ? <SetupChecklist portals={portals.data} /> : null}
      <Loaded resource={portals} empty={t.portalsEmpty}>
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(p) => p.id}
            rowAttributes={(p) => ({ 'data-portal': p.id })}
            columns={[
              {
                key: 'name',
                label: t.colName,
                value: (p) => (
                  <>
                    <span class="portal-name">{p.name}</span>
                    <span class="sub">{nameOf(t, 'portalTypes', p.portalType, p.portalTypeName)}</span>
                    {p.status === 'Configuring' && jobs[p.id] ? (
                      <JobProgress job={jobs[p.id]!} compact />
                    ) : null}
                  </>
                ),
              },
              { key: 'state', label: t.colState, value: (p) => <StateBadge status={p.status} /> },
              {
                key: 'type',
                label: t.colType,
                value: (p) => (p.type ? (t.licenceTypes[p.type.toLowerCase()] ?? p.type) : '—'),
              },
              { key: 'audience', label: t.colAudience, value: (p) => t.audiences[p.audience] ?? p.audience },
              {
                key: 'url',
                label: t.colUrl,
                value: (p) => {
                  const domain = customDomainOf(p)
                  return (
                    <>
                      <a href={p.url} target="_blank" rel="noopener noreferrer">
                        {p.url.replace(/^https?:\/\//, '')}
                      </a>
                      {domain ? (
                        <span class="sub">
                          {t.labelled(t.customDomain)}{' '}
                          <a href={domain.url} target="_blank" rel="noopener noreferrer">
                            {domain.hostName}
                          </a>
                        </span>
                      ) : null}
                    </>
                  )
                },
              },
              {
                key: 'hub',
                label: t.colHub,
                value: (p) =>
                  p.hub ? (
                    <a href={`${BASE}/hubs/${seg(p.hub.hubId)}`} title={p.hub.hubUri}>
                      {hubNames.get(p.hub.hubId) ?? p.hub.hubId.slice(0, 8)}
                    </a>
                  ) : (
                    <a href={`${BASE}/portals/${seg(p.id)}/analytics?open=configure`}>{t.noHub}</a>
                  ),
              },
              {
                key: 'actions',
                label: <HiddenLabel>{t.colActions}</HiddenLabel>,
                value: (p) =>
                  canManagePortal(me, p.instanceId) ? (
                    <a
                      class="button button-small"
                      href={`${BASE}/portals/${seg(p.id)}`}
                      aria-label={`${t.manage} ${p.name}`}
                    >
                      {t.manage}
                    </a>
                  ) : null,
              },
            ]}
          />
        )}
      </Loaded>
      {portals.data && portals.data.length > 0 ? (
        <FailedJobs portals={portals.data} version={failedVersion} />
      ) : null}
    </section>
  )
}
