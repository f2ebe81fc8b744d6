import { useState } from 'preact/hooks'
import type { HubKey, HubView, KeyRight } from '../api-types.ts'
import { useSession } from '../app-context.ts'
import { useConfirm } from '../components/confirm.tsx'
import { Field, type FieldErrors, FormError, errorsFrom } from '../components/field.tsx'
import { Secret } from '../components/secret.tsx'
import { Notice, describeError } from '../components/states.tsx'
import { useT } from '../i18n.ts'

const RIGHTS: KeyRight[] = ['send', 'read', 'manage']

/**
 * A hub's shared access keys: reveal, copy and regenerate each secret; add and
 * delete keys. Each change sends the hub's version as If-Match: a key another
 * admin changed meanwhile answers 412, shown as "Changed by someone else — reload".
 */
export function HubKeys(props: {
  hub: HubView
  /** The hub's ETag, for If-Match. */
  etag: string | null
  /** The hub after a change, and its new ETag (null: read it again). */
  onChange: (hub: HubView, etag: string | null) => void
}) {
  const t = useT()
  const { api } = useSession()
  const confirm = useConfirm()
  const h = props.hub
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const [keyName, setKeyName] = useState('')
  const [rights, setRights] = useState<KeyRight[]>(['send'])
  const [errors, setErrors] = useState<FieldErrors>({})

  const regenerate = async (key: HubKey, which: 'primary' | 'secondary') => {
    const whichName = which === 'primary' ? t.primaryKey : t.secondaryKey
    const ok = await confirm({
      title: `${t.labelled(t.regenerate)} ${key.keyName} — ${whichName}`,
      body: t.confirmRegenerate(whichName.toLowerCase(), key.keyName),
      confirmLabel: t.regenerate,
      danger: true,
    })
    if (!ok) return
    try {
      const next = await api.call(
        'regenerateHubKey',
        { params: { hubId: h.id, keyName: key.keyName }, body: { which } },
        { ifMatch: props.etag },
      )
      props.onChange(
        { ...h, keys: h.keys.map((k) => (k.keyName === next.keyName ? next : k)) },
        api.etagOf(next),
      )
      setNotice({ kind: 'success', text: `${t.labelled(key.keyName)} ${whichName} — ${t.regenerated}` })
    } catch (error) {
      setNotice({ kind: 'error', text: describeError(t, error) })
    }
  }
  const remove = async (key: HubKey) => {
    const ok = await confirm({
      title: `${t.labelled(t.deleteKey)} ${key.keyName}`,
      body: t.confirmDeleteKey(key.keyName),
      confirmLabel: t.deleteKey,
      danger: true,
    })
    if (!ok) return
    try {
      await api.call(
        'deleteHubKey',
        { params: { hubId: h.id, keyName: key.keyName } },
        { ifMatch: props.etag },
      )
      props.onChange({ ...h, keys: h.keys.filter((k) => k.keyName !== key.keyName) }, null)
    } catch (error) {
      setNotice({ kind: 'error', text: describeError(t, error) })
    }
  }
  const add = async (e: Event) => {
    e.preventDefault()
    if (!keyName.trim()) return setErrors({ keyName: t.required })
    if (rights.length === 0) return setErrors({ rights: t.required })
    try {
      const key = await api.call(
        'createHubKey',
        { params: { hubId: h.id }, body: { keyName: keyName.trim(), rights } },
        { ifMatch: props.etag },
      )
      props.onChange({ ...h, keys: [...h.keys, key] }, api.etagOf(key))
      setKeyName('')
      setErrors({})
    } catch (error) {
      setErrors(errorsFrom(t, error))
    }
  }
  return (
    <div>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      <div class="table-wrap">
        <table class="grid">
          <thead>
            <tr>
              <th scope="col">{t.keyName}</th>
              <th scope="col">{t.rights}</th>
              <th scope="col">{t.primaryKey}</th>
              <th scope="col">{t.secondaryKey}</th>
              <th scope="col">
                <span class="sr-only">{t.colActions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {h.keys.map((k) => (
              <tr key={k.keyName} data-key={k.keyName}>
                <td>
                  <strong>{k.keyName}</strong>
                </td>
                <td>{k.rights.map((r) => t.rightNames[r] ?? r).join(', ')}</td>
                {(['primary', 'secondary'] as const).map((which) => (
                  <td key={which} data-which={which}>
                    <Secret
                      value={which === 'primary' ? k.primaryKey : k.secondaryKey}
                      label={`${k.keyName} ${which === 'primary' ? t.primaryKey : t.secondaryKey}`}
                    />
                    <button
                      type="button"
                      class="button button-small"
                      aria-label={`${t.regenerate} ${k.keyName} ${which === 'primary' ? t.primaryKey : t.secondaryKey}`}
                      onClick={() => regenerate(k, which)}
                    >
                      {t.regenerate}
                    </button>
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    class="button button-small"
                    aria-label={`${t.deleteKey} ${k.keyName}`}
                    onClick={() => remove(k)}
                  >
                    {t.delete}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form class="card inline add-key" onSubmit={add} noValidate>
        <Field id="new-key" label={t.keyName} error={errors.keyName}>
          {(c) => (
            <input {...c} type="text" value={keyName} onInput={(e) => setKeyName(e.currentTarget.value)} />
          )}
        </Field>
        <fieldset>
          <legend>{t.rights}</legend>
          {RIGHTS.map((r) => (
            <label class="choice" key={r}>
              <input
                type="checkbox"
                checked={rights.includes(r)}
                onChange={(e) =>
                  setRights(e.currentTarget.checked ? [...rights, r] : rights.filter((x) => x !== r))
                }
              />
              {t.rightNames[r]}
            </label>
          ))}
          {errors.rights ? <p class="field-error">{errors.rights}</p> : null}
        </fieldset>
        <button type="submit" class="button button-primary">
          {t.addKey}
        </button>
        <FormError errors={errors} />
      </form>
    </div>
  )
}
