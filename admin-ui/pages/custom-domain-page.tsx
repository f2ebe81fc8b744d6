/**
 * Portal Actions -> Add a Custom Domain Name: the seed's wizard. The
 * certificate (upload a new `.pfx` with its password, or use an existing
 * one), the host name (add a new one, or use an existing one), review, Next,
 * then the seed's success message with its link, and Finish.
 */
import { useState } from 'preact/hooks'
import type { CustomDomainCreated, CustomDomainReview } from '../../schemas/index.ts'
import { ApiError, seg } from '../api-client.ts'
import { useSession } from '../app-context.ts'
import { PageHead, portalCrumbs } from '../components/page-head.tsx'
import { useConfirm } from '../components/confirm.tsx'
import { TextField, SelectField } from '../components/form-fields.tsx'
import { Field, type FieldErrors, FormError, errorsFrom } from '../components/field.tsx'
import { ErrorState, Loading, Notice, describeError } from '../components/states.tsx'
import { useResource } from '../components/use-resource.ts'
import { formatDateTime, formatList, useLang, useT } from '../i18n.ts'
import { BASE, navigate } from '../router.ts'
import { SuccessMessage, fileToBase64, isSelfSigned } from './custom-domain-parts.tsx'

type Step = 'certificate' | 'host' | 'review' | 'done'

