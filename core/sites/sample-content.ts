import { primaryLanguage } from '../tenancy/languages.ts'

/** The words a portal's site is written in, and its sample content, for one language. */
export interface SiteContent {
  /** The language the content is written in (a BCP 47 tag). */
  language: string
  nav: {
    home: string
    knowledgeBase: string
    blogs: string
    forums: string
    support: string
    ideas: string
    partners: string
    search: string
    profile: string
    signIn: string
    signOut: string
  }
  /** Titles and copy of the pages the packages install. */
  pages: Record<
    | 'home'
    | 'knowledgeBase'
    | 'blogs'
    | 'forums'
    | 'support'
    | 'ideas'
    | 'partners'
    | 'projects'
    | 'workOrders'
    | 'search'
    | 'profile'
    | 'signIn'
    | 'notFound'
    | 'accessDenied',
    { title: string; copy: string }
  >
  ui: {
    searchPlaceholder: string
    searchButton: string
    /** `{query}` stands for the search string. */
    resultsFor: string
    noResults: string
    /** `{name}` stands for the contact's name. */
    signedInAs: string
    /** The label of an item page's way back (Home › list › item). */
    breadcrumb: string
    signInAs: string
    allResults: string
    articles: string
    blogPosts: string
    forumThreads: string
    postedBy: string
    /** `{year}` and `{site}`. */
    footer: string
    gettingSetUpTitle: string
    gettingSetUpCopy: string
    noPortalTitle: string
    noPortalCopy: string
    offlineTitle: string
    offlineCopy: string
    restrictedTitle: string
    restrictedCopy: string
    maintenanceTitle: string
    maintenanceCopy: string
    formTooLargeTitle: string
    formTooLargeCopy: string
  }
  articles: Array<{ slug: string; title: string; summary: string; body: string; keywords: string[] }>
  blogPosts: Array<{ slug: string; title: string; author: string; summary: string; body: string }>
  forumThreads: Array<{
    slug: string
    forum: string
    title: string
    posts: Array<{ author: string; body: string }>
  }>
}

/** The site's own UI words that installed metadata labels may provide (the rest stay built in). */
export type SiteUiLabels = Partial<
  Record<
    | 'searchButton'
    | 'searchPlaceholder'
    | 'allResults'
    | 'noResults'
    | 'signIn'
    | 'signOut'
    | 'profile'
    | 'articles'
    | 'blogPosts'
    | 'forumThreads',
    string
  >
>

/**
 * The content with the site's UI words taken from installed metadata labels
 * where there are some (the search box, sign in and out, the profile link,
 * the result groups).
 */
export function withLabels(content: SiteContent, labels: SiteUiLabels | null | undefined): SiteContent {
  if (!labels) return content
  return {
    ...content,
    nav: {
      ...content.nav,
      search: labels.searchButton ?? content.nav.search,
      signIn: labels.signIn ?? content.nav.signIn,
      signOut: labels.signOut ?? content.nav.signOut,
      profile: labels.profile ?? content.nav.profile,
    },
    ui: {
      ...content.ui,
      searchButton: labels.searchButton ?? content.ui.searchButton,
      searchPlaceholder: labels.searchPlaceholder ?? content.ui.searchPlaceholder,
      allResults: labels.allResults ?? content.ui.allResults,
      noResults: labels.noResults ?? content.ui.noResults,
      signInAs: labels.signIn ?? content.ui.signInAs,
      articles: labels.articles ?? content.ui.articles,
      blogPosts: labels.blogPosts ?? content.ui.blogPosts,
      forumThreads: labels.forumThreads ?? content.ui.forumThreads,
    },
  }
}

