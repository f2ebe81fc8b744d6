/**
 * Portal Actions -> Sign-in: how visitors sign in to the portal (local
 * accounts on or off, registration open or by invitation, OpenID providers and
 * what a first OpenID sign-in does), invitations, a
 * contact's sign-in methods with "Sign out everywhere", and the outbox.
 */
import { useState } from 'preact/hooks'
import { useSession } from '../app-context.ts'
import { PageHead, portalCrumbs } from '../components/page-head.tsx'
import { ErrorState, Loading, Notice, describeError } from '../components/states.tsx'
import { useResource } from '../components/use-resource.ts'
import { formatDateTime, useLang, useT } from '../i18n.ts'
import { OidcProviders } from './oidc-providers.tsx'

/**
 * This page's words in en/fr/de, kept in its own chunk: the console's first load
 * carries the shared catalogues and is held to 40 KB gzip.
 */
const WORDS = {
  en: {
    signInSettings: 'Authentication settings',
    signInLocal: 'Local accounts (e-mail and password)',
    signInRegistration: 'Registration',
    signInByInvitation: 'By invitation only',
    signInOpen: 'Open to anyone',
    signInContact: 'Contact',
    signInContactPick: 'Contact',
    signInInvite: 'Invite to this portal',
    signInInvited: (email: string, until: string) =>
      `Invitation sent to ${email} (outbox); it works once, until ${until}.`,
    signInSignOutEverywhere: 'Sign out everywhere',
    signInSignedOut: (n: number) => (n === 1 ? '1 session ended.' : `${n} sessions ended.`),
    signInMethods: 'Sign-in methods',
    signInMethod: 'Method',
    signInDetail: 'Detail',
    signInPassword: 'E-mail and password',
    signInConfirmed: 'confirmed',
    signInUnconfirmed: 'not confirmed',
    signInLocked: (until: string) => `locked until ${until}`,
    signInSessions: 'Sessions',
    signInSessionCount: (n: number) => (n === 1 ? '1 active session' : `${n} active sessions`),
    signInOutbox: 'Outbox',
    signInOutboxHelp: 'Messages to visitors (no mail server here).',
    signInOutboxEmpty: 'No messages yet.',
    signInOidcAccounts: 'First OpenID sign-in with an address no contact has',
    signInOidcLink: 'Refuse (link to existing contacts only)',
    signInOidcCreate: 'Create a contact',
    signInOidcHelp: 'An address the provider has not verified never links to an existing contact.',
    signInOidcMethod: (provider: string) => `OpenID Connect: ${provider}`,
    signInOidcRemoved: 'a removed provider',
    signInConsented: (at: string) => `consent given ${at}`,
  },
  fr: {
    signInSettings: 'Paramètres d’authentification',
    signInLocal: 'Comptes locaux (adresse e-mail et mot de passe)',
    signInRegistration: 'Inscription',
    signInByInvitation: 'Sur invitation uniquement',
    signInOpen: 'Ouverte à tous',
    signInContact: 'Contact',
    signInContactPick: 'Contact',
    signInInvite: 'Inviter sur ce portail',
    signInInvited: (email: string, until: string) =>
      `Invitation envoyée à ${email} (boîte d’envoi) ; elle sert une fois, jusqu’au ${until}.`,
    signInSignOutEverywhere: 'Déconnecter partout',
    signInSignedOut: (n: number) => (n <= 1 ? `${n} session terminée.` : `${n} sessions terminées.`),
    signInMethods: 'Méthodes de connexion',
    signInMethod: 'Méthode',
    signInDetail: 'Détail',
    signInPassword: 'Adresse e-mail et mot de passe',
    signInConfirmed: 'confirmée',
    signInUnconfirmed: 'non confirmée',
    signInLocked: (until: string) => `verrouillé jusqu’au ${until}`,
    signInSessions: 'Sessions',
    signInSessionCount: (n: number) => (n <= 1 ? `${n} session active` : `${n} sessions actives`),
    signInOutbox: 'Boîte d’envoi',
    signInOutboxHelp: 'Messages aux visiteurs (pas de serveur de messagerie ici).',
    signInOutboxEmpty: 'Aucun message pour l’instant.',
    signInOidcAccounts: 'Première connexion OpenID avec une adresse qu’aucun contact n’a',
    signInOidcLink: 'Refuser (lier seulement aux contacts existants)',
    signInOidcCreate: 'Créer un contact',
    signInOidcHelp:
      'Une adresse que le fournisseur n’a pas vérifiée n’est jamais liée à un contact existant.',
    signInOidcMethod: (provider: string) => `OpenID Connect : ${provider}`,
    signInOidcRemoved: 'un fournisseur supprimé',
    signInConsented: (at: string) => `consentement donné le ${at}`,
  },
  de: {
    signInSettings: 'Authentifizierungseinstellungen',
    signInLocal: 'Lokale Konten (E-Mail-Adresse und Kennwort)',
    signInRegistration: 'Registrierung',
    signInByInvitation: 'Nur auf Einladung',
    signInOpen: 'Für alle offen',
    signInContact: 'Kontakt',
    signInContactPick: 'Kontakt',
    signInInvite: 'Zu diesem Portal einladen',
    signInInvited: (email: string, until: string) =>
      `Einladung an ${email} gesendet (Postausgang); sie gilt einmal, bis ${until}.`,
    signInSignOutEverywhere: 'Überall abmelden',
    signInSignedOut: (n: number) => (n === 1 ? '1 Sitzung beendet.' : `${n} Sitzungen beendet.`),
    signInMethods: 'Anmeldemethoden',
    signInMethod: 'Methode',
    signInDetail: 'Detail',
    signInPassword: 'E-Mail-Adresse und Kennwort',
    signInConfirmed: 'bestätigt',
    signInUnconfirmed: 'nicht bestätigt',
    signInLocked: (until: string) => `gesperrt bis ${until}`,
    signInSessions: 'Sitzungen',
    signInSessionCount: (n: number) => (n === 1 ? '1 aktive Sitzung' : `${n} aktive Sitzungen`),
    signInOutbox: 'Postausgang',
    signInOutboxHelp: 'Nachrichten an Besucher (kein Mailserver hier).',
    signInOutboxEmpty: 'Noch keine Nachrichten.',
    signInOidcAccounts: 'Erste OpenID-Anmeldung mit einer Adresse, die kein Kontakt hat',
    signInOidcLink: 'Ablehnen (nur mit vorhandenen Kontakten verknüpfen)',
    signInOidcCreate: 'Kontakt erstellen',
    signInOidcHelp:
      'Eine vom Anbieter nicht bestätigte Adresse wird nie mit einem vorhandenen Kontakt verknüpft.',
    signInOidcMethod: (provider: string) => `OpenID Connect: ${provider}`,
    signInOidcRemoved: 'ein entfernter Anbieter',
    signInConsented: (at: string) => `Zustimmung erteilt am ${at}`,
  },
}

