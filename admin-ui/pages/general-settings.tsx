import { useEffect, useState } from 'preact/hooks'
import type { OperationRequest } from '../../schemas/index.ts'
import type { Portal } from '../api-types.ts'
import { useSession } from '../app-context.ts'
import { useConfirm } from '../components/confirm.tsx'
import { Field, type FieldErrors, FormError, errorsFrom } from '../components/field.tsx'
import { Notice } from '../components/states.tsx'
import { useT } from '../i18n.ts'

/**
 * General Settings of a portal: its name, whether its site is on, and its IP
 * address restrictions, each saved with `PATCH` (with `If-Match` when the API
 * gave an ETag, so a concurrent change answers 412).
 */
export function GeneralSettings(props: {
  portal: Portal
  etag: string | null
  /** The portal as the update answered it, with its new ETag (the next update's `If-Match`). */
  onSaved: (portal: Portal, etag: string | null) => void
}) {
  const t = useT()
  const { api } = useSession()
  const confirm = useConfirm()
  const p = props.portal
  const [name, setName] = useState(p.name)
  const [restricted, setRestricted] = useState(p.ipRestrictions?.enabled ?? false)
  const [allow, setAllow] = useState((p.ipRestrictions?.allow ?? []).join('\n'))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [saved, setSaved] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    setName(p.name)
    setRestricted(p.ipRestrictions?.enabled ?? false)
    setAllow((p.ipRestrictions?.allow ?? []).join('\n'))
  }, [p.id, p.updatedAt])

  const patch = async (body: OperationRequest<'updatePortal'>['body'], done: string) => {
    setBusy(true)
    setErrors({})
    setSaved(null)
    try {
      const updated = await api.call(
        'updatePortal',
        { params: { portalId: p.id }, body },
        { ifMatch: props.etag },
      )
      setSaved(done)
      props.onSaved(updated, api.etagOf(updated))
    } catch (error) {
      const found = errorsFrom(t, error)
      const field = Object.keys(found)[0] ?? '_form'
      setErrors(field.startsWith('ipRestrictions') ? { allow: found[field]! } : found)
    } finally {
      setBusy(false)
    }
  }
  const on = (p.portalState ?? 'on') === 'on'

  return (
    <div class="card">
      <h2>{t.generalSettings}</h2>
      {saved ? <Notice kind="success">{saved}</Notice> : null}
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (name.trim() === '') setErrors({ name: t.required })
          else void patch({ name: name.trim() }, t.saved)
        }}
        noValidate
      >
        <Field id="rename" label={t.name} error={errors.name}>
          {(c) => <input {...c} type="text" value={name} onInput={(e) => setName(e.currentTarget.value)} />}
        </Field>
        <button type="submit" class="button" disabled={busy || name === p.name}>
          {t.rename}
        </button>
      </form>
      {p.portalState !== undefined ? (
        <>
          <h3>{t.portalOnOff}</h3>
          <p class="muted">
            {on ? t.portalIsOn : t.portalIsOff}{' '}
            <button
              type="button"
              class={`button button-small${on ? ' button-danger' : ''}`}
              disabled={busy}
              onClick={async () => {
                if (
                  on &&
                  !(await confirm({
                    title: t.turnOff,
                    body: t.confirmTurnOff,
                    confirmLabel: t.turnOff,
                    danger: true,
                  }))
                )
                  return
                await patch({ portalState: on ? 'off' : 'on' }, on ? t.portalIsOff : t.portalIsOn)
              }}
            >
              {on ? t.turnOff : t.turnOn}
            </button>
          </p>
        </>
      ) : null}
      {p.ipRestrictions !== undefined ? (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            const list = allow
              .split(/[\s,]+/)
              .map((s) => s.trim())
              .filter(Boolean)
            void patch({ ipRestrictions: { enabled: restricted, allow: list } }, t.saved)
          }}
          noValidate
        >
          <h3>{t.ipRestrictions}</h3>
          <label class="choice">
            <input
              type="checkbox"
              checked={restricted}
              onChange={(e) => setRestricted(e.currentTarget.checked)}
            />
            {t.ipRestrictionsEnabled}
          </label>
          <Field id="allow" label={t.ipAllowList} help={t.ipAllowListHelp} error={errors.allow}>
            {(c) => (
              <textarea {...c} rows={3} value={allow} onInput={(e) => setAllow(e.currentTarget.value)} />
            )}
          </Field>
          <button type="submit" class="button" disabled={busy}>
            {t.save}
          </button>
        </form>
      ) : null}
      <FormError errors={errors} />
    </div>
  )
}
