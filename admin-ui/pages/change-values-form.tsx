import type { OperationRequest } from '../../schemas/index.ts'
import { useState } from 'preact/hooks'
import { checkSubdomain } from '../../schemas/index.ts'
import type { Portal } from '../api-types.ts'
import { useSession } from '../app-context.ts'
import { TextField, SelectField, bindFields } from '../components/form-fields.tsx'
import { type FieldErrors, FormError, errorsFrom } from '../components/field.tsx'
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
  const bind = bindFields(v, set)
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
      <TextField id="cv-name" label={t.name} error={errors.name} {...bind('name')} />
      <TextField
        id="cv-subdomain"
        label={t.portalUrl}
        help={t.portalUrlHelp}
        error={errors.subdomain}
        {...bind('subdomain')}
      />
      <SelectField
        id="cv-language"
        label={t.portalLanguage}
        error={errors.language}
        options={(options.data?.languages ?? []).map((l) => ({
          value: l.code,
          label: (
            <>
              {languageName(lang, l.code, l.name)} ({l.code})
            </>
          ),
        }))}
        {...bind('language')}
      />
      <SelectField
        id="cv-admin"
        label={t.portalAdministrator}
        error={errors.administratorId}
        options={(options.data?.administrators ?? []).map((a) => ({ value: a.id, label: a.name }))}
        {...bind('administratorId')}
      />
      <SelectField
        id="cv-audience"
        label={t.portalAudience}
        error={errors.audience}
        options={options.data!.audiences.map((a) => ({ value: a.id, label: t.audiences[a.id] ?? a.name }))}
        {...bind('audience')}
      />
      <SelectField
        id="cv-type"
        label={t.portalToDeploy}
        error={errors.portalType}
        blank="—"
        options={(audience?.portalTypes ?? []).map((pt) => ({
          value: pt.id,
          label: pt.name,
          disabled: !pt.available,
        }))}
        {...bind('portalType')}
      />
      <FormError errors={errors} />
      <button type="submit" class="button button-primary" disabled={busy}>
        {t.changeValuesAndRestart}
      </button>
    </form>
  )
}
