/** Hubs: every hub, and a form to create one. */
import { useState } from 'preact/hooks'
import { listAll, seg } from '../api-client.ts'
import { useSession } from '../app-context.ts'
import { Field, type FieldErrors, FormError, errorsFrom } from '../components/field.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { useResource } from '../components/use-resource.ts'
import { formatDateTime, useLang, useT } from '../i18n.ts'
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
        <Field id="hub-name" label={t.hubName} error={errors.name}>
          {(c) => (
            <input
              {...c}
              type="text"
              value={name}
              onInput={(e) => {
                setName(e.currentTarget.value)
                setErrors({})
              }}
            />
          )}
        </Field>
        <button type="submit" class="button button-primary" disabled={busy}>
          {t.createHub}
        </button>
        <FormError errors={errors} />
      </form>
      {hubs.error && !hubs.data ? (
        <ErrorState error={hubs.error} onRetry={hubs.reload} />
      ) : !hubs.data ? (
        <Loading />
      ) : hubs.data.length === 0 ? (
        <Empty>{t.hubsEmpty}</Empty>
      ) : (
        <div class="table-wrap">
          <table class="grid">
            <thead>
              <tr>
                <th scope="col">{t.hubName}</th>
                <th scope="col">{t.keysTitle}</th>
                <th scope="col">{t.catalogueTitle}</th>
                <th scope="col">{t.created}</th>
              </tr>
            </thead>
            <tbody>
              {hubs.data.map((h) => (
                <tr key={h.id}>
                  <td>
                    <a href={`${BASE}/hubs/${seg(h.id)}`}>{h.name}</a>
                    <span class="sub">
                      <code>{h.id}</code>
                    </span>
                  </td>
                  <td>{h.keys.map((k) => k.keyName).join(', ')}</td>
                  <td>{h.capturedTypes.length} / 5</td>
                  <td>{formatDateTime(lang, h.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
