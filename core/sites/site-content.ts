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
    /** A form post larger than the site reads; `{limit}` is the limit, e.g. `16 KiB`. */
    formTooLargeTitle: string
    formTooLargeCopy: string
    /** The question under a knowledge article, its two answers, the optional comment's label, the thanks. */
    wasThisHelpful: string
    helpfulYes: string
    helpfulNo: string
    feedbackComment: string
    feedbackThanks: string
    formExpiredTitle: string
    formExpiredCopy: string
    tooManyRequestsTitle: string
    /** `{seconds}`: how long to wait. */
    tooManyRequestsCopy: string
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

/** Fills `{name}` placeholders in a sentence. */
export const fill = (sentence: string, values: Record<string, string>): string =>
  sentence.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole)
