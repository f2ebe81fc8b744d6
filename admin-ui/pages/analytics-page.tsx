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
import { beaconSnippet } from '../beacon-snippet.ts'
import { useConfirm } from '../components/confirm.tsx'
import { Field, type FieldErrors, FormError, errorsFrom } from '../components/field.tsx'
import { Modal } from '../components/modal.tsx'
import { Picker } from '../components/picker.tsx'
import { CopyableBlock, CopyableText, Secret } from '../components/secret.tsx'
import { ErrorState, Loading, Notice, describeError } from '../components/states.tsx'
import { useResource } from '../components/use-resource.ts'
import { useGuidedWords } from '../guided-words.ts'
import { formatDateTime, useLang, useT } from '../i18n.ts'
import { BASE } from '../router.ts'

type Binding = NonNullable<Portal['hub']>

/** `…/v1/hubs/{hubId}` -> hubId, or null when the text is not a hub URI. */
export function hubIdFromUri(uri: string): string | null {
  const m = /\/v1\/hubs\/([^/?#\s]+)\/?$/.exec(uri.trim())
  return m ? decodeURIComponent(m[1]!) : null
}

const ALIASES = { hubId: 'hubUri', termsAccepted: 'agreement' }

function TrackingForm(props: {
  portalId: string
  binding: Binding | null
  /** The binding's ETag: the change is sent with it as If-Match (412 when another admin changed it). */
  etag: string | null
  onDone: (binding: Binding | null, etag: string | null) => void
  onClose: () => void
}) {
  const t = useT()
  const w = useGuidedWords()
  const { api } = useSession()
  const update = props.binding !== null
  const [hubUri, setHubUri] = useState(props.binding?.hubUri ?? '')
  const [keyName, setKeyName] = useState(props.binding?.keyName ?? '')
  const [key, setKey] = useState('')
  const [agreed, setAgreed] = useState(false)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [phase, setPhase] = useState<'form' | 'working' | 'done'>('form')
  // Those who may list hubs pick one: its URI, a key with the Send right and its secret are filled in.
  const hubs = useResource(
    () => (update ? Promise.resolve([]) : listAll(api, 'listHubs', 'hubs').catch(() => [])),
    [update],
  )
  // Updating the key: the bound key's current primary secret is filled in for those who may read the
  // hub (after a regeneration, Save is then the whole fix); a key typed meanwhile is kept.
  useEffect(() => {
    if (!props.binding) return
    const { hubId, keyName: bound } = props.binding
    api
      .call('getHub', { params: { hubId } })
      .then((hub) => {
        const current = hub.keys.find((k) => k.keyName === bound)
        if (current) setKey((typed) => typed || current.primaryKey)
      })
      .catch(() => {})
  }, [props.binding?.hubId, props.binding?.keyName])
  const [picked, setPicked] = useState('')
  const pick = async (hubId: string) => {
    setPicked(hubId)
    if (!hubId) return
    try {
      const hub = await api.call('getHub', { params: { hubId } })
      const sender =
        hub.keys.find((k) => k.keyName === 'default' && k.rights.includes('send')) ??
        hub.keys.find((k) => k.rights.includes('send'))
      setHubUri(`${location.origin}/v1/hubs/${hub.id}`)
      if (sender) {
        setKeyName(sender.keyName)
        setKey(sender.primaryKey)
      }
      setErrors({})
    } catch (error) {
      setErrors(errorsFrom(t, error))
    }
  }
  const submit = async (e: Event) => {
    e.preventDefault()
    const found: FieldErrors = {}
    const hubId = hubIdFromUri(hubUri)
    if (!hubId) found.hubUri = t.hubUriInvalid
    if (!keyName.trim()) found.keyName = t.required
    if (!key.trim()) found.key = t.required
    if (!update && !agreed) found.agreement = t.required
    setErrors(found)
    if (Object.keys(found).length > 0) return
    setPhase('working')
    try {
      const params = { portalId: props.portalId }
      const ifMatch = { ifMatch: props.etag }
      const answer = update
        ? await api.call(
            'updateHubKey',
            { params, body: { key: key.trim(), keyName: keyName.trim() } },
            ifMatch,
          )
        : await api.call(
            'configureHub',
            {
              params,
              body: { hubId: hubId as string, keyName: keyName.trim(), key: key.trim(), termsAccepted: true },
            },
            ifMatch,
          )
      setPhase('done')
      props.onDone(answer.hub, api.etagOf(answer))
    } catch (error) {
      setErrors(errorsFrom(t, error, ALIASES))
      setPhase('form')
    }
  }
  return (
    <Modal title={update ? t.updateConfiguration : t.configureTracking} onClose={props.onClose}>
      {phase === 'done' ? (
        <>
          <Notice kind="success">{t.trackingConfigured}</Notice>
          <div class="actions">
            <button type="button" class="button button-primary" onClick={props.onClose} autofocus>
              {t.close}
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          {update ? <p class="help">{t.updateConfigurationHelp}</p> : null}
          {!update && (hubs.data ?? []).length > 0 ? (
            <Field id="hubPick" label={t.pickHub} help={t.pickHubHelp}>
              {(c) => (
                <Picker
                  {...c}
                  label={t.pickHub}
                  options={(hubs.data ?? []).map((h) => ({ id: h.id, label: h.name }))}
                  placeholder={w.pickHubPlaceholder}
                  value={picked}
                  onChange={(id) => void pick(id)}
                />
              )}
            </Field>
          ) : null}
          <Field id="hubUri" label={t.hubUri} help={update ? undefined : t.hubUriHelp} error={errors.hubUri}>
            {(c) => (
              <input
                {...c}
                type="url"
                readOnly={update}
                value={hubUri}
                onInput={(e) => setHubUri(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field id="keyName" label={t.policyName} error={errors.keyName}>
            {(c) => (
              <input {...c} type="text" value={keyName} onInput={(e) => setKeyName(e.currentTarget.value)} />
            )}
          </Field>
          <Field id="key" label={t.sharedKey} error={errors.key}>
            {(c) => (
              <input
                {...c}
                type="password"
                autoComplete="off"
                value={key}
                onInput={(e) => setKey(e.currentTarget.value)}
              />
            )}
          </Field>
          {update ? null : (
            <div class={`field${errors.agreement ? ' field-invalid' : ''}`}>
              <p class="help">{t.agreementText}</p>
              <label class="choice">
                <input
                  type="checkbox"
                  checked={agreed}
                  aria-describedby={errors.agreement ? 'agreement-error' : undefined}
                  onChange={(e) => setAgreed(e.currentTarget.checked)}
                />
                {t.agreement}
              </label>
              {errors.agreement ? (
                <p class="field-error" id="agreement-error">
                  {errors.agreement}
                </p>
              ) : null}
            </div>
          )}
          <FormError errors={errors} />
          {phase === 'working' ? (
            <p role="status" class="muted">
              <span class="spinner" aria-hidden="true" />
              {t.configuring}
            </p>
          ) : null}
          <div class="actions">
            <button type="submit" class="button button-primary" disabled={phase === 'working'}>
              {update ? t.save : t.configure}
            </button>
            <button type="button" class="button" onClick={props.onClose}>
              {t.cancel}
            </button>
          </div>
        </form>
      )}
    </Modal>
  )
}

/**
 * The binding dialog on its own, for pages that fix a binding in place (the
 * checker's "Bind to a hub" and "Update the key"): it reads the binding and
 * its version first, then opens Configure (unbound) or Update (bound).
 */
export function BindingDialog(props: { portalId: string; onClose: () => void; onDone: () => void }) {
  const { api } = useSession()
  const binding = useResource(async () => {
    const answer = await api.call('getHubBinding', { params: { portalId: props.portalId } })
    return { hub: answer.hub, etag: api.etagOf(answer) }
  }, [props.portalId])
  if (!binding.data) return null
  return (
    <TrackingForm
      portalId={props.portalId}
      binding={binding.data.hub}
      etag={binding.data.etag}
      onDone={props.onDone}
      onClose={props.onClose}
    />
  )
}

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
      <div class="page-head">
        <div>
          <p class="crumb">
            <a href={`${BASE}/portals`}>{t.applicationsTitle}</a> ›{' '}
            <a href={`${BASE}/portals/${seg(id)}`}>{portal.data.name}</a> › {t.portalAnalytics}
          </p>
          <h1 id="page-title">{t.trackingTitle}</h1>
        </div>
      </div>
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