/** The sign-in page of one portal. */
export function Page(props: { params: Record<string, string> }) {
  const lang = useLang()
  const t = { ...useT(), ...WORDS[lang] }
  const { api } = useSession()
  const id = props.params.portalId!
  const portal = useResource(() => api.call('getPortal', { params: { portalId: id } }), [id])
  const settings = useResource(() => api.call('getPortalAuthentication', { params: { portalId: id } }), [id])
  const outbox = useResource(() => api.call('listPortalOutbox', { params: { portalId: id } }), [id])
  const instanceId = portal.data?.instanceId
  const contacts = useResource(
    () =>
      instanceId
        ? api.call('listContacts', { params: { instanceId }, query: { limit: 500 } })
        : Promise.resolve({ contacts: [], nextCursor: null }),
    [instanceId],
  )
  const [contactId, setContactId] = useState('')
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const [methods, setMethods] = useState<Awaited<ReturnType<typeof loadMethods>> | null>(null)
  const loadMethods = (c: string) =>
    api.call('getContactSignIn', { params: { instanceId: instanceId!, contactId: c } })
  const run = async (fn: () => Promise<string>) => {
    setNotice(null)
    try {
      setNotice({ kind: 'success', text: await fn() })
    } catch (err) {
      setNotice({ kind: 'error', text: describeError(t, err) })
    }
  }

  if (portal.error && !portal.data) return <ErrorState error={portal.error} onRetry={portal.reload} />
  if (settings.error && !settings.data) return <ErrorState error={settings.error} onRetry={settings.reload} />
  if (!portal.data || !settings.data) return <Loading />
  const s = settings.data
  const save = (body: typeof s) =>
    run(async () => {
      await api.call(
        'setPortalAuthentication',
        { params: { portalId: id }, body },
        { ifMatch: api.etagOf(settings.data) },
      )
      await settings.reload()
      return t.saved
    })
  return (
    <section aria-labelledby="page-title">
      <PageHead crumbs={portalCrumbs(t, id, portal.data.name, t.portalActions)} title={t.portalSignInTitle} />
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      <div class="card" id="authentication-settings">
        <h2>{t.signInSettings}</h2>
        <p>
          <label class="check">
            <input
              type="checkbox"
              checked={s.local}
              onChange={(e) => void save({ ...s, local: e.currentTarget.checked })}
            />{' '}
            {t.signInLocal}
          </label>
        </p>
        <label>
          {t.signInRegistration}{' '}
          <select
            value={s.registration}
            onChange={(e) =>
              void save({ ...s, registration: e.currentTarget.value as 'open' | 'invitation' })
            }
          >
            <option value="invitation">{t.signInByInvitation}</option>
            <option value="open">{t.signInOpen}</option>
          </select>
        </label>
        <p>
          <label>
            {t.signInOidcAccounts}{' '}
            <select
              id="oidc-accounts"
              aria-describedby="oidc-accounts-help"
              value={s.oidcAccounts}
              onChange={(e) => void save({ ...s, oidcAccounts: e.currentTarget.value as 'link' | 'create' })}
            >
              <option value="link">{t.signInOidcLink}</option>
              <option value="create">{t.signInOidcCreate}</option>
            </select>
          </label>
        </p>
        <p class="help" id="oidc-accounts-help">
          {t.signInOidcHelp}
        </p>
      </div>
      <OidcProviders portalId={id} />
      <div class="card" id="contact-sign-in">
        <h2>{t.signInContact}</h2>
        <label>
          {t.signInContactPick}{' '}
          <select
            value={contactId}
            onChange={async (e) => {
              const c = e.currentTarget.value
              setContactId(c)
              setMethods(c ? await loadMethods(c) : null)
            }}
          >
            <option value="">—</option>
            {(contacts.data?.contacts ?? []).map((c) => (
              <option key={c.crmrecordid} value={c.crmrecordid}>
                {c.name} ({c.email})
              </option>
            ))}
          </select>
        </label>
        {contactId ? (
          <p>
            <button
              type="button"
              class="button"
              id="invite-contact"
              onClick={() =>
                run(async () => {
                  const made = await api.call('invitePortalContact', {
                    params: { portalId: id },
                    body: { contactId },
                  })
                  await outbox.reload()
                  return t.signInInvited(made.email, formatDateTime(lang, made.expiresAt))
                })
              }
            >
              {t.signInInvite}
            </button>{' '}
            <button
              type="button"
              class="button"
              id="sign-out-everywhere"
              onClick={() =>
                run(async () => {
                  const out = await api.call('signOutContactEverywhere', {
                    params: { instanceId: instanceId!, contactId },
                  })
                  setMethods(await loadMethods(contactId))
                  return t.signInSignedOut(out.revoked)
                })
              }
            >
              {t.signInSignOutEverywhere}
            </button>
          </p>
        ) : null}
        {methods ? (
          <table>
            <caption>{t.signInMethods}</caption>
            <thead>
              <tr>
                <th>{t.signInMethod}</th>
                <th>{t.signInDetail}</th>
              </tr>
            </thead>
            <tbody>
              {methods.accounts.map((a) => (
                <tr key={`${a.portalId} ${a.email}`}>
                  <td>{t.signInPassword}</td>
                  <td>
                    {a.email} · {a.confirmed ? t.signInConfirmed : t.signInUnconfirmed}
                    {a.lockedUntil ? ` · ${t.signInLocked(formatDateTime(lang, a.lockedUntil))}` : ''}
                  </td>
                </tr>
              ))}
              {methods.oidc.map((o) => (
                <tr key={`${o.portalId} ${o.providerId}`} data-method="oidc">
                  <td>{t.signInOidcMethod(o.providerName ?? t.signInOidcRemoved)}</td>
                  <td>
                    {o.email ?? ''} · {t.signInConsented(formatDateTime(lang, o.consentedAt))}
                  </td>
                </tr>
              ))}
              <tr>
                <td>{t.signInSessions}</td>
                <td data-sessions={methods.sessions.length}>
                  {t.signInSessionCount(methods.sessions.length)}
                </td>
              </tr>
            </tbody>
          </table>
        ) : null}
      </div>
      <div class="card" id="outbox">
        <h2>{t.signInOutbox}</h2>
        <p class="sub">{t.signInOutboxHelp}</p>
        {(outbox.data?.messages ?? []).length === 0 ? (
          <p>{t.signInOutboxEmpty}</p>
        ) : (
          <ul class="action-list">
            {outbox.data!.messages.map((m) => (
              <li key={m.id}>
                <strong>{m.subject}</strong> — {m.to} · {formatDateTime(lang, m.at)}
                <pre style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{m.text}</pre>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  )
}
