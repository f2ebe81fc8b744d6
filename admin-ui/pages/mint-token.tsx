import { useState } from 'preact/hooks'
import type { MintedToken } from '../../schemas/index.ts'
import type { HubView } from '../api-types.ts'
import { useSession } from '../app-context.ts'
import { Field, type FieldErrors, FormError, errorsFrom } from '../components/field.tsx'
import { copyText } from '../components/secret.tsx'
import { formatDateTime, useLang, useT } from '../i18n.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const LIFETIMES = ['900', '3600', '86400', '604800'] as const

/** Mint a token for the hub, a portal or a contact, signed with one of the hub's keys, for a lifetime. */
export function MintToken(props: { hub: HubView }) {
  const t = useT()
  const lang = useLang()
  const { api } = useSession()
  const h = props.hub
  const [kind, setKind] = useState<'hub' | 'portal' | 'contact'>('contact')
  const [resourceId, setResourceId] = useState('')
  const [ttl, setTtl] = useState<string>('900')
  const [keyName, setKeyName] = useState(h.keys[0]?.keyName ?? '')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [minted, setMinted] = useState<MintedToken | null>(null)
  const [copied, setCopied] = useState<boolean | null>(null)
  const submit = async (e: Event) => {
    e.preventDefault()
    setMinted(null)
    setCopied(null)
    if (kind !== 'hub' && !UUID.test(resourceId.trim())) return setErrors({ resourceId: t.idInvalid })
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
              <input type="radio" name="resource" checked={kind === k} onChange={() => setKind(k)} />
              {t.resourceKinds[k]}
            </label>
          ))}
        </fieldset>
        {kind !== 'hub' ? (
          <Field id="resource-id" label={t.resourceId} error={errors.resourceId}>
            {(c) => (
              <input
                {...c}
                type="text"
                spellcheck={false}
                value={resourceId}
                onInput={(e) => setResourceId(e.currentTarget.value)}
              />
            )}
          </Field>
        ) : null}
        <Field id="signing-key" label={t.signingKey} error={errors.keyName}>
          {(c) => (
            <select {...c} value={keyName} onChange={(e) => setKeyName(e.currentTarget.value)}>
              {h.keys.map((k) => (
                <option key={k.keyName} value={k.keyName}>
                  {k.keyName} ({k.rights.map((r) => t.rightNames[r] ?? r).join(', ')})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="lifetime" label={t.lifetime} error={errors.ttlSeconds}>
          {(c) => (
            <select {...c} value={ttl} onChange={(e) => setTtl(e.currentTarget.value)}>
              {LIFETIMES.map((s) => (
                <option key={s} value={s}>
                  {t.lifetimes[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
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
            <button
              type="button"
              class="button"
              onClick={async () => setCopied(await copyText(minted.token))}
            >
              {t.copy}
            </button>
            <span class="muted">{copied === true ? t.copied : copied === false ? t.copyFailed : ''}</span>
          </div>
        </div>
      ) : null}
    </div>
  )
}