const EN: SiteContent = {
  language: 'en-US',
  nav: {
    home: 'Home',
    knowledgeBase: 'Knowledge base',
    blogs: 'Blogs',
    forums: 'Forums',
    support: 'Support',
    ideas: 'Ideas',
    partners: 'Partners',
    search: 'Search',
    profile: 'Profile',
    signIn: 'Sign in',
    signOut: 'Sign out',
  },
  pages: {
    home: {
      title: 'How can we help?',
      copy: 'Search the knowledge base, read what the community says, or open a case with our support team.',
    },
    knowledgeBase: { title: 'Knowledge base', copy: 'Answers written by our support engineers.' },
    blogs: { title: 'Blogs', copy: 'News and tips from the team.' },
    forums: { title: 'Forums', copy: 'Ask the community and share what worked for you.' },
    support: {
      title: 'Support',
      copy: 'Could not find an answer? Sign in and open a case; a support engineer will get back to you within one business day.',
    },
    ideas: { title: 'Ideas', copy: 'Suggest improvements and vote for the ideas you like.' },
    partners: {
      title: 'Partners',
      copy: 'Opportunities, onboarding material and deal registration for our partners.',
    },
    projects: { title: 'Projects', copy: 'Project status, time entries and resources shared with you.' },
    workOrders: { title: 'Work orders', copy: 'Work orders and bookings assigned to your company.' },
    search: { title: 'Search', copy: '' },
    profile: { title: 'Your profile', copy: 'The details we hold about you.' },
    signIn: { title: 'Sign in', copy: 'This is a demo portal: choose a contact to sign in as.' },
    notFound: {
      title: 'Page not found',
      copy: 'The page you asked for does not exist, or has not been published. Try a search instead.',
    },
    accessDenied: { title: 'Access denied', copy: 'You need to sign in to see this page.' },
  },
  ui: {
    searchPlaceholder: 'Search articles, posts and threads',
    searchButton: 'Search',
    resultsFor: 'Results for “{query}”',
    noResults: 'Nothing matched your search.',
    signedInAs: 'Signed in as {name}',
    breadcrumb: 'Breadcrumb',
    signInAs: 'Sign in',
    allResults: 'All',
    articles: 'Knowledge articles',
    blogPosts: 'Blog posts',
    forumThreads: 'Forum threads',
    postedBy: 'by',
    footer: '© {year} {site}',
    gettingSetUpTitle: 'Getting set up',
    gettingSetUpCopy: 'This portal is being provisioned. Check back in a few minutes.',
    noPortalTitle: 'No portal here',
    noPortalCopy: 'No portal has been provisioned at this address.',
    offlineTitle: 'This portal is offline',
    offlineCopy: 'Its administrators have turned it off. Please check back later.',
    restrictedTitle: 'Access restricted',
    restrictedCopy: 'This portal only answers visitors from the addresses its administrators allow.',
    maintenanceTitle: 'Down for maintenance',
    maintenanceCopy: 'This portal is in administration mode. Please check back later.',
    formTooLargeTitle: 'Too much text',
    formTooLargeCopy:
      'What you sent is longer than this portal accepts ({limit}). Go back, shorten it and send it again.',
  },
  articles: [
    {
      slug: 'reset-password',
      title: 'Reset your password',
      summary: 'Use the sign-in page to reset a forgotten password in a few steps.',
      body: 'On the sign-in page, select Forgot password.\n\nEnter the e-mail address of your account; we send a link that works for one hour.\n\nOpen the link, choose a new password of at least twelve characters, and sign in again on every device.',
      keywords: ['password', 'reset', 'sign in', 'forgot'],
    },
    {
      slug: 'two-factor-new-phone',
      title: 'Two-factor sign-in fails after a phone change',
      summary: 'Move your authenticator to a new phone, or use a recovery code.',
      body: 'Codes come from the authenticator app on your old phone until you move it.\n\nSign in with a recovery code, then open Security and select Replace authenticator.\n\nIf you have no recovery code left, open a case: we verify who you are and reset two-factor sign-in.',
      keywords: ['two-factor', '2fa', 'authenticator', 'phone', 'password'],
    },
    {
      slug: 'export-invoices-pdf',
      title: 'Export invoices as PDF',
      summary: 'Download one invoice or a whole year of them.',
      body: 'Open Billing, then Invoices.\n\nSelect one invoice and choose Download PDF, or select a year and choose Export all.',
      keywords: ['invoice', 'pdf', 'billing', 'export'],
    },
    {
      slug: 'update-billing-address',
      title: 'Update your billing address',
      summary: 'Change the address printed on your next invoices.',
      body: 'Open Billing, then Details, and edit the address.\n\nInvoices already issued keep the old address; ask support for a corrected copy.',
      keywords: ['billing', 'address', 'invoice'],
    },
  ],
  blogPosts: [
    {
      slug: 'sign-in-changes',
      title: 'What changed in sign-in this autumn',
      author: 'The support team',
      summary: 'Passkeys, longer sessions and a simpler password reset.',
      body: 'You can now sign in with a passkey.\n\nSessions last thirty days on devices you trust, and the password reset link works for one hour.',
    },
    {
      slug: 'billing-portal',
      title: 'A new home for invoices',
      author: 'The billing team',
      summary: 'All your invoices, in one place, as PDF.',
      body: 'The billing pages now list every invoice since you joined, and export them as PDF in one go.',
    },
  ],
  forumThreads: [
    {
      slug: 'locked-out-new-phone',
      forum: 'Account and sign-in',
      title: 'Locked out after switching phones?',
      posts: [
        {
          author: 'Sam',
          body: 'I moved to a new phone and my authenticator codes no longer work. What now?',
        },
        {
          author: 'Priya',
          body: 'Use one of your recovery codes, then replace the authenticator under Security.',
        },
      ],
    },
    {
      slug: 'invoice-language',
      forum: 'Billing',
      title: 'Can invoices be in another language?',
      posts: [
        { author: 'Morgan', body: 'Our accounts team needs invoices in French. Is that possible?' },
        { author: 'Support', body: 'Yes: set the billing language under Billing, then Details.' },
      ],
    },
  ],
}

