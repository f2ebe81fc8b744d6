/** @jsxImportSource hono/jsx */
import type { JSX } from 'hono/jsx/jsx-runtime'
import { type SupportState, primaryLanguage } from '../core/index.ts'
import { PORTAL_CASE_CATEGORIES, type PortalCaseCategory } from '../schemas/index.ts'
import { PostForm } from './post-form.tsx'
import { TrustedStyle, trustedCss } from './trusted-html.tsx'

const WORDS = {
  en: {
    open: 'Open a case',
    title: 'Title',
    description: 'Describe the problem',
    category: 'Category (optional)',
    none: 'None',
    categories: { question: 'Question', problem: 'Problem', request: 'Request' },
    submit: 'Open case',
    mine: 'My cases',
    none_yet: 'You have no cases yet.',
    number: 'Case number',
    status: 'Status',
    opened: 'Opened',
    statuses: { active: 'Active', resolved: 'Resolved', cancelled: 'Cancelled' },
    thanks: 'Case {number} is open. A support engineer will get back to you.',
    fix: 'Please correct the fields below.',
    signIn: 'Sign in to open a case',
  },
  fr: {
    open: 'Ouvrir une demande',
    title: 'Titre',
    description: 'Décrivez le problème',
    category: 'Catégorie (facultatif)',
    none: 'Aucune',
    categories: { question: 'Question', problem: 'Problème', request: 'Demande' },
    submit: 'Ouvrir la demande',
    mine: 'Mes demandes',
    none_yet: "Vous n'avez pas encore de demande.",
    number: 'Numéro',
    status: 'Statut',
    opened: 'Ouverte le',
    statuses: { active: 'Active', resolved: 'Résolue', cancelled: 'Annulée' },
    thanks: 'La demande {number} est ouverte. Un ingénieur du support vous répondra.',
    fix: 'Veuillez corriger les champs ci-dessous.',
    signIn: 'Connectez-vous pour ouvrir une demande',
  },
  de: {
    open: 'Anfrage erstellen',
    title: 'Titel',
    description: 'Beschreiben Sie das Problem',
    category: 'Kategorie (optional)',
    none: 'Keine',
    categories: { question: 'Frage', problem: 'Problem', request: 'Anliegen' },
    submit: 'Anfrage erstellen',
    mine: 'Meine Anfragen',
    none_yet: 'Sie haben noch keine Anfragen.',
    number: 'Nummer',
    status: 'Status',
    opened: 'Erstellt',
    statuses: { active: 'Aktiv', resolved: 'Gelöst', cancelled: 'Storniert' },
    thanks: 'Anfrage {number} ist erstellt. Ein Support-Ingenieur meldet sich bei Ihnen.',
    fix: 'Bitte korrigieren Sie die Felder unten.',
    signIn: 'Melden Sie sich an, um eine Anfrage zu erstellen',
  },
  es: {
    open: 'Abrir un caso',
    title: 'Título',
    description: 'Describa el problema',
    category: 'Categoría (opcional)',
    none: 'Ninguna',
    categories: { question: 'Pregunta', problem: 'Problema', request: 'Solicitud' },
    submit: 'Abrir caso',
    mine: 'Mis casos',
    none_yet: 'Todavía no tiene casos.',
    number: 'Número',
    status: 'Estado',
    opened: 'Abierto',
    statuses: { active: 'Activo', resolved: 'Resuelto', cancelled: 'Cancelado' },
    thanks: 'El caso {number} está abierto. Un ingeniero de soporte le responderá.',
    fix: 'Corrija los campos siguientes.',
    signIn: 'Inicie sesión para abrir un caso',
  },
} as const

const wordsFor = (language: string) => WORDS[primaryLanguage(language) as keyof typeof WORDS] ?? WORDS.en

const STYLE = trustedCss(`
.case-form{display:grid;gap:10px;max-width:640px;margin:18px 0 28px}
.case-form label{display:grid;gap:4px;font-weight:600}
.case-form input,.case-form textarea,.case-form select{font:inherit;padding:8px;border:1px solid #c8ced6;border-radius:4px}
.case-form textarea{min-height:120px}
.case-form .error{color:#b42318;font-weight:400}
.case-form button{justify-self:start;font:inherit;padding:8px 16px;border:0;border-radius:4px;background:var(--accent,#2266e3);color:#fff;cursor:pointer}
.case-notice{padding:10px 14px;border-radius:4px;background:#e7f5ec;border:1px solid #9fd3b3;max-width:640px}
.case-notice.bad{background:#fdecea;border-color:#f2b8b5}
table.cases{border-collapse:collapse;width:100%;max-width:860px}
table.cases th,table.cases td{text-align:left;padding:8px;border-bottom:1px solid #e3e6ea}
`)

