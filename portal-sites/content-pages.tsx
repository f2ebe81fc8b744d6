/** @jsxImportSource hono/jsx */
import type { JSX } from 'hono/jsx/jsx-runtime'
import { type Frame, itemLink, pathOfLayout } from './page-frame.ts'
import { SearchForm } from './page-shell.tsx'
import { published } from '../core/index.ts'
import type { BlogPost, ForumThread, KnowledgeArticle, PageLayout, WebPage } from '../schemas/index.ts'

/** Text as HTML paragraphs (a blank line starts a new one). */
export const Paragraphs = (props: { text: string }): JSX.Element => (
  <>
    {props.text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .map((p, i) => (
        <>
          {i > 0 ? '\n' : ''}
          <p>{p}</p>
        </>
      ))}
  </>
)

/** A page's title and its copy, as every page body starts. */
const Lead = (props: { page: WebPage }): JSX.Element => (
  <>
    <h1>{props.page.title}</h1>
    {'\n'}
    <div class="lead">
      <Paragraphs text={props.page.copy} />
    </div>
  </>
)

/** The cards of the list pages, home and search results. */
export const articleCard = (f: Frame, a: KnowledgeArticle): JSX.Element => (
  <Card href={itemLink(f, 'knowledge-base', a.articleNumber)} title={a.title} text={a.summary} />
)
export const blogCard = (f: Frame, p: BlogPost): JSX.Element => (
  <Card href={itemLink(f, 'blogs', p.slug)} title={p.title} text={p.summary} />
)
export const threadCard = (f: Frame, t: ForumThread): JSX.Element => (
  <Card
    href={itemLink(f, 'forums', t.slug)}
    title={t.title}
    text={`${t.forum} · ${t.posts[0]?.body ?? ''}`}
  />
)

function Card(props: { href: string | null; title: string; text: string }): JSX.Element {
  return (
    <li>
      {props.href ? (
        <a href={props.href}>
          <strong>{props.title}</strong>
        </a>
      ) : (
        <strong>{props.title}</strong>
      )}
      <p>{props.text}</p>
    </li>
  )
}

/** Cards as a list, one a line. */
export const Cards = (props: { cards: readonly JSX.Element[] }): JSX.Element => (
  <ul class="cards">{props.cards.map((card, i) => (i > 0 ? ['\n', card] : card))}</ul>
)

/** A list page: its title, copy and the cards of its items. */
export const listBody = (p: WebPage, cards: JSX.Element[]): JSX.Element => (
  <>
    <Lead page={p} />
    {'\n'}
    <Cards cards={cards} />
  </>
)

/** The Home page: its copy, the search box, and the newest articles, posts and threads. */
export function homeBody(f: Frame, p: WebPage): JSX.Element {
  const section = (layout: PageLayout, heading: string, cards: JSX.Element[]) => {
    if (cards.length === 0) return null
    const link = pathOfLayout(f, layout)
    return (
      <section>
        <h2>{link ? <a href={link}>{heading}</a> : heading}</h2>
        <Cards cards={cards} />
      </section>
    )
  }
  const sections = [
    section(
      'knowledge-base',
      f.c.ui.articles,
      published(f.site.articles)
        .slice(0, 3)
        .map((a) => articleCard(f, a)),
    ),
    section(
      'blogs',
      f.c.ui.blogPosts,
      published(f.site.blogPosts)
        .slice(0, 2)
        .map((x) => blogCard(f, x)),
    ),
    section(
      'forums',
      f.c.ui.forumThreads,
      published(f.site.forumThreads)
        .slice(0, 2)
        .map((t) => threadCard(f, t)),
    ),
  ].filter((s) => s !== null)
  return (
    <>
      <Lead page={p} />
      {'\n'}
      <SearchForm f={f} value="" inHeader={false} />
      {'\n'}
      {sections.map((s, i) => (i > 0 ? ['\n', s] : s))}
    </>
  )
}

/** An error page (Page Not Found, Access Denied) from its record, with a search box. */
export const errorBody = (f: Frame, p: WebPage): JSX.Element => (
  <>
    <Lead page={p} />
    {'\n'}
    <SearchForm f={f} value="" inHeader={false} />
  </>
)

/** A content page: its title and copy, and a panel under them (Support's cases, the ideas). */
export const contentBody = (p: WebPage, panel: JSX.Element | null): JSX.Element => (
  <>
    <Lead page={p} />
    {panel}
  </>
)

/** One item of a list page: an article, a blog post, a forum thread with its posts. */
export const articleBody = (a: KnowledgeArticle): JSX.Element => (
  <article class="item">
    <p class="meta">
      {a.articleNumber} · {a.language}
    </p>
    <h1>{a.title}</h1>
    {'\n'}
    <p class="lead">{a.summary}</p>
    {'\n'}
    <Paragraphs text={a.body} />
  </article>
)

export const blogBody = (f: Frame, p: BlogPost): JSX.Element => (
  <article class="item">
    <p class="meta">
      {new Date(p.postedAt).toLocaleDateString(f.c.language, { dateStyle: 'long' })} · {f.c.ui.postedBy}{' '}
      {p.author}
    </p>
    <h1>{p.title}</h1>
    {'\n'}
    <p class="lead">{p.summary}</p>
    {'\n'}
    <Paragraphs text={p.body} />
  </article>
)

export const threadBody = (t: ForumThread): JSX.Element => (
  <article class="item">
    <p class="meta">{t.forum}</p>
    <h1>{t.title}</h1>
    {'\n'}
    {t.posts.map((p, i) => (
      <>
        {i > 0 ? '\n' : ''}
        <div class="post">
          <p class="meta">{p.author}</p>
          <Paragraphs text={p.body} />
        </div>
      </>
    ))}
  </article>
)
