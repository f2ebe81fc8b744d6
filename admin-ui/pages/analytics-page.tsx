/**
 * Portal Analytics -> Tracking Portal Interaction: bind the portal to the hub
 * it sends its visitors' interactions to (a hub picked by name fills the hub
 * URI, a key with the Send right and its secret; the preview agreement,
 * Configure, progress, Close); once bound, the hub by name and URI (Copy),
 * Update configuration (the key; the hub URI read-only), Delete integration,
 * the first beacon seen, and the beacon snippet for the portal's own site.
 * `?open=configure` (or `update`) opens the dialog: the checker's and the
 * first-run checklist's buttons land there.
 */
import { useEffect, useState } from 'preact/hooks'
import { listAll, seg } from '../api-client.ts'
import type { Portal } from '../api-types.ts'
import { useSession } from '../app-context.ts'
import { PageHead, portalCrumbs } from '../components/page-head.tsx'
import { TrackingForm } from './tracking-form.tsx'
import { beaconSnippet } from '../beacon-snippet.ts'
import { useConfirm } from '../components/confirm.tsx'
import { CopyableBlock, CopyableText, Secret } from '../components/secret.tsx'
import { ErrorState, Loading, Notice, describeError } from '../components/states.tsx'
import { useResource } from '../components/use-resource.ts'
import { useGuidedWords } from '../guided-words.ts'
import { formatDateTime, useLang, useT } from '../i18n.ts'
import { BASE } from '../router.ts'

type Binding = NonNullable<Portal['hub']>

/** When the portal's latest interaction arrived: the checklist's "first beacon seen", with Check again. */
export function BeaconsSeen(props: { portalId: string }) {
  const t = useT()
  const w = useGuidedWords()
  const lang = useLang()
  const { api } = useSession()
  const beacons = useResource(
    () => api.call('getPortalBeacons', { params: { portalId: props.portalId } }),
    [props.portalId],
  )
  const b = beacons.data
  return (
    <div class="card" id="beacons">
      <h2>{w.firstBeacon}</h2>
      <p role="status" data-beacons={b ? (b.lastReceivedAt ? 'seen' : 'none') : undefined}>
        {beacons.error && !b
          ? describeError(t, beacons.error)
          : !b
            ? t.loading
            : b.lastReceivedAt
              ? w.beaconsLast(formatDateTime(lang, b.lastReceivedAt), b.accepted24h)
              : w.beaconsNone}
      </p>
      <button type="button" class="button" disabled={beacons.loading} onClick={() => void beacons.reload()}>
        {w.stepBeaconAction}
      </button>
    </div>
  )
}

/** The beacon snippet for the portal's own site: the server part, its key, the page part, each with Copy. */
function SnippetCard(props: { portal: Portal; binding: Binding }) {
  const w = useGuidedWords()
  const { api } = useSession()
  const b = props.binding
  const snippet = beaconSnippet({
    hubUri: b.hubUri,
    portalId: props.portal.id,
    keyName: b.keyName,
    language: props.portal.language,
  })
  // The key's secret, for those who may read the hub's keys (others get it from whoever may).
  const key = useResource(
    async () =>
      (await api.call('getHub', { params: { hubId: b.hubId } })).keys.find((k) => k.keyName === b.keyName) ??
      null,
    [b.hubId, b.keyName],
  )
  return (
    <div class="card" id="snippet">
      <h2>{w.snippetTitle}</h2>
      <p class="lead">{w.snippetIntro}</p>
      <h3>{w.snippetServer}</h3>
      <p class="help">{w.snippetServerHelp}</p>
      <CopyableBlock value={snippet.server} label={w.snippetServer} id="snippet-server" />
      {key.data ? (
        <p>
          {w.snippetKey(<code>CASETRAIL_PORTAL_KEY</code>)}{' '}
          <Secret value={key.data.primaryKey} label={key.data.keyName} />
        </p>
      ) : null}
      <h3>{w.snippetPage}</h3>
      <p class="help">{w.snippetPageHelp(<code>casetrailSend</code>)}</p>
      <CopyableBlock value={snippet.page} label={w.snippetPage} id="snippet-page" />
    </div>
  )
}

