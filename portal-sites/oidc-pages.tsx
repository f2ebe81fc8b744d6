/** @jsxImportSource hono/jsx */
import type { JSX } from 'hono/jsx/jsx-runtime'
import {
  type AccountNotice,
  type ConsentPageOptions,
  OIDC_PATHS,
  type OidcRefusal,
  type OidcRefusalOptions,
  type SiteResponse,
} from '../core/index.ts'
import { renderAccountPage } from './account-pages.tsx'
import { TrustedStyle, trustedCss } from './trusted-html.tsx'

type Words = Record<
  | 'withProvider'
  | 'consentTitle'
  | 'consentCopy'
  | 'sharedName'
  | 'sharedEmail'
  | 'consentAfter'
  | 'accept'
  | 'decline'
  | 'declined'
  | 'notSignedIn'
  | 'back'
  | OidcRefusal,
  string
>

/** The words of OpenID sign-in and the seed's consent page, by site language (the same four as the sample content). */
const WORDS: Record<'en' | 'fr' | 'de' | 'es', Words> = {
  en: {
    withProvider: 'Sign in with {provider}',
    consentTitle: 'Allow {portal} to use your {provider} account?',
    consentCopy:
      'This is your first sign-in here with {provider}. If you accept, {provider} shares with {portal}:',
    sharedName: 'Your name: {value}',
    sharedEmail: 'Your e-mail address: {value}',
    consentAfter:
      'Your consent is recorded. When you sign in with {provider} again, you go straight in. If you decline, nobody is signed in and nothing is kept.',
    accept: 'Accept',
    decline: 'Decline',
    declined: 'You declined: you are not signed in, and nothing from {provider} was kept.',
    notSignedIn: 'Not signed in',
    back: 'Back to sign-in',
    provider_unknown: 'This sign-in option does not exist on this site.',
    provider_unavailable: 'The sign-in service could not be reached. Try again in a moment.',
    provider_refused: 'The sign-in service did not sign you in.',
    state_invalid:
      'This sign-in did not complete: it was started in another browser, used already, or took more than 10 minutes. Start again.',
    token_invalid:
      'The answer of the sign-in service did not check out, so nobody is signed in. Start again.',
    consent_invalid:
      'This consent page no longer works: it was used already, took more than 10 minutes, or belongs to another browser. Start again.',
    email_missing: 'The sign-in service shared no e-mail address, and this site needs one.',
    email_unverified:
      'The sign-in service has not verified your e-mail address, so it cannot be linked to your account here.',
    no_contact:
      'No account here has the e-mail address the sign-in service shared. Ask the site’s administrator for an invitation.',
  },
  fr: {
    withProvider: 'Se connecter avec {provider}',
    consentTitle: 'Autoriser {portal} à utiliser votre compte {provider} ?',
    consentCopy:
      'C’est votre première connexion ici avec {provider}. Si vous acceptez, {provider} partage avec {portal} :',
    sharedName: 'Votre nom : {value}',
    sharedEmail: 'Votre adresse e-mail : {value}',
    consentAfter:
      'Votre consentement est enregistré. Lorsque vous vous reconnecterez avec {provider}, vous entrerez directement. Si vous refusez, personne n’est connecté et rien n’est conservé.',
    accept: 'Accepter',
    decline: 'Refuser',
    declined: 'Vous avez refusé : vous n’êtes pas connecté, et rien de {provider} n’a été conservé.',
    notSignedIn: 'Non connecté',
    back: 'Retour à la connexion',
    provider_unknown: 'Cette option de connexion n’existe pas sur ce site.',
    provider_unavailable: 'Le service de connexion est injoignable. Réessayez dans un instant.',
    provider_refused: 'Le service de connexion ne vous a pas connecté.',
    state_invalid:
      'Cette connexion n’a pas abouti : elle a été commencée dans un autre navigateur, a déjà servi, ou a duré plus de 10 minutes. Recommencez.',
    token_invalid:
      'La réponse du service de connexion n’a pas pu être vérifiée : personne n’est connecté. Recommencez.',
    consent_invalid:
      'Cette page de consentement ne fonctionne plus : elle a déjà servi, a duré plus de 10 minutes, ou appartient à un autre navigateur. Recommencez.',
    email_missing: 'Le service de connexion n’a partagé aucune adresse e-mail, et ce site en a besoin.',
    email_unverified:
      'Le service de connexion n’a pas vérifié votre adresse e-mail : elle ne peut pas être liée à votre compte ici.',
    no_contact:
      'Aucun compte ici n’a l’adresse e-mail partagée par le service de connexion. Demandez une invitation à l’administrateur du site.',
  },
  de: {
    withProvider: 'Mit {provider} anmelden',
    consentTitle: '{portal} erlauben, Ihr {provider}-Konto zu verwenden?',
    consentCopy:
      'Dies ist Ihre erste Anmeldung hier mit {provider}. Wenn Sie zustimmen, teilt {provider} mit {portal}:',
    sharedName: 'Ihren Namen: {value}',
    sharedEmail: 'Ihre E-Mail-Adresse: {value}',
    consentAfter:
      'Ihre Zustimmung wird gespeichert. Wenn Sie sich wieder mit {provider} anmelden, gelangen Sie direkt hinein. Lehnen Sie ab, wird niemand angemeldet und nichts gespeichert.',
    accept: 'Zustimmen',
    decline: 'Ablehnen',
    declined: 'Sie haben abgelehnt: Sie sind nicht angemeldet, und nichts von {provider} wurde gespeichert.',
    notSignedIn: 'Nicht angemeldet',
    back: 'Zurück zur Anmeldung',
    provider_unknown: 'Diese Anmeldeoption gibt es auf dieser Website nicht.',
    provider_unavailable: 'Der Anmeldedienst ist nicht erreichbar. Versuchen Sie es gleich noch einmal.',
    provider_refused: 'Der Anmeldedienst hat Sie nicht angemeldet.',
    state_invalid:
      'Diese Anmeldung wurde nicht abgeschlossen: Sie wurde in einem anderen Browser begonnen, schon benutzt oder dauerte länger als 10 Minuten. Beginnen Sie neu.',
    token_invalid:
      'Die Antwort des Anmeldedienstes ließ sich nicht prüfen, daher ist niemand angemeldet. Beginnen Sie neu.',
    consent_invalid:
      'Diese Zustimmungsseite funktioniert nicht mehr: Sie wurde schon benutzt, dauerte länger als 10 Minuten oder gehört zu einem anderen Browser. Beginnen Sie neu.',
    email_missing: 'Der Anmeldedienst hat keine E-Mail-Adresse geteilt, und diese Website braucht eine.',
    email_unverified:
      'Der Anmeldedienst hat Ihre E-Mail-Adresse nicht bestätigt, daher kann sie nicht mit Ihrem Konto hier verknüpft werden.',
    no_contact:
      'Kein Konto hier hat die E-Mail-Adresse, die der Anmeldedienst geteilt hat. Bitten Sie den Administrator der Website um eine Einladung.',
  },
  es: {
    withProvider: 'Iniciar sesión con {provider}',
    consentTitle: '¿Permitir que {portal} use su cuenta de {provider}?',
    consentCopy:
      'Es su primer inicio de sesión aquí con {provider}. Si acepta, {provider} comparte con {portal}:',
    sharedName: 'Su nombre: {value}',
    sharedEmail: 'Su correo electrónico: {value}',
    consentAfter:
      'Su consentimiento queda registrado. Cuando vuelva a iniciar sesión con {provider}, entrará directamente. Si lo rechaza, nadie inicia sesión y no se guarda nada.',
    accept: 'Aceptar',
    decline: 'Rechazar',
    declined: 'Lo ha rechazado: no ha iniciado sesión y no se ha guardado nada de {provider}.',
    notSignedIn: 'Sin iniciar sesión',
    back: 'Volver a iniciar sesión',
    provider_unknown: 'Esta opción de inicio de sesión no existe en este sitio.',
    provider_unavailable:
      'No se pudo contactar con el servicio de inicio de sesión. Inténtelo de nuevo en un momento.',
    provider_refused: 'El servicio de inicio de sesión no le ha dejado entrar.',
    state_invalid:
      'Este inicio de sesión no se completó: se empezó en otro navegador, ya se usó o tardó más de 10 minutos. Empiece de nuevo.',
    token_invalid:
      'La respuesta del servicio de inicio de sesión no se pudo comprobar, así que nadie ha iniciado sesión. Empiece de nuevo.',
    consent_invalid:
      'Esta página de consentimiento ya no funciona: ya se usó, tardó más de 10 minutos o es de otro navegador. Empiece de nuevo.',
    email_missing:
      'El servicio de inicio de sesión no compartió ningún correo electrónico, y este sitio lo necesita.',
    email_unverified:
      'El servicio de inicio de sesión no ha verificado su correo electrónico, así que no se puede vincular a su cuenta de aquí.',
    no_contact:
      'Ninguna cuenta de aquí tiene el correo electrónico que compartió el servicio de inicio de sesión. Pida una invitación al administrador del sitio.',
  },
}

