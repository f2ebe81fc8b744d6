/** @jsxImportSource hono/jsx */

/** The languages the demo case page speaks (the widget's: en, fr, de). */
export const DEMO_LANGUAGES = { en: 'English', fr: 'Français', de: 'Deutsch' } as const
/** One of {@link DEMO_LANGUAGES}. */
export type DemoLanguage = keyof typeof DEMO_LANGUAGES

/** What the demo case page shows: the case, its customer, and the widget's attributes. */
export interface DemoCasePageProps {
  hubId: string
  contactId: string
  caseCreatedAt: string
  token: string
  /** `{portalBaseUrl}/{kind}/{id}` links the widget's items back to the portal. */
  portalBaseUrl?: string
  case?: { caseNumber: string; title: string; description: string; status: string; category: string | null }
  /** The customer from the contact's linked profile, when the hub links one. */
  customer?: { name?: string; email?: string } | null
  after?: string
  lang: DemoLanguage
  window: string
  nonce: string
}

const WORDS = {
  en: {
    service: 'Customer Service',
    case: 'Case',
    language: 'Language',
    customer: 'Customer',
    email: 'Email',
    createdOn: 'Created on',
    origin: 'Origin',
    webPortal: 'Web portal',
    priority: 'Priority',
    normal: 'Normal',
    status: 'Status',
    statuses: { active: 'Active', resolved: 'Resolved', cancelled: 'Cancelled' },
    category: 'Category',
    categories: { question: 'Question', problem: 'Problem', request: 'Request' },
    journey: 'Customer journey',
    contactFallback: 'Portal contact',
    demoCase: 'casetrail demo case',
  },
  fr: {
    service: 'Service client',
    case: 'Demande',
    language: 'Langue',
    customer: 'Client',
    email: 'E-mail',
    createdOn: 'Créée le',
    origin: 'Origine',
    webPortal: 'Portail web',
    priority: 'Priorité',
    normal: 'Normale',
    status: 'Statut',
    statuses: { active: 'Active', resolved: 'Résolue', cancelled: 'Annulée' },
    category: 'Catégorie',
    categories: { question: 'Question', problem: 'Problème', request: 'Demande' },
    journey: 'Parcours du client',
    contactFallback: 'Contact du portail',
    demoCase: 'demande de démonstration casetrail',
  },
  de: {
    service: 'Kundenservice',
    case: 'Fall',
    language: 'Sprache',
    customer: 'Kunde',
    email: 'E-Mail',
    createdOn: 'Erstellt am',
    origin: 'Ursprung',
    webPortal: 'Webportal',
    priority: 'Priorität',
    normal: 'Normal',
    status: 'Status',
    statuses: { active: 'Aktiv', resolved: 'Gelöst', cancelled: 'Storniert' },
    category: 'Kategorie',
    categories: { question: 'Frage', problem: 'Problem', request: 'Anliegen' },
    journey: 'Kundenverlauf',
    contactFallback: 'Portalkontakt',
    demoCase: 'casetrail-Demofall',
  },
} as const

