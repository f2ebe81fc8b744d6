/**
 * Portal Actions -> Sign-in: how visitors sign in to the portal (local
 * accounts on or off, registration open or by invitation), invitations, a
 * contact's sign-in methods with "Sign out everywhere", and the outbox.
 */
import { useState } from 'preact/hooks'
import { seg } from '../api-client.ts'
import { useSession } from '../app-context.ts'
import { ErrorState, Loading, Notice, describeError } from '../components/states.tsx'
import { useResource } from '../components/use-resource.ts'
import { formatDateTime, useLang, useT } from '../i18n.ts'
import { BASE } from '../router.ts'

/** The sign-in page of one portal. */
export function Page(props: { params: Record<string, string> }) {
  const t = useT()
  const lang = useLang()
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
      await api.call('setPortalAuthentication', { params: { portalId: id }, body })
      await settings.reload()
      return t.saved
    })
  return (
    <section aria-labelledby="page-title">
      <div class="page-head">
        <div>
          <p class="crumb">
            <a href={`${BASE}/portals`}>{t.applicationsTitle}</a> ›{' '}
            <a href={`${BASE}/portals/${seg(id)}`}>{portal.data.name}</a> › {t.portalActions}
          </p>
          <h1 id="page-title">{t.portalSignInTitle}</h1>
        </div>
      </div>
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
      </div>
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
