/** The words of the sign-in form and the account pages, by site language (the same four as the sample content). */
type Words = Record<
  | 'email'
  | 'password'
  | 'newPassword'
  | 'signIn'
  | 'register'
  | 'registerCopy'
  | 'invitedCopy'
  | 'forgot'
  | 'forgotCopy'
  | 'send'
  | 'reset'
  | 'save'
  | 'failed'
  | 'locked'
  | 'notConfirmed'
  | 'checkMail'
  | 'confirmed'
  | 'linkInvalid'
  | 'passwordChanged'
  | 'taken'
  | 'short'
  | 'badEmail'
  | 'closed'
  | 'demo'
  | 'demoAs',
  string
>
const WORDS: Record<'en' | 'fr' | 'de' | 'es', Words> = {
  en: {
    email: 'E-mail',
    password: 'Password',
    newPassword: 'New password (at least 10 characters)',
    signIn: 'Sign in',
    register: 'Create an account',
    registerCopy: 'Choose your password. We send a link to confirm your e-mail address.',
    invitedCopy: 'You were invited. Choose your password to finish your account.',
    forgot: 'Forgot your password?',
    forgotCopy:
      'Enter your e-mail address. If it has an account here, we send it a link to choose a new password.',
    send: 'Send',
    reset: 'Choose a new password',
    save: 'Save',
    failed: 'That e-mail address and password do not match an account here.',
    locked:
      'Too many failed sign-ins: this account is locked until {until} (UTC). Try again then, or reset your password.',
    notConfirmed: 'Confirm your e-mail address first: open the link we sent you.',
    checkMail: 'Check your e-mail: we sent you a link.',
    confirmed: 'Your e-mail address is confirmed. You can sign in.',
    linkInvalid: 'This link does not work: it was used already, has expired, or is not for this site.',
    passwordChanged: 'Your password is changed. You can sign in.',
    taken: 'This e-mail address already has an account here. Sign in, or reset your password.',
    short: 'The password must be 10 to 200 characters long.',
    badEmail: 'Enter an e-mail address.',
    closed: 'This site creates accounts by invitation only.',
    demo: 'Demo sign-in (CASETRAIL_DEMO is on): one click, no password. Never on a real portal.',
    demoAs: 'Sign in as {name}',
  },
  fr: {
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    newPassword: 'Nouveau mot de passe (10 caractères au moins)',
    signIn: 'Se connecter',
    register: 'Créer un compte',
    registerCopy: 'Choisissez votre mot de passe. Nous envoyons un lien pour confirmer votre adresse e-mail.',
    invitedCopy: 'Vous avez été invité. Choisissez votre mot de passe pour terminer votre compte.',
    forgot: 'Mot de passe oublié ?',
    forgotCopy:
      'Saisissez votre adresse e-mail. Si elle a un compte ici, nous lui envoyons un lien pour choisir un nouveau mot de passe.',
    send: 'Envoyer',
    reset: 'Choisir un nouveau mot de passe',
    save: 'Enregistrer',
    failed: 'Cette adresse e-mail et ce mot de passe ne correspondent à aucun compte ici.',
    locked:
      'Trop d’échecs de connexion : ce compte est verrouillé jusqu’à {until} (UTC). Réessayez ensuite, ou réinitialisez votre mot de passe.',
    notConfirmed: 'Confirmez d’abord votre adresse e-mail : ouvrez le lien que nous vous avons envoyé.',
    checkMail: 'Consultez vos e-mails : nous vous avons envoyé un lien.',
    confirmed: 'Votre adresse e-mail est confirmée. Vous pouvez vous connecter.',
    linkInvalid: 'Ce lien ne fonctionne pas : il a déjà servi, a expiré, ou n’est pas destiné à ce site.',
    passwordChanged: 'Votre mot de passe est modifié. Vous pouvez vous connecter.',
    taken: 'Cette adresse e-mail a déjà un compte ici. Connectez-vous, ou réinitialisez votre mot de passe.',
    short: 'Le mot de passe doit compter de 10 à 200 caractères.',
    badEmail: 'Saisissez une adresse e-mail.',
    closed: 'Ce site ne crée de comptes que sur invitation.',
    demo: 'Connexion de démonstration (CASETRAIL_DEMO est actif) : un clic, sans mot de passe. Jamais sur un vrai portail.',
    demoAs: 'Se connecter en tant que {name}',
  },
  de: {
    email: 'E-Mail-Adresse',
    password: 'Kennwort',
    newPassword: 'Neues Kennwort (mindestens 10 Zeichen)',
    signIn: 'Anmelden',
    register: 'Konto erstellen',
    registerCopy: 'Wählen Sie Ihr Kennwort. Wir senden einen Link, um Ihre E-Mail-Adresse zu bestätigen.',
    invitedCopy: 'Sie wurden eingeladen. Wählen Sie Ihr Kennwort, um Ihr Konto fertigzustellen.',
    forgot: 'Kennwort vergessen?',
    forgotCopy:
      'Geben Sie Ihre E-Mail-Adresse ein. Hat sie hier ein Konto, senden wir ihr einen Link, um ein neues Kennwort zu wählen.',
    send: 'Senden',
    reset: 'Neues Kennwort wählen',
    save: 'Speichern',
    failed: 'Diese E-Mail-Adresse und dieses Kennwort gehören zu keinem Konto hier.',
    locked:
      'Zu viele fehlgeschlagene Anmeldungen: Dieses Konto ist bis {until} (UTC) gesperrt. Versuchen Sie es dann erneut oder setzen Sie Ihr Kennwort zurück.',
    notConfirmed:
      'Bestätigen Sie zuerst Ihre E-Mail-Adresse: Öffnen Sie den Link, den wir Ihnen gesendet haben.',
    checkMail: 'Sehen Sie in Ihre E-Mails: Wir haben Ihnen einen Link gesendet.',
    confirmed: 'Ihre E-Mail-Adresse ist bestätigt. Sie können sich anmelden.',
    linkInvalid:
      'Dieser Link funktioniert nicht: Er wurde schon benutzt, ist abgelaufen oder gehört nicht zu dieser Website.',
    passwordChanged: 'Ihr Kennwort ist geändert. Sie können sich anmelden.',
    taken:
      'Diese E-Mail-Adresse hat hier schon ein Konto. Melden Sie sich an oder setzen Sie Ihr Kennwort zurück.',
    short: 'Das Kennwort muss 10 bis 200 Zeichen lang sein.',
    badEmail: 'Geben Sie eine E-Mail-Adresse ein.',
    closed: 'Diese Website erstellt Konten nur auf Einladung.',
    demo: 'Demo-Anmeldung (CASETRAIL_DEMO ist an): ein Klick, kein Kennwort. Nie auf einem echten Portal.',
    demoAs: 'Als {name} anmelden',
  },
  es: {
    email: 'Correo electrónico',
    password: 'Contraseña',
    newPassword: 'Contraseña nueva (10 caracteres como mínimo)',
    signIn: 'Iniciar sesión',
    register: 'Crear una cuenta',
    registerCopy: 'Elija su contraseña. Le enviamos un enlace para confirmar su correo electrónico.',
    invitedCopy: 'Ha recibido una invitación. Elija su contraseña para terminar su cuenta.',
    forgot: '¿Olvidó su contraseña?',
    forgotCopy:
      'Escriba su correo electrónico. Si tiene una cuenta aquí, le enviamos un enlace para elegir una contraseña nueva.',
    send: 'Enviar',
    reset: 'Elegir una contraseña nueva',
    save: 'Guardar',
    failed: 'Ese correo electrónico y esa contraseña no corresponden a ninguna cuenta de aquí.',
    locked:
      'Demasiados intentos fallidos: esta cuenta está bloqueada hasta las {until} (UTC). Vuelva a intentarlo entonces o restablezca su contraseña.',
    notConfirmed: 'Confirme primero su correo electrónico: abra el enlace que le enviamos.',
    checkMail: 'Revise su correo: le enviamos un enlace.',
    confirmed: 'Su correo electrónico está confirmado. Ya puede iniciar sesión.',
    linkInvalid: 'Este enlace no funciona: ya se usó, caducó o no es de este sitio.',
    passwordChanged: 'Su contraseña ha cambiado. Ya puede iniciar sesión.',
    taken: 'Este correo electrónico ya tiene una cuenta aquí. Inicie sesión o restablezca su contraseña.',
    short: 'La contraseña debe tener entre 10 y 200 caracteres.',
    badEmail: 'Escriba un correo electrónico.',
    closed: 'Este sitio solo crea cuentas por invitación.',
    demo: 'Inicio de sesión de demostración (CASETRAIL_DEMO activo): un clic, sin contraseña. Nunca en un portal real.',
    demoAs: 'Iniciar sesión como {name}',
  },
}

