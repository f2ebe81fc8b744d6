/**
 * The portal's binding to a hub, in a dialog: Configure picks a hub by name
 * (its URI, a key with the Send right and its secret filled in) and takes the
 * preview agreement; Update configuration changes the key, the hub URI read-only.
 * The Analytics page and the checker's fixes open it.
 */
import { useEffect, useState } from 'preact/hooks'
import { listAll } from '../api-client.ts'
import type { Portal } from '../api-types.ts'
import { useSession } from '../app-context.ts'
import { Field, type FieldErrors, FormError, errorsFrom } from '../components/field.tsx'
import { TextField, bindForm } from '../components/form-fields.tsx'
import { Modal } from '../components/modal.tsx'
import { Picker } from '../components/picker.tsx'
import { Notice } from '../components/states.tsx'
import { useResource } from '../components/use-resource.ts'
import { useGuidedWords } from '../guided-words.ts'
import { useT } from '../i18n.ts'

type Binding = NonNullable<Portal['hub']>

/** `…/v1/hubs/{hubId}` -> hubId, or null when the text is not a hub URI. */
export function hubIdFromUri(uri: string): string | null {
  const m = /\/v1\/hubs\/([^/?#\s]+)\/?$/.exec(uri.trim())
  return m ? decodeURIComponent(m[1]!) : null
}

const ALIASES = { hubId: 'hubUri', termsAccepted: 'agreement' }

/** Configure (unbound) or Update configuration (bound): the hub, its key and the agreement. */
export function TrackingForm(props: {
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
  const [form, setForm] = useState({
    hubUri: props.binding?.hubUri ?? '',
    keyName: props.binding?.keyName ?? '',
    key: '',
  })
  const bind = bindForm(form, setForm)
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
        if (current) setForm((typed) => ({ ...typed, key: typed.key || current.primaryKey }))
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
      setForm((typed) => ({
        ...typed,
        hubUri: `${location.origin}/v1/hubs/${hub.id}`,
        ...(sender ? { keyName: sender.keyName, key: sender.primaryKey } : {}),
      }))
      setErrors({})
    } catch (error) {
      setErrors(errorsFrom(t, error))
    }
  }
  const submit = async (e: Event) => {
    e.preventDefault()
    const { hubUri, keyName, key } = form
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
          <TextField
            id="hubUri"
            label={t.hubUri}
            help={update ? undefined : t.hubUriHelp}
            error={errors.hubUri}
            type="url"
            readOnly={update}
            {...bind('hubUri')}
          />
          <TextField id="keyName" label={t.policyName} error={errors.keyName} {...bind('keyName')} />
          <TextField
            id="key"
            label={t.sharedKey}
            error={errors.key}
            type="password"
            autoComplete="off"
            {...bind('key')}
          />
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
