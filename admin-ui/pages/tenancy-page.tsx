import type { OperationRequest } from '../../schemas/index.ts'
/**
 * Tenancy: instances (their languages and solutions), users and their roles,
 * and portal licences — what the seed's roles need. Creating instances,
 * users and licences is for tenant administrators; the page offers only that.
 */
import { useState } from 'preact/hooks'
import { listAll } from '../api-client.ts'
import { type Licence, type Portal, isTenantAdmin } from '../api-types.ts'
import { useSession } from '../app-context.ts'
import { useConfirm } from '../components/confirm.tsx'
import { Field, type FieldErrors, FormError, errorsFrom } from '../components/field.tsx'
import { Empty, ErrorState, Loading, Notice, describeError } from '../components/states.tsx'
import { useResource } from '../components/use-resource.ts'
import { formatDateTime, useLang, useT } from '../i18n.ts'
import { TenancyUsers } from './tenancy-users.tsx'
import { nameOf } from '../api-names.ts'

const SOLUTIONS: Array<[string, string]> = [
  ['field_service', 'Field Service'],
  ['project_service_automation', 'Project Service Automation'],
  ['customer_service', 'Customer Service'],
  ['sales', 'Sales'],
]

function Instances(props: { canCreate: boolean }) {
  const t = useT()
  const lang = useLang()
  const { api } = useSession()
  const instances = useResource(() => listAll(api, 'listInstances', 'instances'), [])
  const [form, setForm] = useState({
    name: '',
    baseLanguage: 'en-US',
    languages: 'en-US',
    solutions: [] as string[],
  })
  const [errors, setErrors] = useState<FieldErrors>({})
  const create = async (e: Event) => {
    e.preventDefault()
    if (!form.name.trim()) return setErrors({ name: t.required })
    try {
      await api.call('createInstance', {
        body: {
          name: form.name.trim(),
          baseLanguage: form.baseLanguage.trim(),
          installedLanguages: form.languages
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
          installedSolutions:
            form.solutions as OperationRequest<'createInstance'>['body']['installedSolutions'],
        },
      })
      setForm({ name: '', baseLanguage: 'en-US', languages: 'en-US', solutions: [] })
      setErrors({})
      await instances.reload()
    } catch (error) {
      setErrors(errorsFrom(t, error, { installedLanguages: 'languages' }))
    }
  }
  return (
    <div class="card">
      <h2>{t.instancesTitle}</h2>
      {instances.error && !instances.data ? (
        <ErrorState error={instances.error} onRetry={instances.reload} />
      ) : !instances.data ? (
        <Loading />
      ) : instances.data.length === 0 ? (
        <Empty>{t.instancesEmpty}</Empty>
      ) : (
        <div class="table-wrap">
          <table class="grid">
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.installedLanguages}</th>
                <th scope="col">{t.installedSolutions}</th>
                <th scope="col">{t.created}</th>
              </tr>
            </thead>
            <tbody>
              {instances.data.map((i) => (
                <tr key={i.id}>
                  <td>
                    <strong>{i.name}</strong>
                    <span class="sub">
                      <code>{i.id}</code>
                    </span>
                  </td>
                  <td>
                    <code>{i.installedLanguages.join(', ')}</code>
                  </td>
                  <td>
                    {i.installedSolutions
                      .map((s) => nameOf(t, 'solutions', s, SOLUTIONS.find(([id]) => id === s)?.[1] ?? s))
                      .join(', ') || '—'}
                  </td>
                  <td>{formatDateTime(lang, i.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.canCreate ? (
        <form class="subform" onSubmit={create} noValidate>
          <h3>{t.createInstance}</h3>
          <Field id="instance-name" label={t.name} error={errors.name}>
            {(c) => (
              <input
                {...c}
                type="text"
                value={form.name}
                onInput={(e) => setForm({ ...form, name: e.currentTarget.value })}
              />
            )}
          </Field>
          <Field id="instance-base" label={t.baseLanguage} error={errors.baseLanguage}>
            {(c) => (
              <input
                {...c}
                type="text"
                value={form.baseLanguage}
                onInput={(e) => setForm({ ...form, baseLanguage: e.currentTarget.value })}
              />
            )}
          </Field>
          <Field
            id="instance-languages"
            label={t.installedLanguages}
            help={t.installedLanguagesHelp}
            error={errors.languages}
          >
            {(c) => (
              <input
                {...c}
                type="text"
                value={form.languages}
                onInput={(e) => setForm({ ...form, languages: e.currentTarget.value })}
              />
            )}
          </Field>
          <fieldset>
            <legend>{t.installedSolutions}</legend>
            {SOLUTIONS.map(([id, name]) => (
              <label class="choice" key={id}>
                <input
                  type="checkbox"
                  checked={form.solutions.includes(id)}
                  onChange={(e) =>
                    setForm({
                      ...form,
                      solutions: e.currentTarget.checked
                        ? [...form.solutions, id]
                        : form.solutions.filter((s) => s !== id),
                    })
                  }
                />
                {nameOf(t, 'solutions', id, name)}
              </label>
            ))}
          </fieldset>
          <FormError errors={errors} />
          <button type="submit" class="button button-primary">
            {t.createInstance}
          </button>
        </form>
      ) : null}
    </div>
  )
}

/** Assigns a free licence to a portal that has none (the portal's Type then comes from it). */
function AssignLicence(props: {
  licenceId: string
  portals: Portal[]
  onDone: () => Promise<void>
  onError: (error: unknown) => void
}) {
  const t = useT()
  const { api } = useSession()
  const [portalId, setPortalId] = useState('')
  if (props.portals.length === 0) return <>{t.unassigned}</>
  const id = `assign-${props.licenceId}`
  return (
    <span class="inline">
      <label class="sr-only" for={id}>
        {t.assignTo}
      </label>
      <select id={id} value={portalId} onChange={(e) => setPortalId(e.currentTarget.value)}>
        <option value="">{t.unassigned}</option>
        {props.portals.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        class="button button-small"
        disabled={!portalId}
        onClick={async () => {
          try {
            await api.call('assignLicence', { params: { licenceId: props.licenceId }, body: { portalId } })
            await props.onDone()
          } catch (error) {
            props.onError(error)
          }
        }}
      >
        {t.assign}
      </button>
    </span>
  )
}

function Licences() {
  const t = useT()
  const lang = useLang()
  const { api } = useSession()
  const confirm = useConfirm()
  const licences = useResource(() => api.call('listLicences').then((r) => r.licences), [])
  const portals = useResource(() => listAll(api, 'listPortals', 'portals'), [])
  const [type, setType] = useState<'trial' | 'production'>('trial')
  const [error, setError] = useState<string | null>(null)
  const add = async (e: Event) => {
    e.preventDefault()
    try {
      await api.call('createLicence', { body: { type } })
      setError(null)
      await licences.reload()
    } catch (err) {
      setError(describeError(t, err))
    }
  }
  const remove = async (l: Licence) => {
    const ok = await confirm({
      title: t.delete,
      body: t.confirmDeleteLicence,
      confirmLabel: t.delete,
      danger: true,
    })
    if (!ok) return
    try {
      await api.call('deleteLicence', { params: { licenceId: l.id } })
      await licences.reload()
    } catch (err) {
      setError(describeError(t, err))
    }
  }
  return (
    <div class="card" id="licences">
      <h2>{t.licencesTitle}</h2>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {licences.error && !licences.data ? (
        <ErrorState error={licences.error} onRetry={licences.reload} />
      ) : !licences.data ? (
        <Loading />
      ) : licences.data.length === 0 ? (
        <Empty>{t.licencesEmpty}</Empty>
      ) : (
        <div class="table-wrap">
          <table class="grid">
            <thead>
              <tr>
                <th scope="col">{t.type}</th>
                <th scope="col">{t.assignedTo}</th>
                <th scope="col">{t.expires}</th>
                <th scope="col">
                  <span class="sr-only">{t.colActions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {licences.data.map((l) => (
                <tr key={l.id}>
                  <td>{t.licenceTypes[l.type] ?? l.type}</td>
                  <td>
                    {l.portalId ? (
                      (portals.data?.find((p) => p.id === l.portalId)?.name ?? (
                        <code>{l.portalId.slice(0, 8)}</code>
                      ))
                    ) : (
                      <AssignLicence
                        licenceId={l.id}
                        portals={(portals.data ?? []).filter((p) => !p.licenceId)}
                        onDone={async () => {
                          await Promise.all([licences.reload(), portals.reload()])
                        }}
                        onError={(err) => setError(describeError(t, err))}
                      />
                    )}
                  </td>
                  <td>{l.expiresAt ? formatDateTime(lang, l.expiresAt) : '—'}</td>
                  <td>
                    <button
                      type="button"
                      class="button button-small"
                      onClick={() => remove(l)}
                      aria-label={`${t.delete} ${l.id}`}
                    >
                      {t.delete}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form class="inline subform" onSubmit={add}>
        <Field id="licence-type" label={t.type}>
          {(c) => (
            <select
              {...c}
              value={type}
              onChange={(e) => setType(e.currentTarget.value as 'trial' | 'production')}
            >
              <option value="trial">{t.licenceTypes.trial}</option>
              <option value="production">{t.licenceTypes.production}</option>
            </select>
          )}
        </Field>
        <button type="submit" class="button button-primary">
          {t.addLicence}
        </button>
      </form>
    </div>
  )
}

/** The Tenancy page. */
export function Page() {
  const t = useT()
  const { me } = useSession()
  const tenant = isTenantAdmin(me)
  return (
    <section aria-labelledby="page-title">
      <div class="page-head">
        <h1 id="page-title">{t.tenancyTitle}</h1>
      </div>
      <Instances canCreate={tenant} />
      {tenant ? <TenancyUsers /> : null}
      {tenant ? <Licences /> : null}
    </section>
  )
}
