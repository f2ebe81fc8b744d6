/**
 * Manage a portal: General Settings (rename, portal on/off, IP address
 * restrictions), provisioning step by step with Restart Provisioning and
 * Change Values and Restart Provisioning, packages with Retry, and the
 * Portal Actions, and the portal's History (its audit entries).
 */
import { useEffect, useState } from 'preact/hooks'
import { canReadAudit } from '../api-types.ts'
import { useSession } from '../app-context.ts'
import { DataTable, HiddenLabel } from '../components/data-table.tsx'
import { RowButton } from '../components/form-fields.tsx'
import { PageHead } from '../components/page-head.tsx'
import { useConfirm } from '../components/confirm.tsx'
import { HistoryPanel } from '../components/history-panel.tsx'
import { JobProgress } from '../components/job-progress.tsx'
import { StateBadge } from '../components/state-badge.tsx'
import { ErrorState, Loading, Notice, StoredFailure, describeError } from '../components/states.tsx'
import { usePolling } from '../components/use-polling.ts'
import { useResource } from '../components/use-resource.ts'
import { formatDateTime, formatList, useLang, useT } from '../i18n.ts'
import { BASE } from '../router.ts'
import { ChangeValuesForm } from './change-values-form.tsx'
import { GeneralSettings } from './general-settings.tsx'
import { customDomainOf } from './portals-page.tsx'
import { PortalActions } from './portal-actions.tsx'
import { languageName, nameOf } from '../api-names.ts'

