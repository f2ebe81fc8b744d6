import type { OperationRequest } from '../../schemas/index.ts'
import { useState } from 'preact/hooks'
import { checkSubdomain } from '../../schemas/index.ts'
import type { Portal } from '../api-types.ts'
import { useSession } from '../app-context.ts'
import { Field, type FieldErrors, FormError, errorsFrom } from '../components/field.tsx'
import { ErrorState, Loading } from '../components/states.tsx'
import { useResource } from '../components/use-resource.ts'
import { useLang, useT } from '../i18n.ts'
import { languageName } from '../api-names.ts'

/**
 * Change Values and Restart Provisioning: the values that may change (not the
 * instance, not the Type), prefilled, then provisioning starts again.
 */
export function ChangeValuesForm(props: { portal: Portal; onDone: () => void }) {
  const t = useT()
  const lang = useLang()
  const { api } = useSession()
  const p = props.portal
  const [v, setV] = useState<
    Record<'name' | 'subdomain' | 'language' | 'administratorId' | 'audience' | 'portalType', string>
  >({
    name: p.name,
    subdomain: p.subdomain,
    language: p.language,
    administratorId: p.administratorId,
    audience: p.audience,
    portalType: p.portalType,
  })
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const options = useResource(
    () => api.call('getProvisioningOptions', { query: { instanceId: p.instanceId } }),
    [p.instanceId],
  )
  const set = (field: keyof typeof v, value: string) => {
    setV((old) => ({ ...old, [field]: value, ...(field === 'audience' ? { portalType: '' } : {}) }))
    const sub = field === 'subdomain' ? checkSubdomain(value) : null
    setErrors(({ [field]: _, _form, ...rest }) =>
      sub && !sub.ok ? { ...rest, subdomain: sub.message } : rest,
    )
  }
  if (options.error) return <ErrorState error={options.error} onRetry={options.reload} />
  if (!options.data) return <Loading />
  const audience = options.data.audiences.find((a) => a.id === v.audience)
  return (
    <form
      class="subform"
      onSubmit={async (e) => {
        e.preventDefault()
        const sub = checkSubdomain(v.subdomain)
        if (!sub.ok) return setErrors({ subdomain: sub.message })
        if (!v.portalType) return setErrors({ portalType: t.required })
        setBusy(true)
        try {
          await api.call('changeValuesAndRestart', {
            params: { portalId: p.id },
            body: v as OperationRequest<'changeValuesAndRestart'>['body'],
          })
          props.onDone()
        } catch (error) {
          setErrors(errorsFrom(t, error))
        } finally {
          setBusy(false)
        }
      }}
      noValidate
    >
      <h3>{t.changeValuesAndRestart}</h3>
      <Field id="cv-name" label={t.name} error={errors.name}>
        {(c) => (
          <input {...c} type="text" value={v.name} onInput={(e) => set('name', e.currentTarget.value)} />
        )}
      </Field>
      <Field id="cv-subdomain" label={t.portalUrl} help={t.portalUrlHelp} error={errors.subdomain}>
        {(c) => (
          <input
            {...c}
            type="text"
            value={v.subdomain}
            onInput={(e) => set('subdomain', e.currentTarget.value)}
          />
        )}
      </Field>
      <Field id="cv-language" label={t.portalLanguage} error={errors.language}>
        {(c) => (
          <select {...c} value={v.language} onChange={(e) => set('language', e.currentTarget.value)}>
            {(options.data?.languages ?? []).map((l) => (
              <option key={l.code} value={l.code}>
                {languageName(lang, l.code, l.name)} ({l.code})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="cv-admin" label={t.portalAdministrator} error={errors.administratorId}>
        {(c) => (
          <select
            {...c}
            value={v.administratorId}
            onChange={(e) => set('administratorId', e.currentTarget.value)}
          >
            {(options.data?.administrators ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="cv-audience" label={t.portalAudience} error={errors.audience}>
        {(c) => (
          <select {...c} value={v.audience} onChange={(e) => set('audience', e.currentTarget.value)}>
            {options.data!.audiences.map((a) => (
              <option key={a.id} value={a.id}>
                {t.audiences[a.id] ?? a.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="cv-type" label={t.portalToDeploy} error={errors.portalType}>
        {(c) => (
          <select {...c} value={v.portalType} onChange={(e) => set('portalType', e.currentTarget.value)}>
            <option value="">—</option>
            {(audience?.portalTypes ?? []).map((pt) => (
              <option key={pt.id} value={pt.id} disabled={!pt.available}>
                {pt.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FormError errors={errors} />
      <button type="submit" class="button button-primary" disabled={busy}>
        {t.changeValuesAndRestart}
      </button>
    </form>
  )
}
