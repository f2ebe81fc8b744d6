import { escapeHtml as e } from './html-escape.ts'
import { type Frame, itemLink, pathOfLayout } from './page-frame.ts'
import { searchForm } from './page-shell.ts'
import { published } from './site-paths.ts'
import type { BlogPost, ForumThread, KnowledgeArticle, PageLayout, WebPage } from './site-records.ts'

/** Text as HTML paragraphs (a blank line starts a new one). */
export const paragraphs = (text: string): string =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p>${e(p)}</p>`)
    .join('\n')

/** The cards of the list pages, home and search results. */
export const articleCard = (f: Frame, a: KnowledgeArticle): string =>
  card(itemLink(f, 'knowledge-base', a.articleNumber), a.title, a.summary)
export const blogCard = (f: Frame, p: BlogPost): string =>
  card(itemLink(f, 'blogs', p.slug), p.title, p.summary)
export const threadCard = (f: Frame, t: ForumThread): string =>
  card(itemLink(f, 'forums', t.slug), t.title, `${t.forum} · ${t.posts[0]?.body ?? ''}`)

function card(href: string | null, title: string, text: string): string {
  const head = href ? `<a href="${e(href)}"><strong>${e(title)}</strong></a>` : `<strong>${e(title)}</strong>`
  return `<li>${head}<p>${e(text)}</p></li>`
}

/** A list page: its title, copy and the cards of its items. */
export const listBody = (p: WebPage, cards: string[]): string =>
  `<h1>${e(p.title)}</h1>\n<div class="lead">${paragraphs(p.copy)}</div>\n<ul class="cards">${cards.join('\n')}</ul>`

/** The Home page: its copy, the search box, and the newest articles, posts and threads. */
export function homeBody(f: Frame, p: WebPage): string {
  const sections: string[] = []
  const articles = published(f.site.articles).slice(0, 3)
  const posts = published(f.site.blogPosts).slice(0, 2)
  const threads = published(f.site.forumThreads).slice(0, 2)
  const section = (layout: PageLayout, heading: string, cards: string[]) => {
    if (cards.length === 0) return
    const link = pathOfLayout(f, layout)
    sections.push(
      `<section><h2>${link ? `<a href="${e(link)}">${e(heading)}</a>` : e(heading)}</h2><ul class="cards">${cards.join('\n')}</ul></section>`,
    )
  }
  section(
    'knowledge-base',
    f.c.ui.articles,
    articles.map((a) => articleCard(f, a)),
  )
  section(
    'blogs',
    f.c.ui.blogPosts,
    posts.map((x) => blogCard(f, x)),
  )
  section(
    'forums',
    f.c.ui.forumThreads,
    threads.map((t) => threadCard(f, t)),
  )
  return `<h1>${e(p.title)}</h1>\n<div class="lead">${paragraphs(p.copy)}</div>\n${searchForm(f, '', false)}\n${sections.join('\n')}`
}

/** An error page (Page Not Found, Access Denied) from its record, with a search box. */
export const errorBody = (f: Frame, p: WebPage): string =>
  `<h1>${e(p.title)}</h1>\n<div class="lead">${paragraphs(p.copy)}</div>\n${searchForm(f, '', false)}`

/** One item of a list page: an article, a blog post, a forum thread with its posts. */
export const articleBody = (a: KnowledgeArticle): string =>
  `<article class="item"><p class="meta">${e(a.articleNumber)} · ${e(a.language)}</p><h1>${e(a.title)}</h1>\n<p class="lead">${e(a.summary)}</p>\n${paragraphs(a.body)}</article>`

export const blogBody = (f: Frame, p: BlogPost): string =>
  `<article class="item"><p class="meta">${e(new Date(p.postedAt).toLocaleDateString(f.c.language, { dateStyle: 'long' }))} · ${e(f.c.ui.postedBy)} ${e(p.author)}</p><h1>${e(p.title)}</h1>\n<p class="lead">${e(p.summary)}</p>\n${paragraphs(p.body)}</article>`

export const threadBody = (t: ForumThread): string =>
  `<article class="item"><p class="meta">${e(t.forum)}</p><h1>${e(t.title)}</h1>\n${t.posts
    .map((p) => `<div class="post"><p class="meta">${e(p.author)}</p>${paragraphs(p.body)}</div>`)
    .join('\n')}</article>`
