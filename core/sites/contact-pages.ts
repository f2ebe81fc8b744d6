import { ACCOUNT_PATHS, accountWordsFor, emailField, passwordField } from './account-pages.ts'
import { paragraphs } from './content-pages.ts'
import { providerButtons } from './oidc-pages.ts'
import { escapeHtml as e } from './html-escape.ts'
import { type Frame, pathOfLayout } from './page-frame.ts'
import { safeNext } from './safe-next.ts'
import type { WebPage } from './site-records.ts'

/** The Profile page: the signed-in contact's name, e-mail and account. */
export function profileBody(f: Frame, p: WebPage): string {
  const who = f.req.visitor!.contact
  return `<h1>${e(p.title)}</h1>\n<div class="lead">${paragraphs(p.copy)}</div>\n<dl><dt>Name</dt><dd>${e(who.name)}</dd><dt>E-mail</dt><dd>${e(who.email)}</dd>${who.accountName ? `<dt>Account</dt><dd>${e(who.accountName)}</dd>` : ''}</dl>`
}

/**
 * The sign-in page: a "Sign in with …" button per OpenID provider, the e-mail
 * and password form (when local accounts are on),
 * links to register (when open) and to reset a password, and, only while
 * `CASETRAIL_DEMO` is on and only on the demo portal, the demo's one-click
 * "Sign in as Avery Lin", labelled as a demo.
 */
export async function signInBody(f: Frame, p: WebPage): Promise<string> {
  const auth = f.req.signIn ?? { local: false, registration: 'invitation', demo: false }
  const w = accountWordsFor(f.c.language)
  const next = safeNext(f.req.query.next)
  const action = pathOfLayout(f, 'sign-in') ?? '/signin'
  const notice = auth.notice
    ? `<p class="notice bad" role="alert" id="sign-in-notice">${e(auth.notice)}</p>`
    : ''
  const local = auth.local
    ? `<style>.password-sign-in{display:grid;gap:12px;max-width:380px;margin:16px 0}.password-sign-in label{display:grid;gap:4px}.password-sign-in input{font:inherit;padding:8px;border:1px solid #8c959f;border-radius:6px}.password-sign-in button{font:inherit;padding:10px;border:0;border-radius:6px;background:#2266e3;color:#fff;cursor:pointer}.notice.bad{padding:8px 12px;border-radius:6px;background:#ffebe9}</style><form class="password-sign-in" method="post" action="${e(action)}"><input type="hidden" name="next" value="${e(next)}">${emailField(w, auth.email)}${passwordField(w.password, 'current-password')}<button type="submit" id="password-sign-in">${e(w.signIn)}</button></form>
<p class="account-links"><a href="${ACCOUNT_PATHS.forgot}">${e(w.forgot)}</a>${auth.registration === 'open' ? ` · <a href="${ACCOUNT_PATHS.register}" id="register-link">${e(w.register)}</a>` : ''}</p>`
    : ''
  const oidc = providerButtons(f.c.language, auth.providers ?? [], next)
  if (!auth.demo)
    return `<h1>${e(p.title)}</h1>
<div class="lead">${paragraphs(p.copy)}</div>
${notice}${oidc}${local}`
  const contacts = await f.req.contacts()
  const items = contacts
    .map(
      (ct) =>
        `<li><form method="post" action="${e(action)}"><input type="hidden" name="contactId" value="${e(ct.crmrecordid)}"><input type="hidden" name="next" value="${e(next)}"><button type="submit" data-contact="${e(ct.crmrecordid)}"><strong>${e(w.demoAs.replace('{name}', ct.name))}</strong><br><span class="meta">${e(ct.email)}${ct.accountName ? ` · ${e(ct.accountName)}` : ''}</span></button></form></li>`,
    )
    .join('\n')
  return `<h1>${e(p.title)}</h1>\n<div class="lead">${paragraphs(p.copy)}</div>\n${notice}${oidc}${local}<section class="demo-sign-in" aria-labelledby="demo-sign-in"><h2 id="demo-sign-in">${e(w.demo)}</h2><ul class="contacts">${items}</ul></section>`
}
