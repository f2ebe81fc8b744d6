/**
 * Journey lookup: pick a hub, find a contact (by name, email or id) and a case
 * time; the journey widget renders with a freshly minted per-contact read
 * token (15 minutes), as a case form would embed it; then the contact's data:
 * Export and Erase (contact-rights.tsx).
 */
import { useState } from 'preact/hooks'
import { listAll } from '../api-client.ts'
import { useSession } from '../app-context.ts'
import { Field, type FieldErrors, FormError, errorsFrom } from '../components/field.tsx'
import { SelectField, TextField, named } from '../components/form-fields.tsx'
import { JourneyHost, type JourneyView } from '../components/journey-host.tsx'
import { Picker } from '../components/picker.tsx'
import { ErrorState, Loading } from '../components/states.tsx'
import { useContactChoices } from '../components/use-choices.ts'
import { useResource } from '../components/use-resource.ts'
import { useGuidedWords } from '../guided-words.ts'
import { useLang, useT } from '../i18n.ts'
import { toLocalInput } from '../local-time.ts'
import { type ContactRef, ContactRights } from './contact-rights.tsx'

const WINDOWS = ['PT24H', 'P7D', 'P30D'] as const

/** The Journey lookup page. */
export function Page() {
  const t = useT()
  const lang = useLang()
  const { api } = useSession()
  const hubs = useResource(() => listAll(api, 'listHubs', 'hubs'), [])
  const w = useGuidedWords()
  const contacts = useContactChoices()
  const [hubId, setHubId] = useState('')
  const [contactId, setContactId] = useState('')
  const [caseTime, setCaseTime] = useState(() => toLocalInput(new Date()))
  const [window, setWindow] = useState<string>('P7D')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [view, setView] = useState<JourneyView | null>(null)
  // Who is shown (their name when the lookup found one), for Export and Erase; and the widget's
  // generation: an erasure that is done draws the journey again, which then holds nothing.
  const [shown, setShown] = useState<ContactRef | null>(null)
  const [generation, setGeneration] = useState(0)

  const show = async (e: Event) => {
    e.preventDefault()
    const hub = hubs.data?.find((h) => h.id === hubId)
    const found: FieldErrors = {}
    if (!hub) found.hub = t.required
    if (!contactId) found.contact = w.pickFirst('contact')
    const before = new Date(caseTime)
    if (Number.isNaN(before.getTime())) found.caseTime = t.required
    setErrors(found)
    if (!hub || Object.keys(found).length > 0) return
    const key = hub.keys.find((k) => k.rights.includes('read'))
    if (!key) return setErrors({ _form: t.noReadKey })
    try {
      const minted = await api.call('mintHubToken', {
        params: { hubId: hub.id },
        body: {
          keyName: key.keyName,
          resource: { kind: 'contact', contactId },
          ttlSeconds: 900,
        },
      })
      setView({ hubId: hub.id, contactId, before: before.toISOString(), window, token: minted.token, lang })
      const known = contacts.data?.find((c) => c.id === contactId)
      setShown({ hubId: hub.id, contactId, name: known?.label ?? null })
    } catch (error) {
      setErrors(errorsFrom(t, error, { 'resource.contactId': 'contact' }))
    }
  }

  if (hubs.error && !hubs.data) return <ErrorState error={hubs.error} onRetry={hubs.reload} />
  if (!hubs.data) return <Loading />
  return (
    <section aria-labelledby="page-title">
      <div class="page-head">
        <h1 id="page-title">{t.journeyTitle}</h1>
      </div>
      <p class="lead">{t.journeyIntro}</p>
      <form class="card journey-form" onSubmit={show} noValidate>
        <SelectField
          id="journey-hub"
          label={t.hub}
          error={errors.hub}
          blank={t.chooseHub}
          options={named(hubs.data)}
          value={hubId}
          onValue={setHubId}
        />
        <Field id="journey-contact" label={t.contactSearch} error={errors.contact}>
          {(c) => (
            <Picker
              {...c}
              label={t.contactSearch}
              options={contacts.data ?? []}
              placeholder={w.pickContactPlaceholder}
              value={contactId}
              onChange={setContactId}
            />
          )}
        </Field>
        <div class="inline">
          <TextField
            id="journey-time"
            label={t.caseTime}
            type="datetime-local"
            error={errors.caseTime}
            value={caseTime}
            onValue={setCaseTime}
          />
          <SelectField
            id="journey-window"
            label={t.windowLabel}
            options={WINDOWS.map((w) => ({ value: w, label: t.windows[w] }))}
            value={window}
            onValue={setWindow}
          />
          <button type="submit" class="button button-primary">
            {t.showJourney}
          </button>
        </div>
        <FormError errors={errors} />
      </form>
      {shown ? (
        <ContactRights
          key={`${shown.hubId}/${shown.contactId}`}
          contact={shown}
          onErased={() => setGeneration((n) => n + 1)}
        />
      ) : null}
      {view ? (
        <div class="card">
          <JourneyHost
            key={generation}
            view={view}
            onError={(error) => setErrors({ _form: error.message })}
          />
        </div>
      ) : null}
    </section>
  )
}