const FR: SiteContent = {
  language: 'fr-FR',
  nav: {
    home: 'Accueil',
    knowledgeBase: 'Base de connaissances',
    blogs: 'Blogs',
    forums: 'Forums',
    support: 'Assistance',
    ideas: 'Idées',
    partners: 'Partenaires',
    search: 'Rechercher',
    profile: 'Profil',
    signIn: 'Se connecter',
    signOut: 'Se déconnecter',
  },
  pages: {
    home: {
      title: 'Comment pouvons-nous vous aider ?',
      copy: 'Cherchez dans la base de connaissances, lisez les échanges de la communauté ou ouvrez une demande auprès du support.',
    },
    knowledgeBase: {
      title: 'Base de connaissances',
      copy: 'Des réponses rédigées par nos ingénieurs support.',
    },
    blogs: { title: 'Blogs', copy: "Les nouvelles et astuces de l'équipe." },
    forums: { title: 'Forums', copy: 'Posez vos questions à la communauté et partagez vos solutions.' },
    support: {
      title: 'Assistance',
      copy: 'Pas de réponse ? Connectez-vous et ouvrez une demande ; un ingénieur vous répond sous un jour ouvré.',
    },
    ideas: { title: 'Idées', copy: 'Proposez des améliorations et votez pour celles que vous aimez.' },
    partners: { title: 'Partenaires', copy: 'Opportunités, intégration et enregistrement des affaires.' },
    projects: { title: 'Projets', copy: 'État des projets, temps passés et ressources partagées.' },
    workOrders: {
      title: "Ordres d'intervention",
      copy: 'Les interventions et réservations de votre société.',
    },
    search: { title: 'Rechercher', copy: '' },
    profile: { title: 'Votre profil', copy: 'Les informations que nous détenons sur vous.' },
    signIn: { title: 'Se connecter', copy: 'Portail de démonstration : choisissez un contact.' },
    notFound: {
      title: 'Page introuvable',
      copy: "La page demandée n'existe pas ou n'est pas publiée. Essayez une recherche.",
    },
    accessDenied: { title: 'Accès refusé', copy: 'Connectez-vous pour voir cette page.' },
  },
  ui: {
    searchPlaceholder: 'Rechercher des articles, billets et discussions',
    searchButton: 'Rechercher',
    resultsFor: 'Résultats pour « {query} »',
    noResults: 'Aucun résultat.',
    signedInAs: 'Connecté en tant que {name}',
    breadcrumb: 'Fil d’Ariane',
    signInAs: 'Se connecter',
    allResults: 'Tout',
    articles: 'Articles de connaissances',
    blogPosts: 'Billets de blog',
    forumThreads: 'Discussions',
    postedBy: 'par',
    footer: '© {year} {site}',
    gettingSetUpTitle: 'Configuration en cours',
    gettingSetUpCopy: 'Ce portail est en cours de mise en service. Revenez dans quelques minutes.',
    noPortalTitle: 'Aucun portail ici',
    noPortalCopy: "Aucun portail n'a été mis en service à cette adresse.",
    offlineTitle: 'Ce portail est hors ligne',
    offlineCopy: "Ses administrateurs l'ont désactivé. Revenez plus tard.",
    restrictedTitle: 'Accès restreint',
    restrictedCopy: 'Ce portail ne répond qu’aux adresses autorisées par ses administrateurs.',
    maintenanceTitle: 'Maintenance en cours',
    maintenanceCopy: 'Ce portail est en mode administration. Revenez plus tard.',
    formTooLargeTitle: 'Texte trop long',
    formTooLargeCopy:
      'Ce que vous avez envoyé dépasse ce que ce portail accepte ({limit}). Revenez en arrière, raccourcissez-le et envoyez-le à nouveau.',
  },
  articles: [
    {
      slug: 'reset-password',
      title: 'Réinitialiser votre mot de passe',
      summary: 'Réinitialisez un mot de passe oublié depuis la page de connexion.',
      body: 'Sur la page de connexion, choisissez Mot de passe oublié.\n\nSaisissez votre adresse e-mail ; le lien envoyé reste valable une heure.\n\nChoisissez un nouveau mot de passe d’au moins douze caractères.',
      keywords: ['mot de passe', 'réinitialiser', 'connexion'],
    },
    {
      slug: 'two-factor-new-phone',
      title: 'La double authentification échoue après un changement de téléphone',
      summary: 'Transférez votre authentificateur ou utilisez un code de récupération.',
      body: 'Connectez-vous avec un code de récupération, puis ouvrez Sécurité et choisissez Remplacer l’authentificateur.\n\nSans code de récupération, ouvrez une demande.',
      keywords: ['double authentification', 'téléphone', 'authentificateur'],
    },
    {
      slug: 'export-invoices-pdf',
      title: 'Exporter les factures en PDF',
      summary: 'Téléchargez une facture ou toute une année.',
      body: 'Ouvrez Facturation, puis Factures.\n\nChoisissez Télécharger le PDF, ou une année puis Tout exporter.',
      keywords: ['facture', 'pdf', 'facturation'],
    },
    {
      slug: 'update-billing-address',
      title: 'Modifier votre adresse de facturation',
      summary: "Changez l'adresse imprimée sur vos prochaines factures.",
      body: 'Ouvrez Facturation, puis Coordonnées, et modifiez l’adresse.',
      keywords: ['facturation', 'adresse'],
    },
  ],
  blogPosts: [
    {
      slug: 'sign-in-changes',
      title: 'Ce qui change pour la connexion cet automne',
      author: "L'équipe support",
      summary: 'Clés d’accès, sessions plus longues, réinitialisation simplifiée.',
      body: 'Vous pouvez désormais vous connecter avec une clé d’accès.',
    },
    {
      slug: 'billing-portal',
      title: 'Un nouvel espace pour vos factures',
      author: "L'équipe facturation",
      summary: 'Toutes vos factures au même endroit.',
      body: 'Les pages de facturation listent toutes vos factures et les exportent en PDF.',
    },
  ],
  forumThreads: [
    {
      slug: 'locked-out-new-phone',
      forum: 'Compte et connexion',
      title: 'Bloqué après un changement de téléphone ?',
      posts: [
        { author: 'Sam', body: 'Mes codes ne fonctionnent plus sur mon nouveau téléphone.' },
        { author: 'Priya', body: 'Utilisez un code de récupération, puis remplacez l’authentificateur.' },
      ],
    },
    {
      slug: 'invoice-language',
      forum: 'Facturation',
      title: 'Factures dans une autre langue ?',
      posts: [
        { author: 'Morgan', body: 'Notre comptabilité veut des factures en anglais.' },
        { author: 'Support', body: 'Réglez la langue de facturation dans Facturation, puis Coordonnées.' },
      ],
    },
  ],
}

