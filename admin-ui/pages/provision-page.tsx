import type { OperationRequest } from '../../schemas/index.ts'
/**
 * Provision a portal: the seed's form — Name, Type (read-only, from the
 * licence), Portal URL (checked as you type with the API's own rules),
 * instance, language, portal administrator, audience and the portal types it
 * offers, the feature table of the chosen type — then Submit and accept the
 * Terms of Service.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { checkSubdomain } from '../../schemas/index.ts'
import { ApiError } from '../api-client.ts'
import { useSession } from '../app-context.ts'
import { PageHead } from '../components/page-head.tsx'
import { useConfirm } from '../components/confirm.tsx'
import { TextField, SelectField, bindFields } from '../components/form-fields.tsx'
import { Field, type FieldErrors, FormError, errorsFrom } from '../components/field.tsx'
import { ErrorState, Loading, Notice } from '../components/states.tsx'
import { useResource } from '../components/use-resource.ts'
import { formatList, useLang, useT } from '../i18n.ts'
import { BASE, navigate } from '../router.ts'
import { FeatureMatrix } from './feature-matrix.tsx'
import { languageName, nameOf } from '../api-names.ts'

/** The form's values. */
interface Values {
  name: string
  subdomain: string
  instanceId: string
  language: string
  administratorId: string
  audience: string
  portalType: string
}

/** Checks what can be checked before asking the API (the same rules the API applies). */
export function checkValues(v: Values, t: ReturnType<typeof useT>): FieldErrors {
  const errors: FieldErrors = {}
  if (v.name.trim() === '') errors.name = t.required
  else if (v.name.trim().length > 200) errors.name = 'name must be at most 200 characters'
  const sub = checkSubdomain(v.subdomain)
  if (!sub.ok) errors.subdomain = sub.message
  if (!v.instanceId) errors.instanceId = t.required
  if (!v.language) errors.language = t.required
  if (!v.administratorId) errors.administratorId = t.required
  if (!v.audience) errors.audience = t.required
  if (!v.portalType) errors.portalType = t.required
  return errors
}

