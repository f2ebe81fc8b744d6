/** Hubs: every hub, and a form to create one. */
import { useState } from 'preact/hooks'
import { listAll, seg } from '../api-client.ts'
import { useSession } from '../app-context.ts'
import { Loaded } from '../components/list-states.tsx'
import { TextField } from '../components/form-fields.tsx'
import { DataTable } from '../components/data-table.tsx'
import { type FieldErrors, FormError, errorsFrom } from '../components/field.tsx'
import { useResource } from '../components/use-resource.ts'
import { formatDateTime, formatList, useLang, useT } from '../i18n.ts'
import { BASE, navigate } from '../router.ts'

/** The Hubs page. */
export function Page() {
  const t = useT()
  const lang = useLang()
  const { api } = useSession()
  const hubs = useResource(() => listAll(api, 'listHubs', 'hubs'), [])
  const [name, setName] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const create = async (e: Event) => {
    e.preventDefault()
    if (!name.trim()) return setErrors({ name: t.required })
    setBusy(true)
    try {
      const hub = await api.call('createHub', { body: { name: name.trim() } })
      navigate(`/hubs/${seg(hub.id)}`)
    } catch (error) {
      setErrors(errorsFrom(t, error))
      setBusy(false)
    }
  }
  return (
    <section aria-labelledby="page-title">
      <div class="page-head">
        <h1 id="page-title">{t.hubsTitle}</h1>
      </div>
      <form class="card inline" onSubmit={create} noValidate>
        <TextField
          id="hub-name"
          label={t.hubName}
          error={errors.name}
          value={name}
          onValue={(typed) => {
            setName(typed)
            setErrors({})
          }}
        />
        <button type="submit" class="button button-primary" disabled={busy}>
          {t.createHub}
        </button>
        <FormError errors={errors} />
      </form>
      <Loaded resource={hubs} empty={t.hubsEmpty}>
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(h) => h.id}
            columns={[
              {
                key: 'name',
                label: t.hubName,
                value: (h) => (
                  <>
                    <a href={`${BASE}/hubs/${seg(h.id)}`}>{h.name}</a>
                    <span class="sub">
                      <code>{h.id}</code>
                    </span>
                  </>
                ),
              },
              {
                key: 'keys',
                label: t.keysTitle,
                value: (h) =>
                  formatList(
                    lang,
                    h.keys.map((k) => k.keyName),
                  ),
              },
              { key: 'types', label: t.catalogueTitle, value: (h) => `${h.capturedTypes.length} / 5` },
              { key: 'created', label: t.created, value: (h) => formatDateTime(lang, h.createdAt) },
            ]}
          />
        )}
      </Loaded>
    </section>
  )
}