/** The Manage page of one portal. */
export function Page(props: { params: Record<string, string> }) {
  const t = useT()
  const lang = useLang()
  const { api, me } = useSession()
  const confirm = useConfirm()
  const id = props.params.portalId!
  const params = { portalId: id }
  const portal = useResource(async () => {
    const data = await api.call('getPortal', { params })
    return { data, etag: api.etagOf(data) }
  }, [id])
  const state = useResource(() => api.call('getProvisioning', { params }), [id])
  const [changing, setChanging] = useState(false)
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const busy =
    portal.data?.data.status === 'Configuring' ||
    (state.data?.packages ?? []).some((p) => p.status === 'Installing')
  usePolling(
    busy,
    async () => {
      await Promise.all([portal.reload(), state.reload()])
    },
    700,
  )

  // Scroll once both reads are drawn: before the provisioning read lands, the page below the
  // card can be too short to scroll it to the top (seen as a flaky e2e run).
  const loaded = portal.data !== undefined && state.data !== undefined
  useEffect(() => {
    // A link to #provisioning (the failed list on Applications) lands on the Restart buttons.
    if (!loaded || location.hash !== '#provisioning') return
    const frame = requestAnimationFrame(() =>
      document.getElementById('provisioning')?.scrollIntoView({ block: 'start' }),
    )
    return () => cancelAnimationFrame(frame)
  }, [loaded])

  if (portal.error && !portal.data) return <ErrorState error={portal.error} onRetry={portal.reload} />
  if (!portal.data) return <Loading />
  const p = portal.data.data
  const failed = p.status === 'Provisioning Failed'
  const domain = customDomainOf(p)

  const act = async (run: () => Promise<unknown>, done: string) => {
    setNotice(null)
    try {
      await run()
      setNotice({ kind: 'success', text: done })
    } catch (error) {
      setNotice({ kind: 'error', text: describeError(t, error) })
    }
    await Promise.all([portal.reload(), state.reload()])
  }

  return (
    <section aria-labelledby="page-title">
      <PageHead
        crumbs={[{ label: t.applicationsTitle, href: `${BASE}/portals` }, { label: t.managePortal }]}
        title={p.name}
      >
        <StateBadge status={p.status} />
      </PageHead>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      <div class="cards">
        <div class="card">
          <h2>{t.portalDetails}</h2>
          <dl class="facts">
            <dt>{t.colUrl}</dt>
            <dd>
              <a href={p.url} target="_blank" rel="noopener noreferrer">
                {p.url}
              </a>
            </dd>
            {domain ? (
              <>
                <dt>{t.customDomain}</dt>
                <dd>
                  <a href={domain.url} target="_blank" rel="noopener noreferrer">
                    {domain.hostName}
                  </a>
                </dd>
              </>
            ) : null}
            <dt>{t.type}</dt>
            <dd>{p.type ? (t.licenceTypes[p.type.toLowerCase()] ?? p.type) : '—'}</dd>
            <dt>{t.colAudience}</dt>
            <dd>
              {t.audiences[p.audience] ?? p.audience} ·{' '}
              {nameOf(t, 'portalTypes', p.portalType, p.portalTypeName)}
            </dd>
            <dt>{t.portalLanguage}</dt>
            <dd>{languageName(lang, p.language, p.languageName)}</dd>
            <dt>{t.colHub}</dt>
            <dd>{p.hub ? <code>{p.hub.hubUri}</code> : t.noHub}</dd>
            <dt>{t.created}</dt>
            <dd>{formatDateTime(lang, p.createdAt)}</dd>
          </dl>
        </div>
        <GeneralSettings
          portal={p}
          etag={portal.data.etag}
          onSaved={(data, etag) => portal.set({ data, etag })}
        />
      </div>

      <div class="card" id="provisioning">
        <h2>{t.provisioningProgress}</h2>
        {state.error && !state.data ? (
          <ErrorState error={state.error} onRetry={state.reload} />
        ) : !state.data ? (
          <Loading />
        ) : state.data.job ? (
          <>
            <p class="muted">{t.attempt(state.data.job.attempt)}</p>
            <JobProgress job={state.data.job} />
          </>
        ) : (
          <p class="muted">{t.noJob}</p>
        )}
        {failed ? (
          <div class="actions">
            <button
              type="button"
              class="button button-primary"
              onClick={async () => {
                const ok = await confirm({
                  title: t.restartProvisioning,
                  body: t.confirmRestart,
                  confirmLabel: t.restartProvisioning,
                })
                if (ok) await act(() => api.call('restartProvisioning', { params }), t.restartProvisioning)
              }}
            >
              {t.restartProvisioning}
            </button>
            <button
              type="button"
              class="button"
              aria-expanded={changing}
              onClick={() => setChanging(!changing)}
            >
              {t.changeValuesAndRestart}
            </button>
          </div>
        ) : null}
        {failed ? (
          <p class="help">
            {t.restartProvisioningHelp} {t.changeValuesHelp}
          </p>
        ) : null}
        {failed && changing ? (
          <ChangeValuesForm
            portal={p}
            onDone={async () => {
              setChanging(false)
              setNotice({ kind: 'success', text: t.changeValuesAndRestart })
              await Promise.all([portal.reload(), state.reload()])
            }}
          />
        ) : null}
      </div>

      <div class="card">
        <h2>{t.packages}</h2>
        {!state.data ? (
          state.error ? null : (
            <Loading />
          )
        ) : state.data.packages.length === 0 ? (
          <p class="muted">{t.packagesEmpty}</p>
        ) : (
          <DataTable
            rows={state.data.packages}
            rowKey={(pkg) => pkg.id}
            rowAttributes={(pkg) => ({ 'data-package': pkg.id })}
            columns={[
              {
                key: 'name',
                label: t.packageName,
                value: (pkg) => (
                  <>
                    {nameOf(t, 'packages', pkg.id, pkg.name)}
                    {pkg.prerequisites.length > 0 ? (
                      <span class="sub">
                        {t.labelled(t.prerequisites)}{' '}
                        {formatList(
                          lang,
                          pkg.prerequisites.map((name) => {
                            // Prerequisites come by name: the package of that name gives the id.
                            const of = state.data!.packages.find((other) => other.name === name)
                            return of ? nameOf(t, 'packages', of.id, name) : name
                          }),
                        )}
                      </span>
                    ) : null}
                    {pkg.error ? <StoredFailure error={pkg.error} class="sub step-error" /> : null}
                  </>
                ),
              },
              {
                key: 'status',
                label: t.packageStatus,
                value: (pkg) => (
                  <span
                    class={`badge ${pkg.status === 'Installed' ? 'badge-ok' : pkg.status === 'Install Failed' ? 'badge-bad' : pkg.status === 'Installing' ? 'badge-busy' : 'badge-off'}`}
                  >
                    {nameOf(t, 'packageStatus', pkg.status, pkg.status)}
                  </span>
                ),
              },
              { key: 'attempts', label: t.packageAttempts, value: (pkg) => pkg.attempts, num: true },
              {
                key: 'actions',
                label: <HiddenLabel>{t.colActions}</HiddenLabel>,
                value: (pkg) =>
                  pkg.status === 'Install Failed' ? (
                    <RowButton
                      label={`${t.retry_} ${pkg.name}`}
                      disabled={p.status === 'Configuring'}
                      onClick={() =>
                        act(
                          () => api.call('retryPackage', { params: { ...params, packageId: pkg.id } }),
                          t.retryStarted(pkg.name),
                        )
                      }
                    >
                      {t.retry_}
                    </RowButton>
                  ) : null,
              },
            ]}
          />
        )}
      </div>
      <PortalActions portal={p} />
      {canReadAudit(me) ? (
        <HistoryPanel targetType="portal" targetId={p.id} version={portal.data.etag ?? p.updatedAt} />
      ) : null}
    </section>
  )
}
