/**
 * The failed provisioning attempts across the portals the user may manage
 * (`listProvisioningJobs?state=failed`, newest first, a page at a time): the
 * portal, the step that failed with the error's code and message, when, the
 * portal's state now, and a link to its provisioning (Restart, Change Values).
 */
import { nameOf } from '../api-names.ts'
import { seg } from '../api-client.ts'
import type { Portal } from '../api-types.ts'
import { useSession } from '../app-context.ts'
import { PagedRows } from '../components/list-states.tsx'
import { StoredFailure } from '../components/states.tsx'
import { StateBadge } from '../components/state-badge.tsx'
import { usePagedList } from '../components/use-paged-list.ts'
import { formatDateTime, useLang, useT } from '../i18n.ts'
import { BASE } from '../router.ts'

/** Failed attempts shown a page at a time. */
export const FAILED_PAGE = 20

type FailedJob = Awaited<ReturnType<typeof fetchPage>>['jobs'][number]
const fetchPage = (api: ReturnType<typeof useSession>['api'], cursor?: string) =>
  api.call('listProvisioningJobs', {
    query: { state: 'failed', limit: FAILED_PAGE, ...(cursor ? { cursor } : {}) },
  })

/** The Failed provisioning card; read again when `version` changes (a portal failed or recovered). */
export function FailedJobs(props: { portals: Portal[]; version: string }) {
  const t = useT()
  const lang = useLang()
  const { api } = useSession()
  const list = usePagedList<FailedJob>(
    async (cursor) => {
      const answer = await fetchPage(api, cursor)
      return { items: answer.jobs, nextCursor: answer.nextCursor }
    },
    [props.version],
  )
  const statusOf = new Map(props.portals.map((p) => [p.id, p.status]))

  return (
    <section class="card" id="failed-provisioning" aria-labelledby="failed-jobs-title">
      <h2 id="failed-jobs-title">{t.failedJobsTitle}</h2>
      <p class="lead">{t.failedJobsIntro}</p>
      <PagedRows list={list} empty={t.failedJobsEmpty}>
        {(rows) => (
          <ul class="failed-jobs">
            {rows.map((job) => {
              const now = statusOf.get(job.portalId)
              const step = job.steps.find((s) => s.id === job.error?.step)
              const stillFailed = now === 'Provisioning Failed'
              return (
                <li key={job.key} data-job={job.key} data-portal={job.portalId}>
                  <div class="failed-head">
                    <span class="portal-name">{job.portalName}</span>
                    {now ? (
                      <span class="failed-now">
                        <span class="sr-only">{t.labelled(t.stateNow)} </span>
                        <StateBadge status={now} />
                      </span>
                    ) : null}
                  </div>
                  <p class="sub">
                    {t.attempt(job.attempt)} · {t.labelled(t.failedStep)}{' '}
                    <strong>
                      {step ? nameOf(t, 'steps', step.id, step.name) : (job.error?.step ?? '—')}
                    </strong>{' '}
                    ·{' '}
                    <time dateTime={job.finishedAt ?? job.updatedAt}>
                      {formatDateTime(lang, job.finishedAt ?? job.updatedAt)}
                    </time>
                  </p>
                  {job.error ? <StoredFailure error={job.error} class="failed-error" /> : null}
                  <a
                    class={`button button-small${stillFailed ? ' button-primary' : ''}`}
                    href={`${BASE}/portals/${seg(job.portalId)}#provisioning`}
                    aria-label={`${stillFailed ? t.openProvisioning : t.viewProvisioning}: ${job.portalName}`}
                  >
                    {stillFailed ? t.openProvisioning : t.viewProvisioning}
                  </a>
                </li>
              )
            })}
          </ul>
        )}
      </PagedRows>
    </section>
  )
}
