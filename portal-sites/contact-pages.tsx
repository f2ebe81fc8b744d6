/** @jsxImportSource hono/jsx */
import type { JSX } from 'hono/jsx/jsx-runtime'
import { ACCOUNT_PATHS, accountWordsFor, safeNext } from '../core/index.ts'
import type { WebPage } from '../schemas/index.ts'
import { EmailField, PasswordField } from './account-pages.tsx'
import { Paragraphs } from './content-pages.tsx'
import { ProviderButtons } from './oidc-pages.tsx'
import { type Frame, pathOfLayout } from './page-frame.ts'
import { PostForm } from './post-form.tsx'
import { TrustedStyle, trustedCss } from './trusted-html.tsx'

/** The Profile page: the signed-in contact's name, e-mail and account. */
export function profileBody(f: Frame, p: WebPage): JSX.Element {
  const who = f.req.visitor!.contact
  return (
    <>
      <h1>{p.title}</h1>
      {'\n'}
      <div class="lead">
        <Paragraphs text={p.copy} />
      </div>
      {'\n'}
      <dl>
        <dt>Name</dt>
        <dd>{who.name}</dd>
        <dt>E-mail</dt>
        <dd>{who.email}</dd>
        {who.accountName ? (
          <>
            <dt>Account</dt>
            <dd>{who.accountName}</dd>
          </>
        ) : null}
      </dl>
    </>
  )
}

const PASSWORD_SIGN_IN_STYLE = trustedCss(
  '.password-sign-in{display:grid;gap:12px;max-width:380px;margin:16px 0}.password-sign-in label{display:grid;gap:4px}.password-sign-in input{font:inherit;padding:8px;border:1px solid #8c959f;border-radius:6px}.password-sign-in button{font:inherit;padding:10px;border:0;border-radius:6px;background:#2266e3;color:#fff;cursor:pointer}.notice.bad{padding:8px 12px;border-radius:6px;background:#ffebe9}',
)

/**
 * The sign-in page: a "Sign in with …" button per OpenID provider, the e-mail
 * and password form (when local accounts are on),
 * links to register (when open) and to reset a password, and, only while
 * `CASETRAIL_DEMO` is on and only on the demo portal, the demo's one-click
 * "Sign in as Avery Lin", labelled as a demo.
 */
export async function signInBody(f: Frame, p: WebPage): Promise<JSX.Element> {
  const auth = f.req.signIn ?? { local: false, registration: 'invitation', demo: false }
  const w = accountWordsFor(f.c.language)
  const next = safeNext(f.req.query.next)
  const action = pathOfLayout(f, 'sign-in') ?? '/signin'
  const contacts = auth.demo ? await f.req.contacts() : []
  return (
    <>
      <h1>{p.title}</h1>
      {'\n'}
      <div class="lead">
        <Paragraphs text={p.copy} />
      </div>
      {'\n'}
      {auth.notice ? (
        <p class="notice bad" role="alert" id="sign-in-notice">
          {auth.notice}
        </p>
      ) : null}
      <ProviderButtons language={f.c.language} providers={auth.providers ?? []} next={next} />
      {auth.local ? (
        <>
          <TrustedStyle css={PASSWORD_SIGN_IN_STYLE} />
          <PostForm class="password-sign-in" action={action} token={f.req.formToken}>
            <input type="hidden" name="next" value={next} />
            <EmailField words={w} value={auth.email ?? ''} />
            <PasswordField label={w.password} autocomplete="current-password" />
            <button type="submit" id="password-sign-in">
              {w.signIn}
            </button>
          </PostForm>
          {'\n'}
          <p class="account-links">
            <a href={ACCOUNT_PATHS.forgot}>{w.forgot}</a>
            {auth.registration === 'open' ? (
              <>
                {' · '}
                <a href={ACCOUNT_PATHS.register} id="register-link">
                  {w.register}
                </a>
              </>
            ) : null}
          </p>
        </>
      ) : null}
      {auth.demo ? (
        <section class="demo-sign-in" aria-labelledby="demo-sign-in">
          <h2 id="demo-sign-in">{w.demo}</h2>
          <ul class="contacts">
            {contacts.map((ct, i) => (
              <>
                {i > 0 ? '\n' : ''}
                <li>
                  <PostForm action={action} token={f.req.formToken}>
                    <input type="hidden" name="contactId" value={ct.crmrecordid} />
                    <input type="hidden" name="next" value={next} />
                    <button type="submit" data-contact={ct.crmrecordid}>
                      <strong>{w.demoAs.replace('{name}', ct.name)}</strong>
                      <br />
                      <span class="meta">
                        {ct.email}
                        {ct.accountName ? ` · ${ct.accountName}` : ''}
                      </span>
                    </button>
                  </PostForm>
                </li>
              </>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}
