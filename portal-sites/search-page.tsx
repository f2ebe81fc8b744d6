/** @jsxImportSource hono/jsx */
import type { JSX } from 'hono/jsx/jsx-runtime'
import { fill, published, settingOn } from '../core/index.ts'
import type { WebPage } from '../schemas/index.ts'
import { Cards, articleCard, blogCard, threadCard } from './content-pages.tsx'
import type { Frame } from './page-frame.ts'
import { SearchForm } from './page-shell.tsx'

/** Every search token (lower case) must appear in the item's text. */
const matches = (tokens: readonly string[], ...fields: string[]): boolean => {
  const text = fields.join(' ').toLowerCase()
  return tokens.every((t) => text.includes(t))
}

/**
 * The Search page: the box, and for a query the published articles, posts and
 * threads that hold every word, grouped, with facets when `Search/FacetedSearch` is on;
 * with how many results the query found in all (what its search beacon reports).
 */
export function searchBody(
  f: Frame,
  p: WebPage,
  q: string,
  facet: string,
): { body: JSX.Element; resultCount: number } {
  const faceted = settingOn(f.site, 'Search/FacetedSearch', false)
  const tokens = q
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t !== '')
  const groups = [
    {
      id: 'knowledge',
      label: f.c.ui.articles,
      cards: published(f.site.articles)
        .filter((a) => matches(tokens, a.title, a.summary, a.body, a.keywords.join(' ')))
        .map((a) => articleCard(f, a)),
    },
    {
      id: 'blogs',
      label: f.c.ui.blogPosts,
      cards: published(f.site.blogPosts)
        .filter((x) => matches(tokens, x.title, x.summary, x.body))
        .map((x) => blogCard(f, x)),
    },
    {
      id: 'forums',
      label: f.c.ui.forumThreads,
      cards: published(f.site.forumThreads)
        .filter((t) => matches(tokens, t.title, t.forum, ...t.posts.map((x) => x.body)))
        .map((t) => threadCard(f, t)),
    },
  ]
  const chosen = faceted && groups.some((g) => g.id === facet) ? facet : ''
  const head = (
    <>
      <h1>{q ? fill(f.c.ui.resultsFor, { query: q }) : p.title}</h1>
      {'\n'}
      <SearchForm f={f} value={q} inHeader={false} />
    </>
  )
  const resultCount = groups.reduce((n, g) => n + g.cards.length, 0)
  if (!q) return { body: head, resultCount }
  const base = f.markerPath('Search') ?? '/search'
  const facets = faceted ? (
    <nav class="facets" aria-label="facets">
      <a class={chosen === '' ? 'on' : ''} href={`${base}?q=${encodeURIComponent(q)}`}>
        {f.c.ui.allResults} ({resultCount})
      </a>
      {groups
        .filter((g) => g.cards.length > 0)
        .map((g) => (
          <a class={chosen === g.id ? 'on' : ''} href={`${base}?q=${encodeURIComponent(q)}&facet=${g.id}`}>
            {g.label} ({g.cards.length})
          </a>
        ))}
    </nav>
  ) : null
  const shown = groups.filter((g) => g.cards.length > 0 && (chosen === '' || g.id === chosen))
  const results =
    shown.length === 0 ? (
      <p class="lead" id="no-results">
        {f.c.ui.noResults}
      </p>
    ) : (
      shown.map((g, i) => (
        <>
          {i > 0 ? '\n' : ''}
          <section>
            <h2>{g.label}</h2>
            <Cards cards={g.cards} />
          </section>
        </>
      ))
    )
  return {
    body: (
      <>
        {head}
        {'\n'}
        {facets}
        {'\n'}
        {results}
      </>
    ),
    resultCount,
  }
}
