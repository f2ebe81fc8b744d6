/** @jsxImportSource hono/jsx */
import type { JSX } from 'hono/jsx/jsx-runtime'
import {
  type IdeasState,
  MAX_IDEA_DESCRIPTION_LENGTH,
  MAX_IDEA_TITLE_LENGTH,
  primaryLanguage,
} from '../core/index.ts'
import { PostForm } from './post-form.tsx'
import { TrustedStyle, trustedCss } from './trusted-html.tsx'

const WORDS = {
  en: {
    suggest: 'Suggest an idea',
    title: 'Your idea',
    description: 'Details (optional)',
    submit: 'Submit idea',
    list: 'Ideas, most voted first',
    none: 'No ideas yet. Be the first to suggest one.',
    votes: (n: number) => (n === 1 ? '1 vote' : `${n} votes`),
    vote: 'Vote',
    voted: 'Voted',
    unvoteHint: 'Press again to take your vote back',
    by: 'by',
    thanks: 'Thank you, your idea is on the list.',
    fix: 'Please correct the fields below.',
    signIn: 'Sign in to suggest ideas and vote',
  },
  fr: {
    suggest: 'Proposer une idée',
    title: 'Votre idée',
    description: 'Détails (facultatif)',
    submit: 'Proposer',
    list: 'Idées, les plus votées d’abord',
    none: 'Aucune idée pour l’instant. Proposez la première.',
    votes: (n: number) => (n <= 1 ? `${n} vote` : `${n} votes`),
    vote: 'Voter',
    voted: 'Voté',
    unvoteHint: 'Appuyez de nouveau pour retirer votre vote',
    by: 'par',
    thanks: 'Merci, votre idée figure dans la liste.',
    fix: 'Veuillez corriger les champs ci-dessous.',
    signIn: 'Connectez-vous pour proposer des idées et voter',
  },
  de: {
    suggest: 'Idee vorschlagen',
    title: 'Ihre Idee',
    description: 'Details (optional)',
    submit: 'Idee einreichen',
    list: 'Ideen, meistgewählte zuerst',
    none: 'Noch keine Ideen. Schlagen Sie die erste vor.',
    votes: (n: number) => (n === 1 ? '1 Stimme' : `${n} Stimmen`),
    vote: 'Abstimmen',
    voted: 'Abgestimmt',
    unvoteHint: 'Erneut drücken, um die Stimme zurückzunehmen',
    by: 'von',
    thanks: 'Danke, Ihre Idee steht auf der Liste.',
    fix: 'Bitte korrigieren Sie die Felder unten.',
    signIn: 'Melden Sie sich an, um Ideen vorzuschlagen und abzustimmen',
  },
  es: {
    suggest: 'Proponer una idea',
    title: 'Su idea',
    description: 'Detalles (opcional)',
    submit: 'Enviar idea',
    list: 'Ideas, las más votadas primero',
    none: 'Aún no hay ideas. Proponga la primera.',
    votes: (n: number) => (n === 1 ? '1 voto' : `${n} votos`),
    vote: 'Votar',
    voted: 'Votado',
    unvoteHint: 'Pulse de nuevo para retirar su voto',
    by: 'de',
    thanks: 'Gracias, su idea está en la lista.',
    fix: 'Corrija los campos siguientes.',
    signIn: 'Inicie sesión para proponer ideas y votar',
  },
} as const

const wordsFor = (language: string) => WORDS[primaryLanguage(language) as keyof typeof WORDS] ?? WORDS.en

const STYLE = trustedCss(`
.idea-form{display:grid;gap:10px;max-width:640px;margin:12px 0 24px}
.idea-form label{display:grid;gap:4px;font-weight:600}
.idea-form input,.idea-form textarea{font:inherit;padding:8px;border:1px solid #c8ced6;border-radius:4px;min-width:0}
.idea-form textarea{min-height:90px}
.idea-form .error{color:#b42318;font-weight:400}
.idea-form button{justify-self:start;font:inherit;padding:8px 16px;border:0;border-radius:4px;background:var(--accent,#2266e3);color:#fff;cursor:pointer}
.idea-notice{padding:10px 14px;border-radius:4px;background:#e7f5ec;border:1px solid #9fd3b3;max-width:640px}
.idea-notice.bad{background:#fdecea;border-color:#f2b8b5}
.ideas{list-style:none;padding:0;display:grid;gap:12px;max-width:760px}
.ideas li{display:flex;gap:14px;align-items:flex-start;background:#fff;border:1px solid var(--line,#dde2e8);border-radius:6px;padding:12px 14px}
.ideas .tally{display:grid;justify-items:center;gap:6px;min-width:72px;text-align:center}
.ideas .count{font-weight:700;font-size:.95rem;white-space:nowrap}
.ideas .tally form{margin:0}
.ideas .tally button{font:inherit;font-size:.85rem;padding:4px 10px;border-radius:999px;border:1px solid var(--accent,#2266e3);background:#fff;color:var(--accent,#2266e3);cursor:pointer}
.ideas .tally button[aria-pressed="true"]{background:var(--accent,#2266e3);color:#fff}
.ideas h3{margin:0 0 4px;font-size:1.05rem}
.ideas p{margin:4px 0 0}
.ideas .body{min-width:0}
`)