/** The OpenID sign-in words of a site language (English when the language has none). */
export const oidcWordsFor = (language: string): Words =>
  (WORDS as Record<string, Words>)[language.slice(0, 2).toLowerCase()] ?? WORDS.en

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m)

const OIDC_STYLE = trustedCss(
  '.oidc-sign-in{display:grid;gap:8px;max-width:380px;margin:16px 0}.oidc-button{display:block;text-align:center;padding:10px;border:1px solid #8c959f;border-radius:6px;color:#1b1f24;background:#fff;text-decoration:none}.oidc-button:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}',
)

/** The sign-in page's buttons, one per provider: links that start the flow. */
export function ProviderButtons(props: {
  language: string
  providers: ReadonlyArray<{ id: string; name: string }>
  next: string
}): JSX.Element | null {
  if (props.providers.length === 0) return null
  const w = oidcWordsFor(props.language)
  return (
    <>
      <TrustedStyle css={OIDC_STYLE} />
      <div class="oidc-sign-in">
        {props.providers.map((p) => (
          <a
            class="oidc-button"
            data-provider={p.id}
            href={`${OIDC_PATHS.start}?provider=${encodeURIComponent(p.id)}&next=${encodeURIComponent(props.next)}`}
          >
            {fill(w.withProvider, { provider: p.name })}
          </a>
        ))}
      </div>
    </>
  )
}