/**
 * The Support page's case panel: for a signed-in contact, the form that opens
 * a case (title, description, optional category) and "My cases" (number,
 * title, status, when); for anyone else, a link to sign in first.
 */
export function renderSupportPanel(options: {
  language: string
  /** Where the form posts (the Support page's own path). */
  action: string
  /** The form token its form carries. */
  formToken?: string | undefined
  state: SupportState | null
  /** The sign-in page to send a visitor to (with `next` back here), when the site has one. */
  signInHref: string | null
}): JSX.Element | null {
  const w = wordsFor(options.language)
  const { state } = options
  if (!state) {
    return options.signInHref ? (
      <p>
        <a class="button" id="sign-in-to-open" href={options.signInHref}>
          {w.signIn}
        </a>
      </p>
    ) : null
  }
  const values = state.form?.values ?? {}
  const errorOf = (field: string) => state.form?.errors.find((x) => x.path === field)?.message
  const FieldError = (props: { field: string }) => {
    const m = errorOf(props.field)
    return m ? (
      <span class="error" id={`${props.field}-error`}>
        {m}
      </span>
    ) : null
  }
  const invalid = (field: string) =>
    errorOf(field) ? { 'aria-invalid': 'true', 'aria-describedby': `${field}-error` } : {}
  const dateFormat = new Intl.DateTimeFormat(options.language, { dateStyle: 'medium', timeZone: 'UTC' })
  const opened = state.opened && state.cases.some((c) => c.caseNumber === state.opened)
  return (
    <>
      <TrustedStyle css={STYLE} />
      {'\n'}
      {opened ? (
        <p class="case-notice" role="status" id="case-opened">
          {w.thanks.replace('{number}', state.opened!)}
        </p>
      ) : null}
      {'\n'}
      <section aria-labelledby="open-case">
        <h2 id="open-case">{w.open}</h2>
        {'\n'}
        {state.form ? (
          <p class="case-notice bad" role="alert">
            {w.fix}
          </p>
        ) : null}
        {'\n'}
        <PostForm class="case-form" action={options.action} token={options.formToken}>
          {'\n'}
          <label>
            {w.title}
            <input name="title" required maxlength={200} value={values.title ?? ''} {...invalid('title')} />
            <FieldError field="title" />
          </label>
          {'\n'}
          <label>
            {w.description}
            <textarea name="description" required maxlength={4000} {...invalid('description')}>
              {values.description ?? ''}
            </textarea>
            <FieldError field="description" />
          </label>
          {'\n'}
          <label>
            {w.category}
            <select name="category" {...invalid('category')}>
              <option value="">{w.none}</option>
              {PORTAL_CASE_CATEGORIES.map((c: PortalCaseCategory) => (
                <option value={c} selected={values.category === c}>
                  {w.categories[c]}
                </option>
              ))}
            </select>
            <FieldError field="category" />
          </label>
          {'\n'}
          <button type="submit">{w.submit}</button>
          {'\n'}
        </PostForm>
      </section>
      {'\n'}
      <section aria-labelledby="my-cases">
        <h2 id="my-cases">{w.mine}</h2>
        {'\n'}
        {state.cases.length === 0 ? (
          <p class="lead" id="no-cases">
            {w.none_yet}
          </p>
        ) : (
          <table class="cases">
            <thead>
              <tr>
                <th>{w.number}</th>
                <th>{w.title}</th>
                <th>{w.status}</th>
                <th>{w.opened}</th>
              </tr>
            </thead>
            <tbody>
              {state.cases.map((c) => (
                <tr data-case={c.caseNumber}>
                  <td>{c.caseNumber}</td>
                  <td>{c.title}</td>
                  <td>{w.statuses[c.status as keyof typeof w.statuses] ?? c.status}</td>
                  <td>
                    <time datetime={c.createdAt}>{dateFormat.format(new Date(c.createdAt))}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  )
}