/**
 * The Ideas page's panel: for a signed-in contact, the form to suggest an
 * idea; for everyone, the ideas most voted first, each with its count and, for
 * a signed-in contact, a vote button (pressed when they voted); for a visitor,
 * a link to sign in first.
 */
export function renderIdeasPanel(options: {
  language: string
  /** Where the forms post (the Ideas page's own path). */
  action: string
  /** The form token its forms carry. */
  formToken?: string | undefined
  state: IdeasState
  /** The sign-in page to send a visitor to (with `next` back here), when the site has one. */
  signInHref: string | null
}): JSX.Element {
  const w = wordsFor(options.language)
  const { state } = options
  const values = state.form?.values ?? {}
  const errorOf = (field: string) => state.form?.errors.find((x) => x.path === field)?.message
  const FieldError = (props: { field: string }) => {
    const m = errorOf(props.field)
    return m ? (
      <span class="error" id={`idea-${props.field}-error`}>
        {m}
      </span>
    ) : null
  }
  const invalid = (field: string) =>
    errorOf(field) ? { 'aria-invalid': 'true', 'aria-describedby': `idea-${field}-error` } : {}
  const dates = new Intl.DateTimeFormat(options.language, { dateStyle: 'medium', timeZone: 'UTC' })
  const form = state.signedIn ? (
    <section aria-labelledby="suggest-idea">
      <h2 id="suggest-idea">{w.suggest}</h2>
      {'\n'}
      {state.submitted ? (
        <p class="idea-notice" role="status" id="idea-submitted">
          {w.thanks}
        </p>
      ) : null}
      {'\n'}
      {state.form ? (
        <p class="idea-notice bad" role="alert">
          {w.fix}
        </p>
      ) : null}
      {'\n'}
      <PostForm class="idea-form" action={options.action} token={options.formToken}>
        <input type="hidden" name="intent" value="submit" />
        {'\n'}
        <label>
          {w.title}
          <input
            name="title"
            required
            minlength={3}
            maxlength={MAX_IDEA_TITLE_LENGTH}
            value={values.title ?? ''}
            {...invalid('title')}
          />
          <FieldError field="title" />
        </label>
        {'\n'}
        <label>
          {w.description}
          <textarea name="description" maxlength={MAX_IDEA_DESCRIPTION_LENGTH} {...invalid('description')}>
            {values.description ?? ''}
          </textarea>
          <FieldError field="description" />
        </label>
        {'\n'}
        <button type="submit">{w.submit}</button>
        {'\n'}
      </PostForm>
    </section>
  ) : options.signInHref ? (
    <p>
      <a class="button" id="sign-in-to-suggest" href={options.signInHref}>
        {w.signIn}
      </a>
    </p>
  ) : null
  const items = state.ideas.map((idea, i) => (
    <>
      {i > 0 ? '\n' : ''}
      <li data-idea={idea.id}>
        <div class="tally">
          <span class="count" data-votes={idea.votes}>
            {w.votes(idea.votes)}
          </span>
          {state.signedIn ? (
            <PostForm action={options.action} token={options.formToken}>
              <input type="hidden" name="intent" value="vote" />
              <input type="hidden" name="idea" value={idea.id} />
              <button
                type="submit"
                aria-pressed={String(idea.votedByMe)}
                title={idea.votedByMe ? w.unvoteHint : undefined}
              >
                {idea.votedByMe ? w.voted : w.vote}
              </button>
            </PostForm>
          ) : null}
        </div>
        <div class="body">
          <h3>{idea.title}</h3>
          <p class="meta">
            {w.by} {idea.author} ·{' '}
            <time datetime={idea.createdAt}>{dates.format(new Date(idea.createdAt))}</time>
          </p>
          {idea.description ? <p>{idea.description}</p> : null}
        </div>
      </li>
    </>
  ))
  return (
    <>
      <TrustedStyle css={STYLE} />
      {'\n'}
      {form}
      {'\n'}
      <section aria-labelledby="idea-list">
        <h2 id="idea-list">{w.list}</h2>
        {'\n'}
        {state.ideas.length === 0 ? (
          <p class="lead" id="no-ideas">
            {w.none}
          </p>
        ) : (
          <ol class="ideas">{items}</ol>
        )}
        {'\n'}
      </section>
    </>
  )
}