const CSS = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0; background: #eef0f3; color: #1f2933; }
.bar { background: #1f2933; color: #fff; padding: 10px 20px; display: flex; gap: 16px; align-items: baseline; flex-wrap: wrap; }
.bar strong { font-size: 15px; }
.bar nav { margin-left: auto; display: flex; gap: 10px; font-size: 13px; }
.bar a { color: #c9d6e3; }
.bar a[aria-current] { color: #fff; font-weight: 600; text-decoration: none; }
main { max-width: 1180px; margin: 0 auto; padding: 20px; display: grid; grid-template-columns: minmax(260px, 1fr) minmax(0, 2fr); gap: 20px; }
@media (max-width: 860px) { main { grid-template-columns: 1fr; padding: 12px; } }
.card { background: #fff; border: 1px solid #d9dde3; border-radius: 6px; padding: 16px; min-width: 0; }
h1 { font-size: 20px; margin: 0 0 4px; }
.case-id { color: #5b6670; margin: 0 0 16px; font-size: 13px; }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 6px 14px; margin: 0; font-size: 14px; }
dt { color: #5b6670; }
dd { margin: 0; overflow-wrap: anywhere; }
.desc { margin-top: 16px; font-size: 14px; line-height: 1.5; }
h2 { font-size: 15px; margin: 0 0 10px; }
`

const capitalised = (value: string) => value.charAt(0).toUpperCase() + value.slice(1)

/**
 * The demo's case form, as a service rep sees it: the case card (customer
 * name and email from the linked profile, labels in the page's language) and
 * the journey widget in that language.
 */
export function DemoCasePage(props: DemoCasePageProps) {
  const w = WORDS[props.lang]
  // The server does not know the rep's zone: say the time in UTC, and say so.
  const created = new Intl.DateTimeFormat(props.lang, {
    dateStyle: 'long',
    timeStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(props.caseCreatedAt))
  const caseNumber = props.case?.caseNumber ?? `CAS-${props.contactId.slice(0, 5).toUpperCase()}-DEMO`
  const title = props.case?.title ?? 'Cannot sign in after changing phones'
  const description =
    props.case?.description ??
    'I got a new phone and the authenticator codes stopped working. I tried the password reset article but I am still locked out.'
  const status = props.case?.status ?? 'active'
  const category = props.case?.category ?? null
  const link = props.portalBaseUrl ? `${props.portalBaseUrl.replace(/\/+$/, '')}/{kind}/{id}` : undefined
  const name = props.customer?.name
  const email = props.customer?.email
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>
          {caseNumber} · {w.demoCase}
        </title>
        <style nonce={props.nonce} dangerouslySetInnerHTML={{ __html: CSS }} />
        <script type="module" src="/widget/casetrail-journey.js" />
      </head>
      <body>
        <header class="bar">
          <strong>{w.service}</strong>
          <span>{w.case}</span>
          <nav aria-label={w.language}>
            {Object.entries(DEMO_LANGUAGES).map(([code, label]) => (
              <a
                href={`?lang=${code}&window=${props.window}`}
                lang={code}
                aria-current={code === props.lang ? 'page' : undefined}
              >
                {label}
              </a>
            ))}
          </nav>
        </header>
        <main>
          <section class="card" aria-labelledby="case-title">
            <h1 id="case-title">{title}</h1>
            <p class="case-id">{caseNumber}</p>
            <dl>
              <dt>{w.customer}</dt>
              <dd data-field="customer">{name ?? `${w.contactFallback} ${props.contactId}`}</dd>
              {email ? (
                <>
                  <dt>{w.email}</dt>
                  <dd data-field="email">
                    <a href={`mailto:${email}`}>{email}</a>
                  </dd>
                </>
              ) : null}
              <dt>{w.createdOn}</dt>
              <dd>
                <time datetime={props.caseCreatedAt}>{created}</time>
              </dd>
              <dt>{w.origin}</dt>
              <dd>{w.webPortal}</dd>
              <dt>{w.priority}</dt>
              <dd>{w.normal}</dd>
              <dt>{w.status}</dt>
              <dd data-field="status">
                {w.statuses[status as keyof typeof w.statuses] ?? capitalised(status)}
              </dd>
              {category ? (
                <>
                  <dt>{w.category}</dt>
                  <dd>{w.categories[category as keyof typeof w.categories] ?? capitalised(category)}</dd>
                </>
              ) : null}
            </dl>
            <p class="desc">{description}</p>
          </section>
          <section class="card" aria-labelledby="journey-title">
            <h2 id="journey-title">{w.journey}</h2>
            <casetrail-journey
              hub={props.hubId}
              contact={props.contactId}
              before={props.caseCreatedAt}
              window={props.window}
              after={props.after}
              token={props.token}
              lang={props.lang}
              portal-link={link}
            />
          </section>
        </main>
      </body>
    </html>
  )
}

/** The demo case page as an HTML document. */
export function renderDemoCasePage(props: DemoCasePageProps): string {
  return `<!doctype html>${(<DemoCasePage {...props} />).toString()}`
}