/** The Add a Custom Domain Name wizard of one portal. */
export function Page(props: { params: Record<string, string> }) {
  const t = useT()
  const lang = useLang()
  const { api } = useSession()
  const id = props.params.portalId!
  const base = `/v1/admin/portals/${seg(id)}/custom-domain`
  const portal = useResource(() => api.call('getPortal', { params: { portalId: id } }), [id])
  const certificates = useResource(
    () => api.call('listPortalCertificates', { params: { portalId: id } }).then((r) => r.certificates),
    [base],
  )
  const hosts = useResource(
    () => api.call('listHostNames', { params: { portalId: id } }).then((r) => r.hostNames),
    [base],
  )
  const confirm = useConfirm()
  // The portal's current binding, or null when it has none (404 custom_domain_not_configured).
  const current = useResource(
    () =>
      api.call('getCustomDomain', { params: { portalId: id } }).catch((error: unknown) => {
        if (error instanceof ApiError && error.code === 'custom_domain_not_configured') return null
        throw error
      }),
    [base],
  )
  const [removeError, setRemoveError] = useState<string | null>(null)
  const [step, setStep] = useState<Step>('certificate')
  const [certMode, setCertMode] = useState<'upload' | 'existing'>('upload')
  const [file, setFile] = useState<File | null>(null)
  const [password, setPassword] = useState('')
  const [certificateId, setCertificateId] = useState('')
  const [hostMode, setHostMode] = useState<'new' | 'existing'>('new')
  const [hostName, setHostName] = useState('')
  const [review, setReview] = useState<CustomDomainReview | null>(null)
  const [created, setCreated] = useState<CustomDomainCreated | null>(null)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)

  const run = async (work: () => Promise<void>, aliases: Record<string, string> = {}) => {
    setBusy(true)
    setErrors({})
    try {
      await work()
    } catch (error) {
      setErrors(errorsFrom(t, error, aliases))
    } finally {
      setBusy(false)
    }
  }
  const nextFromCertificate = (e: Event) => {
    e.preventDefault()
    if (certMode === 'existing') {
      if (!certificateId) return setErrors({ certificateId: t.required })
      return setStep('host')
    }
    if (!file) return setErrors({ pfx: t.required })
    void run(
      async () => {
        const cert = await api.call('uploadCertificate', {
          params: { portalId: id },
          body: { pfx: await fileToBase64(file), password, name: file.name },
        })
        setCertificateId(cert.id)
        await certificates.reload()
        setStep('host')
      },
      { pfx: 'pfx' },
    )
  }
  const nextFromHost = (e: Event) => {
    e.preventDefault()
    if (!hostName.trim()) return setErrors({ hostName: t.required })
    void run(async () => {
      if (hostMode === 'new') {
        await api.call('addHostName', { params: { portalId: id }, body: { hostName: hostName.trim() } })
        await hosts.reload()
      }
      setReview(
        await api.call('reviewCustomDomain', {
          params: { portalId: id },
          body: { certificateId, hostName: hostName.trim() },
        }),
      )
      setStep('review')
    })
  }
  const create = () =>
    run(async () => {
      setCreated(
        await api.call('bindCustomDomain', {
          params: { portalId: id },
          body: { certificateId, hostName: hostName.trim() },
        }),
      )
      setStep('done')
    })

  if (portal.error && !portal.data) return <ErrorState error={portal.error} onRetry={portal.reload} />
  if (!portal.data || !certificates.data || !hosts.data) {
    const error = certificates.error ?? hosts.error
    return error ? <ErrorState error={error} onRetry={certificates.reload} /> : <Loading />
  }
  const free = hosts.data.filter((h) => h.portalId === null || h.portalId === id)
  const steps: Array<[Step, string]> = [
    ['certificate', t.stepCertificate],
    ['host', t.stepHostName],
    ['review', t.stepReview],
  ]
  return (
    <section aria-labelledby="page-title">
      <PageHead crumbs={portalCrumbs(t, id, portal.data.name, t.portalActions)} title={t.addCustomDomain} />
      {current.data && step !== 'done' ? (
        <div class="card">
          <h2>{t.currentCustomDomain}</h2>
          <dl class="facts">
            <dt>{t.domainName}</dt>
            <dd>
              <a href={current.data.url} target="_blank" rel="noopener noreferrer">
                {current.data.hostName}
              </a>
            </dd>
            <dt>{t.certificate}</dt>
            <dd>
              {current.data.certificate.subject} — {t.expires}{' '}
              {formatDateTime(lang, current.data.certificate.notAfter)}
            </dd>
          </dl>
          {removeError ? <Notice kind="error">{removeError}</Notice> : null}
          <div class="actions">
            <button
              type="button"
              class="button button-danger"
              onClick={async () => {
                const ok = await confirm({
                  title: t.removeCustomDomain,
                  body: t.confirmRemoveCustomDomain(current.data!.hostName),
                  confirmLabel: t.removeCustomDomain,
                  danger: true,
                })
                if (!ok) return
                try {
                  // With the binding's version: one another admin replaced meanwhile answers 412.
                  await api.call(
                    'unbindCustomDomain',
                    { params: { portalId: id } },
                    { ifMatch: api.etagOf(current.data) },
                  )
                  setRemoveError(null)
                  await current.reload()
                } catch (error) {
                  setRemoveError(describeError(t, error))
                }
              }}
            >
              {t.removeCustomDomain}
            </button>
          </div>
          <p class="help">{t.oneCustomDomain}</p>
        </div>
      ) : null}
      <ol class="wizard-steps">
        {steps.map(([s, label], n) => (
          <li key={s} aria-current={step === s ? 'step' : undefined}>
            {n + 1}. {label}
          </li>
        ))}
      </ol>
      <div class="card">
        {step === 'certificate' ? (
          <form onSubmit={nextFromCertificate} noValidate>
            <fieldset>
              <legend>{t.stepCertificate}</legend>
              <label class="choice">
                <input
                  type="radio"
                  name="cert"
                  checked={certMode === 'upload'}
                  onChange={() => setCertMode('upload')}
                />
                {t.uploadCertificate}
              </label>
              <label class="choice">
                <input
                  type="radio"
                  name="cert"
                  checked={certMode === 'existing'}
                  disabled={certificates.data.length === 0}
                  onChange={() => setCertMode('existing')}
                />
                {t.useExistingCertificate}
              </label>
            </fieldset>
            {certMode === 'upload' ? (
              <>
                <Field id="pfx" label={t.pfxFile} help={t.pfxHelp} error={errors.pfx}>
                  {(c) => (
                    <input
                      {...c}
                      type="file"
                      accept=".pfx,.p12,application/x-pkcs12"
                      onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
                    />
                  )}
                </Field>
                <TextField
                  id="pfx-password"
                  label={t.password}
                  error={errors.password}
                  type="password"
                  autoComplete="off"
                  value={password}
                  onValue={setPassword}
                />
              </>
            ) : (
              <SelectField
                id="certificateId"
                label={t.certificate}
                error={errors.certificateId}
                blank="—"
                options={certificates.data!.map((cert) => ({
                  value: cert.id,
                  label: (
                    <>
                      {cert.name} — {formatList(lang, cert.subjectAltNames)} ({t.expires}{' '}
                      {formatDateTime(lang, cert.notAfter)})
                    </>
                  ),
                }))}
                value={certificateId}
                onValue={setCertificateId}
              />
            )}
            <FormError errors={errors} />
            <div class="actions">
              <button type="submit" class="button button-primary" disabled={busy}>
                {t.next}
              </button>
              <a class="button" href={`${BASE}/portals/${seg(id)}`}>
                {t.cancel}
              </a>
            </div>
          </form>
        ) : null}
        {step === 'host' ? (
          <form onSubmit={nextFromHost} noValidate>
            <fieldset>
              <legend>{t.stepHostName}</legend>
              <label class="choice">
                <input
                  type="radio"
                  name="host"
                  checked={hostMode === 'new'}
                  onChange={() => setHostMode('new')}
                />
                {t.addHostName}
              </label>
              <label class="choice">
                <input
                  type="radio"
                  name="host"
                  checked={hostMode === 'existing'}
                  disabled={free.length === 0}
                  onChange={() => setHostMode('existing')}
                />
                {t.useExistingHostName}
              </label>
            </fieldset>
            {hostMode === 'new' ? (
              <TextField
                id="hostName"
                label={t.domainName}
                help={t.domainNameHelp}
                error={errors.hostName}
                value={hostName}
                onValue={setHostName}
              />
            ) : (
              <SelectField
                id="hostName"
                label={t.domainName}
                error={errors.hostName}
                blank="—"
                options={free.map((h) => ({ value: h.hostName, label: h.hostName }))}
                value={hostName}
                onValue={setHostName}
              />
            )}
            <FormError errors={errors} />
            <div class="actions">
              <button type="button" class="button" onClick={() => setStep('certificate')}>
                {t.back}
              </button>
              <button type="submit" class="button button-primary" disabled={busy}>
                {t.next}
              </button>
            </div>
          </form>
        ) : null}
        {step === 'review' && review ? (
          <div>
            <dl class="facts">
              <dt>{t.domainName}</dt>
              <dd>{review.hostName}</dd>
              <dt>CNAME</dt>
              <dd>
                {review.hostName} → <code>{review.cnameTarget}</code>
              </dd>
              <dt>{t.certificate}</dt>
              <dd>
                {review.certificate.subject} ({formatList(lang, review.certificate.subjectAltNames)}) —{' '}
                {t.expires} {formatDateTime(lang, review.certificate.notAfter)}
              </dd>
              <dt>{t.colUrl}</dt>
              <dd>{review.url}</dd>
            </dl>
            {isSelfSigned(review.certificate) ? <Notice kind="error">{t.selfSignedWarning}</Notice> : null}
            <FormError errors={errors} />
            <div class="actions">
              <button type="button" class="button" onClick={() => setStep('host')}>
                {t.back}
              </button>
              <button type="button" class="button button-primary" disabled={busy} onClick={create}>
                {t.next}
              </button>
            </div>
          </div>
        ) : null}
        {step === 'done' && created ? (
          <div>
            <Notice kind="success">
              <SuccessMessage created={created} />
            </Notice>
            <div class="actions">
              <button
                type="button"
                class="button button-primary"
                onClick={() => navigate(`/portals/${seg(id)}`)}
              >
                {t.finish}
              </button>
            </div>
          </div>
        ) : null}
      </div>
    </section>
  )
}