/**
 * The seed's consent page ("a consent page is displayed to all users
 * irrespective of the user or portal type" on a first sign-in with a
 * provider): what the provider shares (name, e-mail), and Accept / Decline,
 * posted with the form token like every form.
 */
export function renderConsentPage(options: ConsentPageOptions): SiteResponse {
  const w = oidcWordsFor(options.language)
  const v = { portal: options.portalName, provider: options.providerName }
  return renderAccountPage({
    language: options.language,
    title: fill(w.consentTitle, v),
    copy: fill(w.consentCopy, v),
    items: [
      ...(options.name ? [fill(w.sharedName, { value: options.name })] : []),
      ...(options.email ? [fill(w.sharedEmail, { value: options.email })] : []),
    ],
    notice: { tone: 'ok', text: fill(w.consentAfter, v) },
    ...(options.formToken ? { formToken: options.formToken } : {}),
    form: {
      action: OIDC_PATHS.consent,
      fields: [{ kind: 'hidden', name: 'pending', value: options.pendingId }],
      submit: w.accept,
      choices: [
        { value: 'accept', text: w.accept },
        { value: 'decline', text: w.decline },
      ],
    },
  })
}

/** A page saying why nobody is signed in (declined, or a refusal), with the way back to the sign-in page. */
export function renderOidcRefusal(options: OidcRefusalOptions): SiteResponse {
  const w = oidcWordsFor(options.language)
  const text =
    options.code === 'declined' ? fill(w.declined, { provider: options.providerName ?? '' }) : w[options.code]
  const notice: AccountNotice = { tone: options.code === 'declined' ? 'ok' : 'bad', text }
  return {
    ...renderAccountPage({
      language: options.language,
      title: w.notSignedIn,
      notice,
      status: options.code === 'declined' ? 200 : options.code === 'provider_unavailable' ? 503 : 400,
      links: [{ href: options.signInPath, text: w.back }],
    }),
  }
}