/** The Tracking Portal Interaction page of one portal. */
export function Page(props: { params: Record<string, string>; search?: URLSearchParams }) {
  const t = useT()
  const w = useGuidedWords()
  const lang = useLang()
  const { api } = useSession()
  const confirm = useConfirm()
  const id = props.params.portalId!
  const portal = useResource(() => api.call('getPortal', { params: { portalId: id } }), [id])
  // The binding with its version, for If-Match on configure and update.
  const binding = useResource(async () => {
    const answer = await api.call('getHubBinding', { params: { portalId: id } })
    return { hub: answer.hub, etag: api.etagOf(answer) }
  }, [id])
  const hubs = useResource(() => listAll(api, 'listHubs', 'hubs').catch(() => []), [])
  // `?open=configure` or `?open=update` (the checklist's and checker's buttons): the dialog that fits the
  // binding once it is read, Configure while unbound, else Update; chosen once, so a save does not swap it.
  const asked = props.search?.get('open') === 'configure' || props.search?.get('open') === 'update'
  const [open, setOpen] = useState<'configure' | 'update' | 'asked' | null>(asked ? 'asked' : null)
  const loaded = binding.data !== undefined
  useEffect(() => {
    if (loaded && open === 'asked') setOpen(binding.data?.hub ? 'update' : 'configure')
  }, [loaded, open])
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const error = portal.error ?? binding.error
  if (error && (!portal.data || binding.data === undefined)) {
    return (
      <ErrorState
        error={error}
        onRetry={() => {
          void portal.reload()
          void binding.reload()
        }}
      />
    )
  }
  if (!portal.data || binding.data === undefined) return <Loading />
  const b = binding.data.hub
  const dialog = open === 'asked' ? null : open
  const hubName = b ? (hubs.data?.find((h) => h.id === b.hubId)?.name ?? null) : null
  return (
    <section aria-labelledby="page-title">
      <PageHead crumbs={portalCrumbs(t, id, portal.data.name, t.portalAnalytics)} title={t.trackingTitle} />
      <p class="lead">{t.trackingIntro}</p>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      <div class="card">
        {b ? (
          <>
            <dl class="facts">
              <dt>{w.hubOf}</dt>
              <dd>
                {hubName ? <a href={`${BASE}/hubs/${seg(b.hubId)}`}>{hubName}</a> : <code>{b.hubId}</code>}
              </dd>
              <dt>{t.hubUri}</dt>
              <dd>
                <CopyableText value={b.hubUri} label={t.hubUri} />
              </dd>
              <dt>{w.sendOnlyKey}</dt>
              <dd>
                <code>{b.keyName}</code> ({t.rightNames.send})
              </dd>
              <dt>{t.configuredAt}</dt>
              <dd>{formatDateTime(lang, b.configuredAt)}</dd>
            </dl>
            <div class="actions">
              <button type="button" class="button button-primary" onClick={() => setOpen('update')}>
                {t.updateConfiguration}
              </button>
              <button
                type="button"
                class="button button-danger"
                onClick={async () => {
                  const ok = await confirm({
                    title: t.deleteIntegration,
                    body: t.confirmDeleteIntegration,
                    confirmLabel: t.deleteIntegration,
                    danger: true,
                  })
                  if (!ok) return
                  try {
                    await api.call('removeHub', { params: { portalId: id } })
                    binding.set({ hub: null, etag: null })
                    void binding.reload()
                    setNotice({ kind: 'success', text: t.notConfigured })
                  } catch (err) {
                    setNotice({ kind: 'error', text: describeError(t, err) })
                  }
                }}
              >
                {t.deleteIntegration}
              </button>
            </div>
          </>
        ) : (
          <>
            <p class="muted">{t.notConfigured}</p>
            <button type="button" class="button button-primary" onClick={() => setOpen('configure')}>
              {t.configureTracking}
            </button>
          </>
        )}
      </div>
      {b ? (
        <>
          <BeaconsSeen portalId={id} />
          <SnippetCard portal={portal.data} binding={b} />
        </>
      ) : null}
      {dialog ? (
        <TrackingForm
          portalId={id}
          binding={dialog === 'update' ? b : null}
          etag={binding.data.etag}
          onDone={(next, etag) => {
            binding.set({ hub: next, etag })
            setNotice(null)
          }}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </section>
  )
}
