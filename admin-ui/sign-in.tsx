import { useState } from 'preact/hooks'
import { ApiError, type ApiClient, createApiClient } from './api-client.ts'
import { Field } from './components/field.tsx'
import { LanguagePick } from './components/language-pick.tsx'
import { Notice, describeError } from './components/states.tsx'
import { type Lang, useT } from './i18n.ts'

/**
 * Sign in with an admin or user token. The token is traded for a console
 * session (`POST /v1/admin/sessions`, 12 hours at most): the session's token
 * is what is kept (in session storage only), and sign-out ends it on the
 * server. The admin token itself is never stored.
 */
export function SignIn(props: {
  lang: Lang
  setLang: (lang: Lang) => void
  notice: string | null
  onToken: (token: string) => void
  api: ApiClient
}) {
  const t = useT()
  const [token, setToken] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const submit = async (event: Event) => {
    event.preventDefault()
    const value = token.trim()
    if (!value) {
      setError(t.tokenEmpty)
      return
    }
    setBusy(true)
    setError(undefined)
    try {
      // A client of its own: a refused token is this form's error, not a session that ended.
      // The admin token is traded for a session token; only that is kept, and sign-out ends it.
      const session = await createApiClient({ token: () => value }).call('startAdminSession')
      props.onToken(session.token)
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? err.code === 'admin_token_expired'
            ? t.tokenExpired
            : t.tokenRefused
          : describeError(t, err),
      )
      setBusy(false)
    }
  }
  return (
    <main id="main" class="sign-in">
      <form class="card sign-in-card" onSubmit={submit} noValidate>
        <p class="brand">{t.appName}</p>
        <h1>{t.signInTitle}</h1>
        {props.notice ? <Notice kind="info">{props.notice}</Notice> : null}
        <p>{t.signInIntro}</p>
        <Field id="token" label={t.tokenLabel} error={error}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="off"
              spellcheck={false}
              value={token}
              onInput={(e) => setToken(e.currentTarget.value)}
              required
            />
          )}
        </Field>
        <div class="actions">
          <button type="submit" class="button button-primary" disabled={busy}>
            {busy ? t.signingIn : t.signIn}
          </button>
          <LanguagePick lang={props.lang} setLang={props.setLang} />
        </div>
      </form>
    </main>
  )
}
