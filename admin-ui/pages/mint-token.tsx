import { useState } from 'preact/hooks'
import type { MintedToken } from '../../schemas/index.ts'
import type { HubView } from '../api-types.ts'
import { useSession } from '../app-context.ts'
import { SelectField } from '../components/form-fields.tsx'
import { Field, type FieldErrors, FormError, errorsFrom } from '../components/field.tsx'
import { Picker } from '../components/picker.tsx'
import { CopyButton } from '../components/secret.tsx'
import { useContactChoices, usePortalChoices } from '../components/use-choices.ts'
import { useGuidedWords } from '../guided-words.ts'
import { formatDateTime, formatList, useLang, useT } from '../i18n.ts'

const LIFETIMES = ['900', '3600', '86400', '604800'] as const

/**
 * Mint a token for the hub, a portal or a contact (picked by name, never typed
 * as an id), signed with one of the hub's keys, for a lifetime.
 */
export function MintToken(props: { hub: HubView }) {
  const t = useT()
  const w = useGuidedWords()
  const portals = usePortalChoices()
  const contacts = useContactChoices()
  const lang = useLang()
  const { api } = useSession()
  const h = props.hub
  const [kind, setKind] = useState<'hub' | 'portal' | 'contact'>('contact')
  const [resourceId, setResourceId] = useState('')
  const [ttl, setTtl] = useState<string>('900')
  const [keyName, setKeyName] = useState(h.keys[0]?.keyName ?? '')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [minted, setMinted] = useState<MintedToken | null>(null)
  const submit = async (e: Event) => {
    e.preventDefault()
    setMinted(null)
    if (kind !== 'hub' && !resourceId) return setErrors({ resourceId: w.pickFirst(kind) })
    const resource =
      kind === 'hub'
        ? { kind }
        : kind === 'portal'
          ? { kind, portalId: resourceId.trim() }
          : { kind, contactId: resourceId.trim() }
    try {
      setMinted(
        await api.call('mintHubToken', {
          params: { hubId: h.id },
          body: { keyName, resource, ttlSeconds: Number(ttl) },
        }),
      )
      setErrors({})
    } catch (error) {
      setErrors(
        errorsFrom(t, error, { 'resource.portalId': 'resourceId', 'resource.contactId': 'resourceId' }),
      )
    }
  }
  return (
    <div class="card">
      <h2>{t.mintTitle}</h2>
      <p class="lead">{t.mintIntro}</p>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t.resource}</legend>
          {(['hub', 'portal', 'contact'] as const).map((k) => (
            <label class="choice" key={k}>
              <input
                type="radio"
                name="resource"
                checked={kind === k}
                onChange={() => {
                  setKind(k)
                  setResourceId('')
                }}
              />
              {t.resourceKinds[k]}
            </label>
          ))}
        </fieldset>
        {kind !== 'hub' ? (
          <Field id="resource-id" label={w.portalOrContact(kind)} error={errors.resourceId}>
            {(c) => (
              <Picker
                {...c}
                key={kind}
                label={w.portalOrContact(kind)}
                options={(kind === 'portal' ? portals.data : contacts.data) ?? []}
                placeholder={kind === 'portal' ? w.pickPortalPlaceholder : w.pickContactPlaceholder}
                value={resourceId}
                onChange={setResourceId}
              />
            )}
          </Field>
        ) : null}
        <SelectField
          id="signing-key"
          label={t.signingKey}
          error={errors.keyName}
          options={h.keys.map((k) => ({
            value: k.keyName,
            label: (
              <>
                {k.keyName} (
                {formatList(
                  lang,
                  k.rights.map((r) => t.rightNames[r] ?? r),
                )}
                )
              </>
            ),
          }))}
          value={keyName}
          onValue={setKeyName}
        />
        <SelectField
          id="lifetime"
          label={t.lifetime}
          error={errors.ttlSeconds}
          options={LIFETIMES.map((s) => ({ value: s, label: t.lifetimes[s] }))}
          value={ttl}
          onValue={setTtl}
        />
        <FormError errors={errors} />
        <button type="submit" class="button button-primary">
          {t.mint}
        </button>
      </form>
      {minted ? (
        <div class="minted" role="status">
          <dl class="facts">
            <dt>{t.resource}</dt>
            <dd>
              <code>{minted.resourceUri}</code>
            </dd>
            <dt>{t.expires}</dt>
            <dd>{formatDateTime(lang, minted.expiresAt)}</dd>
          </dl>
          <code class="token-out" data-token>
            {minted.token}
          </code>
          <div class="actions">
            <CopyButton value={minted.token} label={t.mintTitle} primary />
          </div>
        </div>
      ) : null}
    </div>
  )
}