/** The provisioning form's page. */
export function Page() {
  const t = useT()
  const lang = useLang()
  const { api } = useSession()
  const confirm = useConfirm()
  const [values, setValues] = useState<Values>({
    name: '',
    subdomain: '',
    instanceId: '',
    language: '',
    administratorId: '',
    audience: '',
    portalType: '',
  })
  const [touched, setTouched] = useState<Record<string, boolean>>({})
  const [serverErrors, setServerErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const base = useResource(() => api.call('getProvisioningOptions'), [])
  const forInstance = useResource(
    () =>
      values.instanceId
        ? api.call('getProvisioningOptions', { query: { instanceId: values.instanceId } })
        : Promise.resolve(null),
    [values.instanceId],
  )
  const options = forInstance.data ?? null
  // A URL another portal uses is flagged as it is typed: asked once the typing pauses.
  const [takenSubdomain, setTakenSubdomain] = useState<string | null>(null)
  useEffect(() => {
    const checked = checkSubdomain(values.subdomain)
    if (!checked.ok) return
    let current = true
    const timer = setTimeout(() => {
      api
        .call('getProvisioningOptions', { query: { subdomain: checked.subdomain } })
        .then((answer) => {
          if (current) setTakenSubdomain(answer.subdomainTaken ? checked.subdomain : null)
        })
        .catch(() => undefined)
    }, 300)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [values.subdomain, api])
  const local = useMemo(() => checkValues(values, t), [values, t])
  const typed = checkSubdomain(values.subdomain)
  if (!local.subdomain && typed.ok && takenSubdomain === typed.subdomain) local.subdomain = t.subdomainTaken
  const shown: FieldErrors = { ...serverErrors }
  for (const [k, v] of Object.entries(local)) if (touched[k] && !shown[k]) shown[k] = v
  if (local.subdomain === t.subdomainTaken && !shown.subdomain) shown.subdomain = local.subdomain
  const [noLicence, setNoLicence] = useState(false)
  const formError = useRef<HTMLDivElement>(null)

  const set = (field: keyof Values, value: string) => {
    setValues((old) => {
      const next = { ...old, [field]: value }
      if (field === 'instanceId') Object.assign(next, { language: '', administratorId: '' })
      if (field === 'audience') next.portalType = ''
      return next
    })
    setTouched((old) => ({ ...old, [field]: true }))
    setServerErrors(({ [field]: _, _form, ...rest }) => rest)
  }
  const bind = bindFields(values, set)

  const submit = async (event: Event) => {
    event.preventDefault()
    setTouched(Object.fromEntries(Object.keys(values).map((k) => [k, true])))
    if (Object.keys(local).length > 0) {
      document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
      return
    }
    const accepted = await confirm({ title: t.termsTitle, body: t.termsText, confirmLabel: t.acceptTerms })
    if (!accepted) return
    setBusy(true)
    try {
      await api.call('provisionPortal', {
        body: {
          ...values,
          name: values.name.trim(),
          subdomain: values.subdomain.trim(),
          termsAccepted: true,
        } as OperationRequest<'provisionPortal'>['body'],
      })
      navigate('/portals')
    } catch (error) {
      const licence = error instanceof ApiError && error.code === 'no_licence_available'
      setNoLicence(licence)
      const errors = errorsFrom(t, error)
      setServerErrors(licence ? { _form: t.noFreeLicence } : errors)
      setBusy(false)
      // The answer comes after the Terms dialog, far below the fold: bring it (or its field) into view.
      requestAnimationFrame(() => {
        const field = Object.keys(errors).find((k) => k !== '_form')
        const target = field
          ? document.getElementById(field)
          : formError.current?.querySelector<HTMLElement>('[role="alert"]')
        target?.scrollIntoView({ block: 'center' })
        target?.focus()
      })
    }
  }

  if (base.error) return <ErrorState error={base.error} onRetry={base.reload} />
  if (!base.data) return <Loading />
  const instances = base.data.instances ?? []
  const audiences = (options ?? base.data).audiences
  const audience = audiences.find((a) => a.id === values.audience)

  return (
    <section aria-labelledby="page-title">
      <PageHead
        crumbs={[{ label: t.applicationsTitle, href: `${BASE}/portals` }, { label: t.portalAddOn }]}
        title={t.provisionPortal}
      />
      {instances.length === 0 ? (
        <ErrorState error={new Error(t.noInstances)} />
      ) : (
        <form class="card" onSubmit={submit} noValidate>
          {options?.type === null ? (
            <Notice kind="info">
              {t.noFreeLicence} <a href={`${BASE}/tenancy#licences`}>{t.goToLicences}</a>
            </Notice>
          ) : null}
          <h2>{t.generalSettings}</h2>
          <TextField id="name" label={t.name} error={shown.name} {...bind('name')} />
          <Field id="type" label={t.type} help={t.typeHelp}>
            {(c) => <input {...c} type="text" readOnly value={options?.type ?? t.typeUnknown} />}
          </Field>
          <TextField
            id="subdomain"
            label={t.portalUrl}
            help={t.portalUrlHelp}
            error={shown.subdomain}
            autoComplete="off"
            spellcheck={false}
            {...bind('subdomain')}
          />
          <SelectField
            id="instanceId"
            label={t.instance}
            help={t.instanceHelp}
            error={shown.instanceId}
            blank={t.chooseInstance}
            options={instances.map((i) => ({
              value: i.id,
              label: i.canProvision ? i.name : `${i.name} — ${t.cannotProvision}`,
              disabled: !i.canProvision,
            }))}
            {...bind('instanceId')}
          />
          {forInstance.error ? <ErrorState error={forInstance.error} onRetry={forInstance.reload} /> : null}
          <SelectField
            id="language"
            label={t.portalLanguage}
            help={t.portalLanguageHelp}
            error={shown.language}
            blank="—"
            options={(options?.languages ?? []).map((l) => ({
              value: l.code,
              label: (
                <>
                  {languageName(lang, l.code, l.name)} ({l.code})
                </>
              ),
            }))}
            disabled={!options}
            {...bind('language')}
          />
          <SelectField
            id="administratorId"
            label={t.portalAdministrator}
            help={t.portalAdministratorHelp}
            error={shown.administratorId}
            blank="—"
            options={(options?.administrators ?? []).map((a) => ({
              value: a.id,
              label: a.email ? `${a.name} <${a.email}>` : a.name,
            }))}
            disabled={!options}
            {...bind('administratorId')}
          />
          <fieldset aria-describedby={shown.audience ? 'audience-error' : undefined}>
            <legend>{t.portalAudience}</legend>
            {audiences.map((a) => (
              <label class="choice" key={a.id}>
                <input
                  type="radio"
                  name="audience"
                  value={a.id}
                  checked={values.audience === a.id}
                  onChange={() => set('audience', a.id)}
                />
                {t.audiences[a.id] ?? a.name}
              </label>
            ))}
            {shown.audience ? (
              <p class="field-error" id="audience-error">
                {shown.audience}
              </p>
            ) : null}
          </fieldset>
          {audience ? (
            <fieldset aria-describedby={shown.portalType ? 'portalType-error' : undefined}>
              <legend>{t.portalToDeploy}</legend>
              {audience.portalTypes.map((p) => (
                <label class="choice" key={p.id}>
                  <input
                    type="radio"
                    name="portalType"
                    value={p.id}
                    checked={values.portalType === p.id}
                    disabled={!p.available}
                    onChange={() => set('portalType', p.id)}
                  />
                  <span>
                    {nameOf(t, 'portalTypes', p.id, p.name)}
                    {p.requiresSolutions.length > 0 ? (
                      <span class="sub">
                        {t.requiresSolutions(
                          formatList(
                            lang,
                            p.requiresSolutions.map((s) => nameOf(t, 'solutions', s.id, s.name)),
                          ),
                        )}
                      </span>
                    ) : null}
                  </span>
                </label>
              ))}
              {shown.portalType ? (
                <p class="field-error" id="portalType-error">
                  {shown.portalType}
                </p>
              ) : null}
            </fieldset>
          ) : null}
          <FeatureMatrix options={options ?? base.data} portalType={values.portalType} />
          <div ref={formError}>
            <FormError errors={serverErrors} />
            {noLicence ? (
              <p>
                <a href={`${BASE}/tenancy#licences`}>{t.goToLicences}</a>
              </p>
            ) : null}
          </div>
          <div class="actions">
            <button type="submit" class="button button-primary" disabled={busy}>
              {busy ? t.submitting : t.submit}
            </button>
            <a class="button" href={`${BASE}/portals`}>
              {t.cancel}
            </a>
          </div>
        </form>
      )}
    </section>
  )
}