const DE: SiteContent = {
  language: 'de-DE',
  nav: {
    home: 'Start',
    knowledgeBase: 'Wissensdatenbank',
    blogs: 'Blogs',
    forums: 'Foren',
    support: 'Support',
    ideas: 'Ideen',
    partners: 'Partner',
    search: 'Suche',
    profile: 'Profil',
    signIn: 'Anmelden',
    signOut: 'Abmelden',
  },
  pages: {
    home: {
      title: 'Wie können wir helfen?',
      copy: 'Durchsuchen Sie die Wissensdatenbank, lesen Sie in der Community oder eröffnen Sie einen Fall.',
    },
    knowledgeBase: { title: 'Wissensdatenbank', copy: 'Antworten unserer Support-Ingenieure.' },
    blogs: { title: 'Blogs', copy: 'Neuigkeiten und Tipps des Teams.' },
    forums: { title: 'Foren', copy: 'Fragen Sie die Community.' },
    support: {
      title: 'Support',
      copy: 'Keine Antwort gefunden? Melden Sie sich an und eröffnen Sie einen Fall.',
    },
    ideas: { title: 'Ideen', copy: 'Schlagen Sie Verbesserungen vor.' },
    partners: { title: 'Partner', copy: 'Verkaufschancen und Onboarding für Partner.' },
    projects: { title: 'Projekte', copy: 'Projektstatus und Ressourcen.' },
    workOrders: { title: 'Arbeitsaufträge', copy: 'Arbeitsaufträge Ihres Unternehmens.' },
    search: { title: 'Suche', copy: '' },
    profile: { title: 'Ihr Profil', copy: 'Die Angaben, die wir über Sie speichern.' },
    signIn: { title: 'Anmelden', copy: 'Demo-Portal: Wählen Sie einen Kontakt.' },
    notFound: {
      title: 'Seite nicht gefunden',
      copy: 'Diese Seite gibt es nicht oder sie ist nicht veröffentlicht.',
    },
    accessDenied: { title: 'Zugriff verweigert', copy: 'Melden Sie sich an, um diese Seite zu sehen.' },
  },
  ui: {
    searchPlaceholder: 'Artikel, Beiträge und Themen durchsuchen',
    searchButton: 'Suchen',
    resultsFor: 'Ergebnisse für „{query}“',
    noResults: 'Keine Treffer.',
    signedInAs: 'Angemeldet als {name}',
    breadcrumb: 'Navigationspfad',
    signInAs: 'Anmelden',
    allResults: 'Alle',
    articles: 'Wissensartikel',
    blogPosts: 'Blogbeiträge',
    forumThreads: 'Forenthemen',
    postedBy: 'von',
    footer: '© {year} {site}',
    gettingSetUpTitle: 'Wird eingerichtet',
    gettingSetUpCopy:
      'Dieses Portal wird gerade bereitgestellt. Schauen Sie in ein paar Minuten wieder vorbei.',
    noPortalTitle: 'Kein Portal',
    noPortalCopy: 'Unter dieser Adresse ist kein Portal eingerichtet.',
    offlineTitle: 'Dieses Portal ist offline',
    offlineCopy: 'Die Administratoren haben es ausgeschaltet. Schauen Sie später wieder vorbei.',
    restrictedTitle: 'Zugriff eingeschränkt',
    restrictedCopy: 'Dieses Portal antwortet nur Adressen, die seine Administratoren zulassen.',
    maintenanceTitle: 'Wartungsarbeiten',
    maintenanceCopy: 'Dieses Portal ist im Administrationsmodus. Schauen Sie später wieder vorbei.',
    formTooLargeTitle: 'Zu viel Text',
    formTooLargeCopy:
      'Ihre Eingabe ist länger, als dieses Portal annimmt ({limit}). Gehen Sie zurück, kürzen Sie sie und senden Sie sie erneut.',
  },
  articles: [
    {
      slug: 'reset-password',
      title: 'Passwort zurücksetzen',
      summary: 'Ein vergessenes Passwort auf der Anmeldeseite zurücksetzen.',
      body: 'Wählen Sie auf der Anmeldeseite „Passwort vergessen“.\n\nDer Link gilt eine Stunde.',
      keywords: ['passwort', 'zurücksetzen', 'anmelden'],
    },
    {
      slug: 'two-factor-new-phone',
      title: 'Zwei-Faktor-Anmeldung scheitert nach Handywechsel',
      summary: 'Authenticator umziehen oder Wiederherstellungscode nutzen.',
      body: 'Melden Sie sich mit einem Wiederherstellungscode an und ersetzen Sie den Authenticator unter Sicherheit.',
      keywords: ['zwei-faktor', 'handy', 'authenticator'],
    },
    {
      slug: 'export-invoices-pdf',
      title: 'Rechnungen als PDF exportieren',
      summary: 'Eine Rechnung oder ein ganzes Jahr herunterladen.',
      body: 'Öffnen Sie Abrechnung, dann Rechnungen, und wählen Sie PDF herunterladen.',
      keywords: ['rechnung', 'pdf'],
    },
    {
      slug: 'update-billing-address',
      title: 'Rechnungsadresse ändern',
      summary: 'Die Adresse auf künftigen Rechnungen ändern.',
      body: 'Öffnen Sie Abrechnung, dann Details, und ändern Sie die Adresse.',
      keywords: ['rechnung', 'adresse'],
    },
  ],
  blogPosts: [
    {
      slug: 'sign-in-changes',
      title: 'Was sich bei der Anmeldung ändert',
      author: 'Das Support-Team',
      summary: 'Passkeys und längere Sitzungen.',
      body: 'Sie können sich jetzt mit einem Passkey anmelden.',
    },
    {
      slug: 'billing-portal',
      title: 'Ein neues Zuhause für Rechnungen',
      author: 'Das Abrechnungsteam',
      summary: 'Alle Rechnungen an einem Ort.',
      body: 'Alle Rechnungen seit Ihrem Beitritt, als PDF exportierbar.',
    },
  ],
  forumThreads: [
    {
      slug: 'locked-out-new-phone',
      forum: 'Konto und Anmeldung',
      title: 'Nach Handywechsel ausgesperrt?',
      posts: [
        { author: 'Sam', body: 'Meine Codes funktionieren auf dem neuen Handy nicht.' },
        { author: 'Priya', body: 'Nutzen Sie einen Wiederherstellungscode.' },
      ],
    },
    {
      slug: 'invoice-language',
      forum: 'Abrechnung',
      title: 'Rechnungen in einer anderen Sprache?',
      posts: [
        { author: 'Morgan', body: 'Wir brauchen Rechnungen auf Englisch.' },
        { author: 'Support', body: 'Stellen Sie die Rechnungssprache unter Abrechnung ein.' },
      ],
    },
  ],
}

