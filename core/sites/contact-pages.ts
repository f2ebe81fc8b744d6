import { paragraphs } from './content-pages.ts'
import { escapeHtml as e } from './html-escape.ts'
import { type Frame, pathOfLayout } from './page-frame.ts'
import { safeNext } from './safe-next.ts'
import type { WebPage } from './site-records.ts'

/** The Profile page: the signed-in contact's name, e-mail and account. */
export function profileBody(f: Frame, p: WebPage): string {
  const who = f.req.visitor!.contact
  return `<h1>${e(p.title)}</h1>\n<div class="lead">${paragraphs(p.copy)}</div>\n<dl><dt>Name</dt><dd>${e(who.name)}</dd><dt>E-mail</dt><dd>${e(who.email)}</dd>${who.accountName ? `<dt>Account</dt><dd>${e(who.accountName)}</dd>` : ''}</dl>`
}

/** The sign-in page: one button per contact one may sign in as, keeping where to go next. */
export async function signInBody(f: Frame, p: WebPage): Promise<string> {
  const contacts = await f.req.contacts()
  const next = safeNext(f.req.query.next)
  const items = contacts
    .map(
      (ct) =>
        `<li><form method="post" action="${e(pathOfLayout(f, 'sign-in') ?? '/signin')}"><input type="hidden" name="contactId" value="${e(ct.crmrecordid)}"><input type="hidden" name="next" value="${e(next)}"><button type="submit" data-contact="${e(ct.crmrecordid)}"><strong>${e(ct.name)}</strong><br><span class="meta">${e(ct.email)}${ct.accountName ? ` · ${e(ct.accountName)}` : ''}</span></button></form></li>`,
    )
    .join('\n')
  return `<h1>${e(p.title)}</h1>\n<div class="lead">${paragraphs(p.copy)}</div>\n<ul class="contacts">${items}</ul>`
}
