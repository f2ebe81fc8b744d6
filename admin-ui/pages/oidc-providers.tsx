/**
 * Portal Actions -> Sign-in -> OpenID Connect providers: the providers a
 * portal's visitors may sign in with (add, edit, remove), each with the
 * redirect URI to register at the provider. The client secret is never shown:
 * "set", or "changed" once an edit replaced it.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import type { OperationOutput, OperationRequest } from '../../schemas/index.ts'
import { useSession } from '../app-context.ts'
import { Field, type FieldErrors, FormError, errorsFrom } from '../components/field.tsx'
import { Notice } from '../components/states.tsx'
import { useResource } from '../components/use-resource.ts'
import { useLang, useT } from '../i18n.ts'

type Provider = OperationOutput<'listPortalOidcProviders'>['providers'][number]

/** This card's words in en/fr/de, in the page's own chunk (like the rest of the Sign-in page). */
const WORDS = {
  en: {
    oidcTitle: 'OpenID Connect providers',
    oidcHelp:
      'Visitors see “Sign in with …” for each. On a first sign-in they see a consent page saying what the provider shares (name, e-mail).',
    oidcNone: 'No provider yet: visitors sign in with an account only.',
    oidcName: 'Button name',
    oidcNameHelp: 'Shown as “Sign in with {name}”.',
    oidcIssuer: 'Issuer',
    oidcIssuerHelp: 'An https URL, e.g. https://login.microsoftonline.com/{tenant id}/v2.0 for Entra ID.',
    oidcClientId: 'Client ID',
    oidcSecret: 'Client secret',
    oidcSecretKeep: 'Leave empty to keep the secret that is set.',
    oidcSecretSet: 'set',
    oidcSecretChanged: 'changed',
    oidcRedirect: 'Redirect URI (register it at the provider)',
    oidcAdd: 'Add provider',
    oidcEdit: 'Edit',
    oidcSave: 'Save provider',
    oidcCancel: 'Cancel',
    oidcRemove: 'Remove',
    oidcAdded: (name: string) => `${name} added.`,
    oidcSaved: (name: string) => `${name} saved.`,
    oidcRemoved: (name: string) => `${name} removed: its users’ consents went with it.`,
  },
  fr: {
    oidcTitle: 'Fournisseurs OpenID Connect',
    oidcHelp:
      'Les visiteurs voient « Se connecter avec … » pour chacun. À la première connexion, une page de consentement indique ce que le fournisseur partage (nom, adresse e-mail).',
    oidcNone: 'Aucun fournisseur : les visiteurs se connectent seulement avec un compte.',
    oidcName: 'Nom du bouton',
    oidcNameHelp: 'Affiché « Se connecter avec {nom} ».',
    oidcIssuer: 'Émetteur',
    oidcIssuerHelp:
      'Une URL https, par exemple https://login.microsoftonline.com/{id du locataire}/v2.0 pour Entra ID.',
    oidcClientId: 'ID client',
    oidcSecret: 'Secret client',
    oidcSecretKeep: 'Laissez vide pour garder le secret défini.',
    oidcSecretSet: 'défini',
    oidcSecretChanged: 'modifié',
    oidcRedirect: 'URI de redirection (à enregistrer chez le fournisseur)',
    oidcAdd: 'Ajouter le fournisseur',
    oidcEdit: 'Modifier',
    oidcSave: 'Enregistrer le fournisseur',
    oidcCancel: 'Annuler',
    oidcRemove: 'Supprimer',
    oidcAdded: (name: string) => `${name} ajouté.`,
    oidcSaved: (name: string) => `${name} enregistré.`,
    oidcRemoved: (name: string) => `${name} supprimé : les consentements de ses utilisateurs aussi.`,
  },
  de: {
    oidcTitle: 'OpenID-Connect-Anbieter',
    oidcHelp:
      'Besucher sehen für jeden „Mit … anmelden“. Bei der ersten Anmeldung zeigt eine Zustimmungsseite, was der Anbieter teilt (Name, E-Mail-Adresse).',
    oidcNone: 'Noch kein Anbieter: Besucher melden sich nur mit einem Konto an.',
    oidcName: 'Name der Schaltfläche',
    oidcNameHelp: 'Angezeigt als „Mit {Name} anmelden“.',
    oidcIssuer: 'Aussteller',
    oidcIssuerHelp:
      'Eine https-URL, z. B. https://login.microsoftonline.com/{Mandanten-ID}/v2.0 für Entra ID.',
    oidcClientId: 'Client-ID',
    oidcSecret: 'Geheimer Clientschlüssel',
    oidcSecretKeep: 'Leer lassen, um den gesetzten Schlüssel zu behalten.',
    oidcSecretSet: 'gesetzt',
    oidcSecretChanged: 'geändert',
    oidcRedirect: 'Umleitungs-URI (beim Anbieter eintragen)',
    oidcAdd: 'Anbieter hinzufügen',
    oidcEdit: 'Bearbeiten',
    oidcSave: 'Anbieter speichern',
    oidcCancel: 'Abbrechen',
    oidcRemove: 'Entfernen',
    oidcAdded: (name: string) => `${name} hinzugefügt.`,
    oidcSaved: (name: string) => `${name} gespeichert.`,
    oidcRemoved: (name: string) => `${name} entfernt: die Zustimmungen seiner Benutzer ebenfalls.`,
  },
}