const ES: SiteContent = {
  language: 'es-ES',
  nav: {
    home: 'Inicio',
    knowledgeBase: 'Base de conocimiento',
    blogs: 'Blogs',
    forums: 'Foros',
    support: 'Soporte',
    ideas: 'Ideas',
    partners: 'Socios',
    search: 'Buscar',
    profile: 'Perfil',
    signIn: 'Iniciar sesión',
    signOut: 'Cerrar sesión',
  },
  pages: {
    home: {
      title: '¿Cómo podemos ayudarle?',
      copy: 'Busque en la base de conocimiento, lea la comunidad o abra un caso con soporte.',
    },
    knowledgeBase: { title: 'Base de conocimiento', copy: 'Respuestas de nuestros ingenieros de soporte.' },
    blogs: { title: 'Blogs', copy: 'Noticias y consejos del equipo.' },
    forums: { title: 'Foros', copy: 'Pregunte a la comunidad.' },
    support: { title: 'Soporte', copy: '¿No encontró respuesta? Inicie sesión y abra un caso.' },
    ideas: { title: 'Ideas', copy: 'Proponga mejoras.' },
    partners: { title: 'Socios', copy: 'Oportunidades e incorporación para socios.' },
    projects: { title: 'Proyectos', copy: 'Estado de proyectos y recursos.' },
    workOrders: { title: 'Órdenes de trabajo', copy: 'Órdenes de trabajo de su empresa.' },
    search: { title: 'Buscar', copy: '' },
    profile: { title: 'Su perfil', copy: 'Los datos que guardamos sobre usted.' },
    signIn: { title: 'Iniciar sesión', copy: 'Portal de demostración: elija un contacto.' },
    notFound: { title: 'Página no encontrada', copy: 'La página no existe o no está publicada.' },
    accessDenied: { title: 'Acceso denegado', copy: 'Inicie sesión para ver esta página.' },
  },
  ui: {
    searchPlaceholder: 'Buscar artículos, entradas y hilos',
    searchButton: 'Buscar',
    resultsFor: 'Resultados de «{query}»',
    noResults: 'Sin resultados.',
    signedInAs: 'Sesión iniciada como {name}',
    breadcrumb: 'Ruta de navegación',
    signInAs: 'Iniciar sesión',
    allResults: 'Todo',
    articles: 'Artículos',
    blogPosts: 'Entradas de blog',
    forumThreads: 'Hilos del foro',
    postedBy: 'por',
    footer: '© {year} {site}',
    gettingSetUpTitle: 'Preparando el portal',
    gettingSetUpCopy: 'Este portal se está aprovisionando. Vuelva en unos minutos.',
    noPortalTitle: 'No hay ningún portal aquí',
    noPortalCopy: 'No se ha aprovisionado ningún portal en esta dirección.',
    offlineTitle: 'Este portal está desconectado',
    offlineCopy: 'Sus administradores lo han desactivado. Vuelva más tarde.',
    restrictedTitle: 'Acceso restringido',
    restrictedCopy: 'Este portal solo responde a las direcciones que permiten sus administradores.',
    maintenanceTitle: 'En mantenimiento',
    maintenanceCopy: 'Este portal está en modo de administración. Vuelva más tarde.',
    formTooLargeTitle: 'Demasiado texto',
    formTooLargeCopy:
      'Lo que ha enviado supera lo que este portal acepta ({limit}). Vuelva atrás, acórtelo y envíelo de nuevo.',
  },
  articles: [
    {
      slug: 'reset-password',
      title: 'Restablecer la contraseña',
      summary: 'Restablezca una contraseña olvidada desde la página de inicio de sesión.',
      body: 'En la página de inicio de sesión, elija ¿Olvidó su contraseña?\n\nEl enlace es válido una hora.',
      keywords: ['contraseña', 'restablecer'],
    },
    {
      slug: 'two-factor-new-phone',
      title: 'La verificación en dos pasos falla tras cambiar de teléfono',
      summary: 'Traslade el autenticador o use un código de recuperación.',
      body: 'Inicie sesión con un código de recuperación y sustituya el autenticador en Seguridad.',
      keywords: ['dos pasos', 'teléfono', 'autenticador'],
    },
    {
      slug: 'export-invoices-pdf',
      title: 'Exportar facturas en PDF',
      summary: 'Descargue una factura o un año entero.',
      body: 'Abra Facturación, luego Facturas, y elija Descargar PDF.',
      keywords: ['factura', 'pdf'],
    },
    {
      slug: 'update-billing-address',
      title: 'Cambiar la dirección de facturación',
      summary: 'Cambie la dirección de sus próximas facturas.',
      body: 'Abra Facturación, luego Datos, y edite la dirección.',
      keywords: ['facturación', 'dirección'],
    },
  ],
  blogPosts: [
    {
      slug: 'sign-in-changes',
      title: 'Qué cambia en el inicio de sesión',
      author: 'El equipo de soporte',
      summary: 'Llaves de acceso y sesiones más largas.',
      body: 'Ya puede iniciar sesión con una llave de acceso.',
    },
    {
      slug: 'billing-portal',
      title: 'Un nuevo lugar para sus facturas',
      author: 'El equipo de facturación',
      summary: 'Todas sus facturas en un solo lugar.',
      body: 'Todas sus facturas, exportables en PDF.',
    },
  ],
  forumThreads: [
    {
      slug: 'locked-out-new-phone',
      forum: 'Cuenta e inicio de sesión',
      title: '¿Bloqueado tras cambiar de teléfono?',
      posts: [
        { author: 'Sam', body: 'Mis códigos no funcionan en el teléfono nuevo.' },
        { author: 'Priya', body: 'Use un código de recuperación.' },
      ],
    },
    {
      slug: 'invoice-language',
      forum: 'Facturación',
      title: '¿Facturas en otro idioma?',
      posts: [
        { author: 'Morgan', body: 'Necesitamos facturas en inglés.' },
        { author: 'Support', body: 'Configure el idioma en Facturación.' },
      ],
    },
  ],
}

const CONTENT: Readonly<Record<string, SiteContent>> = { en: EN, fr: FR, de: DE, es: ES }

/** The languages sample data is written in (primary subtags). */
export const SAMPLE_CONTENT_LANGUAGES: readonly string[] = Object.keys(CONTENT)

/**
 * The site's words and sample content for a portal language. Sample data is
 * provided in one language per portal: the default language's when there is
 * a translation, else English (and `language` says so).
 *
 * @example
 * siteContentFor('fr-FR').nav.search // 'Rechercher'
 */
export function siteContentFor(language: string): SiteContent {
  return CONTENT[primaryLanguage(language)] ?? EN
}

/** Fills `{name}` placeholders in a sentence. */
export const fill = (sentence: string, values: Record<string, string>): string =>
  sentence.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole)
