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
import { DataTable, HiddenLabel } from '../components/data-table.tsx'
import { type FieldErrors, FormError, errorsFrom } from '../components/field.tsx'
import { CheckboxGroup, RowButton, SelectField, TextField, bindForm } from '../components/form-fields.tsx'
import { Loaded } from '../components/list-states.tsx'
import { Notice, describeError } from '../components/states.tsx'
import { useResource } from '../components/use-resource.ts'
import { formatDateTime, formatList, useLang, useT } from '../i18n.ts'
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
  const bind = bindForm(form, setForm)
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
      <Loaded resource={instances} empty={t.instancesEmpty}>
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(i) => i.id}
            columns={[
              {
                key: 'name',
                label: t.name,
                value: (i) => (
                  <>
                    <strong>{i.name}</strong>
                    <span class="sub">
                      <code>{i.id}</code>
                    </span>
                  </>
                ),
              },
              {
                key: 'languages',
                label: t.installedLanguages,
                value: (i) => <code>{i.installedLanguages.join(', ')}</code>,
              },
              {
                key: 'solutions',
                label: t.installedSolutions,
                value: (i) =>
                  formatList(
                    lang,
                    i.installedSolutions.map((s) =>
                      nameOf(t, 'solutions', s, SOLUTIONS.find(([id]) => id === s)?.[1] ?? s),
                    ),
                  ) || '—',
              },
              { key: 'created', label: t.created, value: (i) => formatDateTime(lang, i.createdAt) },
            ]}
          />
        )}
      </Loaded>
      {props.canCreate ? (
        <form class="subform" onSubmit={create} noValidate>
          <h3>{t.createInstance}</h3>
          <TextField id="instance-name" label={t.name} error={errors.name} {...bind('name')} />
          <TextField
            id="instance-base"
            label={t.baseLanguage}
            error={errors.baseLanguage}
            {...bind('baseLanguage')}
          />
          <TextField
            id="instance-languages"
            label={t.installedLanguages}
            help={t.installedLanguagesHelp}
            error={errors.languages}
            {...bind('languages')}
          />
          <CheckboxGroup
            legend={t.installedSolutions}
            options={SOLUTIONS.map(([id, name]) => ({ value: id, label: nameOf(t, 'solutions', id, name) }))}
            value={form.solutions}
            onValue={(solutions) => setForm({ ...form, solutions })}
          />
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
      <Loaded resource={licences} empty={t.licencesEmpty}>
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(l) => l.id}
            columns={[
              { key: 'type', label: t.type, value: (l) => t.licenceTypes[l.type] ?? l.type },
              {
                key: 'portal',
                label: t.assignedTo,
                value: (l) =>
                  l.portalId ? (
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
                  ),
              },
              {
                key: 'expires',
                label: t.expires,
                value: (l) => (l.expiresAt ? formatDateTime(lang, l.expiresAt) : '—'),
              },
              {
                key: 'actions',
                label: <HiddenLabel>{t.colActions}</HiddenLabel>,
                value: (l) => (
                  <RowButton label={`${t.delete} ${l.id}`} onClick={() => remove(l)}>
                    {t.delete}
                  </RowButton>
                ),
              },
            ]}
          />
        )}
      </Loaded>
      <form class="inline subform" onSubmit={add}>
        <SelectField
          id="licence-type"
          label={t.type}
          options={(['trial', 'production'] as const).map((v) => ({ value: v, label: t.licenceTypes[v] }))}
          value={type}
          onValue={(v) => setType(v as 'trial' | 'production')}
        />
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