const EMPTY = { name: '', issuer: '', clientId: '', clientSecret: '' }

/** The OpenID providers card of a portal's Sign-in page. */
export function OidcProviders(props: { portalId: string }) {
  const lang = useLang()
  const t = { ...useT(), ...WORDS[lang] }
  const { api } = useSession()
  const id = props.portalId
  const list = useResource(() => api.call('listPortalOidcProviders', { params: { portalId: id } }), [id])
  // null: no form; 'new': adding; a provider id: editing it.
  const [editing, setEditing] = useState<string | null>(null)
  const [form, setForm] = useState(EMPTY)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notice, setNotice] = useState<string | null>(null)
  const [changed, setChanged] = useState<ReadonlySet<string>>(new Set())
  const [busy, setBusy] = useState(false)
  const formRef = useRef<HTMLFormElement>(null)
  // The form replaces the button that opened it: focus goes to its first field (keyboard users stay in place).
  useEffect(() => {
    if (editing !== null) formRef.current?.querySelector('input')?.focus()
  }, [editing])

  const open = (p: Provider | null) => {
    setErrors({})
    setNotice(null)
    setEditing(p ? p.id : 'new')
    setForm(p ? { name: p.name, issuer: p.issuer, clientId: p.clientId, clientSecret: '' } : EMPTY)
  }
  const act = async (fn: () => Promise<string>) => {
    setBusy(true)
    setErrors({})
    setNotice(null)
    try {
      setNotice(await fn())
      await list.reload()
    } catch (error) {
      setErrors(errorsFrom(t, error))
    } finally {
      setBusy(false)
    }
  }
  const save = () =>
    act(async () => {
      if (editing === 'new') {
        const made = await api.call('addPortalOidcProvider', { params: { portalId: id }, body: form })
        setEditing(null)
        return t.oidcAdded(made.name)
      }
      // Edited on the version read just now: someone else's change in between answers 412.
      const current = await api.call('getPortalOidcProvider', {
        params: { portalId: id, providerId: editing! },
      })
      const body: OperationRequest<'updatePortalOidcProvider'>['body'] = {
        name: form.name,
        issuer: form.issuer,
        clientId: form.clientId,
        ...(form.clientSecret ? { clientSecret: form.clientSecret } : {}),
      }
      const saved = await api.call(
        'updatePortalOidcProvider',
        { params: { portalId: id, providerId: editing! }, body },
        { ifMatch: api.etagOf(current) },
      )
      if (form.clientSecret) setChanged(new Set([...changed, saved.id]))
      setEditing(null)
      return t.oidcSaved(saved.name)
    })
  const field = (name: keyof typeof EMPTY) => (e: { currentTarget: HTMLInputElement }) =>
    setForm({ ...form, [name]: e.currentTarget.value })

  const providers = list.data?.providers ?? []
  return (
    <div class="card" id="oidc-providers">
      <h2>{t.oidcTitle}</h2>
      <p class="sub">{t.oidcHelp}</p>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {providers.length === 0 ? <p>{t.oidcNone}</p> : null}
      <ul class="action-list">
        {providers.map((p) => (
          <li key={p.id} data-provider={p.id}>
            <strong>{p.name}</strong>
            <dl>
              <dt>{t.oidcIssuer}</dt>
              <dd style={{ overflowWrap: 'anywhere' }}>{p.issuer}</dd>
              <dt>{t.oidcClientId}</dt>
              <dd style={{ overflowWrap: 'anywhere' }}>{p.clientId}</dd>
              <dt>{t.oidcSecret}</dt>
              <dd data-secret>{changed.has(p.id) ? t.oidcSecretChanged : t.oidcSecretSet}</dd>
              <dt>{t.oidcRedirect}</dt>
              <dd style={{ overflowWrap: 'anywhere' }}>
                <code>{p.redirectUri}</code>
              </dd>
            </dl>
            <p class="actions">
              <button type="button" class="button button-small" onClick={() => open(p)}>
                {t.oidcEdit}
                <span class="sr-only"> {p.name}</span>
              </button>
              <button
                type="button"
                class="button button-small button-danger"
                disabled={busy}
                onClick={() =>
                  act(async () => {
                    const current = await api.call('getPortalOidcProvider', {
                      params: { portalId: id, providerId: p.id },
                    })
                    await api.call(
                      'removePortalOidcProvider',
                      { params: { portalId: id, providerId: p.id } },
                      { ifMatch: api.etagOf(current) },
                    )
                    if (editing === p.id) setEditing(null)
                    return t.oidcRemoved(p.name)
                  })
                }
              >
                {t.oidcRemove}
                <span class="sr-only"> {p.name}</span>
              </button>
            </p>
          </li>
        ))}
      </ul>
      {editing === null ? (
        <button type="button" class="button" id="add-oidc-provider" onClick={() => open(null)}>
          {t.oidcAdd}
        </button>
      ) : (
        <form
          id="oidc-provider-form"
          ref={formRef}
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            void save()
          }}
        >
          <Field id="oidc-name" label={t.oidcName} help={t.oidcNameHelp} error={errors.name}>
            {(c) => <input {...c} type="text" maxLength={80} value={form.name} onInput={field('name')} />}
          </Field>
          <Field id="oidc-issuer" label={t.oidcIssuer} help={t.oidcIssuerHelp} error={errors.issuer}>
            {(c) => <input {...c} type="url" maxLength={500} value={form.issuer} onInput={field('issuer')} />}
          </Field>
          <Field id="oidc-client-id" label={t.oidcClientId} error={errors.clientId}>
            {(c) => (
              <input {...c} type="text" maxLength={200} value={form.clientId} onInput={field('clientId')} />
            )}
          </Field>
          <Field
            id="oidc-client-secret"
            label={t.oidcSecret}
            help={editing === 'new' ? undefined : t.oidcSecretKeep}
            error={errors.clientSecret}
          >
            {(c) => (
              <input
                {...c}
                type="password"
                autoComplete="new-password"
                maxLength={500}
                value={form.clientSecret}
                onInput={field('clientSecret')}
              />
            )}
          </Field>
          <FormError errors={errors} />
          <p class="actions">
            <button type="submit" class="button button-primary" disabled={busy}>
              {editing === 'new' ? t.oidcAdd : t.oidcSave}
            </button>
            <button type="button" class="button button-quiet" onClick={() => setEditing(null)}>
              {t.oidcCancel}
            </button>
          </p>
        </form>
      )}
    </div>
  )
}
