/** @jsxImportSource hono/jsx */
import type { JSX } from 'hono/jsx/jsx-runtime'
import {
  type AccountField,
  type AccountPageOptions,
  type AccountWords,
  HTML,
  type SiteResponse,
  accountWordsFor,
} from '../core/index.ts'
import { PostForm } from './post-form.tsx'
import { TrustedStyle, htmlDocument, trustedCss } from './trusted-html.tsx'

const ACCOUNT_STYLE = trustedCss(
  'body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1b1f24;background:#f6f8fa}.account{max-width:440px;margin:10vh auto;padding:0 20px}form{display:grid;gap:12px;margin:16px 0}label{display:grid;gap:4px}input{font:inherit;padding:8px;border:1px solid #8c959f;border-radius:6px}button{font:inherit;padding:10px;border:0;border-radius:6px;background:#2266e3;color:#fff;cursor:pointer}.notice{padding:8px 12px;border-radius:6px}.ok{background:#dafbe1}.bad{background:#ffebe9}.choices{display:flex;gap:12px;flex-wrap:wrap}.choices button{flex:1}button.secondary{background:#fff;color:#1b1f24;border:1px solid #8c959f}button:focus-visible,a:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}',
)

/**
 * A plain account page (register, forgot, reset, or a message): a heading, a
 * notice, and a form whose fields are given, which carries the form token.
 */
export function renderAccountPage(options: AccountPageOptions): SiteResponse {
  const w = accountWordsFor(options.language)
  const { notice, form } = options
  const links = options.links ?? []
  const html = (
    <html lang={options.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{options.title}</title>
        {'\n'}
        <TrustedStyle css={ACCOUNT_STYLE} />
        {'\n'}
        <link rel="icon" href="data:," />
      </head>
      <body>
        <main class="account" data-account-page="">
          <h1>{options.title}</h1>
          {options.copy ? <p>{options.copy}</p> : null}
          {options.items?.length ? (
            <ul class="shared">
              {options.items.map((i) => (
                <li>{i}</li>
              ))}
            </ul>
          ) : null}
          {notice ? (
            <p
              class={`notice ${notice.tone}`}
              role={notice.tone === 'ok' ? 'status' : 'alert'}
              id="account-notice"
            >
              {notice.text}
            </p>
          ) : null}
          {form ? (
            <PostForm action={form.action} token={options.formToken}>
              {form.fields.map((field) => (
                <AccountFieldInput field={field} words={w} />
              ))}
              {form.choices ? (
                <div class="choices">
                  {form.choices.map((c, i) => (
                    <button
                      type="submit"
                      name="decision"
                      value={c.value}
                      class={i > 0 ? 'secondary' : undefined}
                    >
                      {c.text}
                    </button>
                  ))}
                </div>
              ) : (
                <button type="submit">{form.submit}</button>
              )}
            </PostForm>
          ) : null}
          {links.length > 0 ? (
            <p>
              {links.map((l, i) => (
                <>
                  {i > 0 ? ' · ' : ''}
                  <a href={l.href}>{l.text}</a>
                </>
              ))}
            </p>
          ) : null}
        </main>
      </body>
    </html>
  )
  return {
    status: options.status ?? 200,
    contentType: HTML,
    body: htmlDocument(html),
    headers: { 'Cache-Control': 'no-store' },
  }
}

/** One field of an account form. */
export function AccountFieldInput(props: { field: AccountField; words: AccountWords }): JSX.Element {
  const { field } = props
  switch (field.kind) {
    case 'email':
      return <EmailField words={props.words} value={field.value ?? ''} readonly={field.readonly ?? false} />
    case 'password':
      return <PasswordField label={field.label} autocomplete={field.autocomplete} />
    case 'hidden':
      return <input type="hidden" name={field.name} value={field.value} />
  }
}

/** The e-mail field (read only for an invitation's address). */
export const EmailField = (props: {
  words: AccountWords
  value: string
  readonly?: boolean
}): JSX.Element => (
  <label>
    {props.words.email}
    <input
      readonly={props.readonly ?? false}
      type="email"
      name="email"
      required
      autocomplete="username"
      maxlength={320}
      value={props.value}
    />
  </label>
)

/** A password field. */
export const PasswordField = (props: {
  label: string
  autocomplete: 'current-password' | 'new-password'
}): JSX.Element => (
  <label>
    {props.label}
    <input type="password" name="password" required autocomplete={props.autocomplete} maxlength={200} />
  </label>
)
