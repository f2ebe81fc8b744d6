/**
 * The Insights page's content rows: their table's columns, their colours'
 * legend and the figures a bar shows on hover. Each item links to its page on
 * the portal when the page knows which portal that is.
 */
import { colorOf } from '../../chart-style/index.ts'
import type { ContentInsight } from '../../schemas/index.ts'
import type { Column } from '../components/data-table.tsx'
import { type Lang, type Messages, formatNumber, formatPercent } from '../i18n.ts'
import { GO_KIND, itemHref } from './insight-links.ts'

/** Opens a portal page in a new tab, with no way back to the console's window. */
export const openTab = (href: string) => window.open(href, '_blank', 'noopener,noreferrer')

export const contentColumns = (
  t: Messages,
  lang: Lang,
  base: string | null,
): Array<Column<ContentInsight>> => [
  {
    key: 'title',
    label: t.caseTitle,
    value: (i: ContentInsight) => {
      const href = itemHref(base, i)
      return href ? (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {i.title}
        </a>
      ) : (
        i.title
      )
    },
  },
  { key: 'type', label: t.type, value: (i: ContentInsight) => t.contentTypes[i.type] ?? i.type },
  { key: 'views', label: t.views, value: (i: ContentInsight) => formatNumber(lang, i.views), num: true },
  {
    key: 'readers',
    label: t.readers,
    value: (i: ContentInsight) => formatNumber(lang, i.readers),
    num: true,
  },
  {
    key: 'casesPreceded',
    label: t.casesPreceded,
    value: (i: ContentInsight) => formatNumber(lang, i.casesPreceded),
    num: true,
  },
  {
    key: 'caseRate',
    label: t.caseRate,
    value: (i: ContentInsight) => formatPercent(lang, i.caseRate),
    num: true,
  },
]

/** Which colour is which content type, above a chart of content (the widget's lane colours). */
export function TypeLegend(props: { t: Messages }) {
  return (
    <ul class="type-legend">
      {Object.entries(GO_KIND).map(([type]) => (
        <li key={type}>
          <span class="swatch" style={{ background: colorOf(type) }} aria-hidden="true" />
          {props.t.contentTypes[type] ?? type}
        </li>
      ))}
    </ul>
  )
}

/** The figures a content bar shows on hover. */
export const contentDetails = (t: Messages, lang: Lang, i: ContentInsight): Array<[string, string]> => [
  [t.type, t.contentTypes[i.type] ?? i.type],
  [t.casesPreceded, formatNumber(lang, i.casesPreceded)],
  [t.readers, formatNumber(lang, i.readers)],
  [t.caseRate, formatPercent(lang, i.caseRate)],
]
