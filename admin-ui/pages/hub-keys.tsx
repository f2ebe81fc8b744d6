import { useState } from 'preact/hooks'
import type { HubKey, KeyRight } from '../api-types.ts'
import { useSession } from '../app-context.ts'
import { CheckboxGroup, RowButton, TextField, bindForm } from '../components/form-fields.tsx'
import { DataTable, HiddenLabel } from '../components/data-table.tsx'
import { useConfirm } from '../components/confirm.tsx'
import { type FieldErrors, FormError, errorsFrom } from '../components/field.tsx'
import { Secret } from '../components/secret.tsx'
import { Notice, describeError } from '../components/states.tsx'
import { formatList, useLang, useT } from '../i18n.ts'
import type { HubTabProps } from './hub-tab.ts'

const RIGHTS: KeyRight[] = ['send', 'read', 'manage']

/**
 * A hub's shared access keys: reveal, copy and regenerate each secret; add and
 * delete keys. Each change sends the hub's version as If-Match: a key another
 * admin changed meanwhile answers 412, shown as "Changed by someone else — reload".
 */
export function HubKeys(props: HubTabProps) {
  const t = useT()
  const lang = useLang()
  const { api } = useSession()
  const confirm = useConfirm()
  const h = props.hub
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const [form, setForm] = useState<{ keyName: string; rights: KeyRight[] }>({ keyName: '', rights: ['send'] })
  const bind = bindForm(form, setForm)
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
    const { keyName, rights } = form
    if (!keyName.trim()) return setErrors({ keyName: t.required })
    if (rights.length === 0) return setErrors({ rights: t.required })
    try {
      const key = await api.call(
        'createHubKey',
        { params: { hubId: h.id }, body: { keyName: keyName.trim(), rights } },
        { ifMatch: props.etag },
      )
      props.onChange({ ...h, keys: [...h.keys, key] }, api.etagOf(key))
      setForm({ ...form, keyName: '' })
      setErrors({})
    } catch (error) {
      setErrors(errorsFrom(t, error))
    }
  }
  return (
    <div>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      <DataTable
        rows={h.keys}
        rowKey={(k) => k.keyName}
        rowAttributes={(k) => ({ 'data-key': k.keyName })}
        columns={[
          { key: 'name', label: t.keyName, value: (k) => <strong>{k.keyName}</strong> },
          {
            key: 'rights',
            label: t.rights,
            value: (k) =>
              formatList(
                lang,
                k.rights.map((r) => t.rightNames[r] ?? r),
              ),
          },
          ...(['primary', 'secondary'] as const).map((which) => {
            const whichName = which === 'primary' ? t.primaryKey : t.secondaryKey
            return {
              key: which,
              label: whichName,
              attributes: { 'data-which': which },
              value: (k: HubKey) => (
                <>
                  <Secret
                    value={which === 'primary' ? k.primaryKey : k.secondaryKey}
                    label={`${k.keyName} ${whichName}`}
                  />
                  <RowButton
                    label={`${t.regenerate} ${k.keyName} ${whichName}`}
                    onClick={() => regenerate(k, which)}
                  >
                    {t.regenerate}
                  </RowButton>
                </>
              ),
            }
          }),
          {
            key: 'actions',
            label: <HiddenLabel>{t.colActions}</HiddenLabel>,
            value: (k) => (
              <RowButton label={`${t.deleteKey} ${k.keyName}`} onClick={() => remove(k)}>
                {t.delete}
              </RowButton>
            ),
          },
        ]}
      />
      <form class="card inline add-key" onSubmit={add} noValidate>
        <TextField id="new-key" label={t.keyName} error={errors.keyName} {...bind('keyName')} />
        <CheckboxGroup
          legend={t.rights}
          options={RIGHTS.map((r) => ({ value: r, label: t.rightNames[r] }))}
          value={form.rights}
          onValue={(rights) => setForm({ ...form, rights })}
          error={errors.rights}
        />
        <button type="submit" class="button button-primary">
          {t.addKey}
        </button>
        <FormError errors={errors} />
      </form>
    </div>
  )
}