/** The account words of a site language (English when the language has none). */
export type AccountWords = Words
export const accountWordsFor = (language: string): AccountWords =>
  (WORDS as Record<string, Words>)[language.slice(0, 2).toLowerCase()] ?? WORDS.en

/** The paths of the account pages (the same on every portal). */
export const ACCOUNT_PATHS = {
  register: '/account/register',
  confirm: '/account/confirm',
  forgot: '/account/forgot',
  reset: '/account/reset',
} as const

/** A status line on an account page: `ok` (role=status) or `bad` (role=alert). */
export type AccountNotice = { tone: 'ok' | 'bad'; text: string } | null

/** One field of an account form: the e-mail address (kept, or read only), a password, or a hidden value. */
export type AccountField =
  | { kind: 'email'; value?: string; readonly?: boolean }
  | { kind: 'password'; label: string; autocomplete: 'current-password' | 'new-password' }
  | { kind: 'hidden'; name: string; value: string }

/** An account page's options (see SitePages.account). */
export interface AccountPageOptions {
  language: string
  title: string
  copy?: string
  notice: AccountNotice
  status?: number
  /** A form: its fields and one submit button, or `choices` (buttons named `decision`, the first the main one). */
  form?: {
    action: string
    fields: readonly AccountField[]
    submit: string
    choices?: ReadonlyArray<{ value: string; text: string }>
  }
  /** A list under the copy, e.g. what a consent shares. */
  items?: readonly string[]
  links?: Array<{ href: string; text: string }>
  /** The form token the form carries (issue 20 item 7). */
  formToken?: string
}
