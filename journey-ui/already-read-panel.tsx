import type { ComponentChild } from 'preact'
import { useState } from 'preact/hooks'
import type { JourneySummary, ViewedItem } from '../schemas/index.ts'
import { type ItemRef, itemKey } from './journey-chart-options.ts'
import type { JourneyFormat } from './journey-format.ts'
import { type LaneStyle, laneOf } from './lane-styles.ts'
import { LaneSwatch, laneColor } from './lane-swatch.tsx'
import type { Messages } from './messages.ts'
import { portalLink } from './portal-link.ts'

interface PanelProps {
  summary: Omit<JourneySummary, 'counts'>
  /** Which side of the case these lists are: ids and `data-item` keys of the `after` side carry it. */
  when?: 'before' | 'after'
  messages: Messages
  format: JourneyFormat
  /** The element's `portal-link` template; without it each item is a "show on chart" button. */
  linkTemplate: string | null
  /** The item whose points the chart emphasises for good, if any. */
  pinned: ItemRef | null
  /** Hover or focus on an item (null when it ends): the chart emphasises its points meanwhile. */
  onPreview: (item: ItemRef | null) => void
  /** A click on an item without a link: pins (or unpins) its points on the chart. */
  onPin: (item: ItemRef) => void
}

const suffix = (when: PanelProps['when']) => (when === 'after' ? '-after' : '')
const prefix = (when: PanelProps['when']) => (when === 'after' ? 'after:' : '')

const newestFirst = <T,>(items: readonly T[], at: (item: T) => string): T[] =>
  [...items].sort((a, b) => Date.parse(at(b)) - Date.parse(at(a)))

interface EntryProps {
  item: ItemRef
  /** Names the item for tests and host pages, as `data-item`. */
  itemKey: string
  href: string | null
  title: string
  meta: string
  search?: boolean
  panel: PanelProps
}

/**
 * One entry, with one tab stop: the link back to the portal when the template
 * yields one, else a button that pins the item's points on the chart. Hover
 * and focus emphasise its points either way.
 */
function Entry(props: EntryProps) {
  const { item, panel } = props
  const title = props.search ? (
    <q class="item-title">{props.title}</q>
  ) : (
    <span class="item-title">{props.title}</span>
  )
  const preview = {
    onFocus: () => panel.onPreview(item),
    onBlur: () => panel.onPreview(null),
    onMouseEnter: () => panel.onPreview(item),
    onMouseLeave: () => panel.onPreview(null),
  }
  const pinned = panel.pinned !== null && itemKey(panel.pinned) === itemKey(item)
  return (
    <li class={props.search ? 'search' : undefined}>
      {props.href ? (
        <a data-item={props.itemKey} href={props.href} target="_blank" rel="noopener noreferrer" {...preview}>
          {title}
        </a>
      ) : (
        <button
          type="button"
          class="item-button"
          data-item={props.itemKey}
          aria-pressed={pinned}
          onClick={() => panel.onPin(item)}
          {...preview}
        >
          {title}
        </button>
      )}
      <span class="meta">{props.meta}</span>
    </li>
  )
}

/** How many entries a list shows before its "show all" button. */
export const LIST_LIMIT = 8

/** A list that shows its first {@link LIST_LIMIT} entries, and a button for the rest. */
function CappedList<T>(props: {
  items: readonly T[]
  labelledBy: string
  messages: Messages
  format: JourneyFormat
  render: (item: T, index: number) => ComponentChild
}) {
  const { items, labelledBy, messages, format, render } = props
  const [all, setAll] = useState(false)
  const listId = `${labelledBy}-list`
  return (
    <>
      <ul id={listId} aria-labelledby={labelledBy}>
        {(all ? items : items.slice(0, LIST_LIMIT)).map(render)}
      </ul>
      {items.length > LIST_LIMIT ? (
        <button
          type="button"
          class="more"
          aria-expanded={all}
          aria-controls={listId}
          onClick={() => setAll((was) => !was)}
        >
          {all ? messages.showFewer : messages.showAll(format.number(items.length))}
        </button>
      ) : null}
    </>
  )
}

function ViewedGroup(props: PanelProps & { lane: LaneStyle; items: readonly ViewedItem[] }) {
  const { lane, items, messages, format, linkTemplate } = props
  const headingId = `read-${lane.kind}${suffix(props.when)}`
  return (
    <>
      <h5 id={headingId}>
        <LaneSwatch lane={lane} color={laneColor(lane)} />
        {messages.lanes[lane.type]} <span class="n">({format.number(items.length)})</span>
      </h5>
      {items.length === 0 ? (
        <p class="none">{messages.noneYet}</p>
      ) : (
        <CappedList
          items={newestFirst(items, (item) => item.lastViewedAt)}
          labelledBy={headingId}
          messages={messages}
          format={format}
          render={(item) => (
            <Entry
              key={item.id}
              panel={props}
              item={{ kind: lane.kind, id: item.id }}
              itemKey={`${prefix(props.when)}${lane.kind}:${item.id}`}
              href={portalLink(linkTemplate, lane.kind, item.id)}
              title={item.title}
              meta={`${messages.views(format.number(item.views), format.plural(item.views))} · ${messages.lastViewed(
                format.shortTime(item.lastViewedAt),
              )}`}
            />
          )}
        />
      )}
    </>
  )
}

/**
 * The "already read" panel: articles, blog posts and forum threads viewed in
 * the window (title, views, last viewed, link back to the portal), newest
 * first; next to it the searches run, newest first. Every item is one tab stop.
 */
export function AlreadyReadPanel(props: PanelProps) {
  const { summary, messages, format, linkTemplate } = props
  const searchLane = laneOf('portal_search')
  const searches = newestFirst(summary.searches, (search) => search.at)
  const end = suffix(props.when)
  return (
    <div class="lists">
      <section aria-labelledby={`already-read${end}`}>
        <h4 id={`already-read${end}`}>{messages.alreadyRead}</h4>
        <ViewedGroup {...props} lane={laneOf('portal_viewknowledgearticle')} items={summary.articles} />
        <ViewedGroup {...props} lane={laneOf('portal_viewblogpost')} items={summary.blogPosts} />
        <ViewedGroup {...props} lane={laneOf('portal_viewforumthread')} items={summary.forumThreads} />
      </section>
      <section aria-labelledby={`searches${end}`}>
        <h4 id={`searches${end}`}>
          <LaneSwatch lane={searchLane} color={laneColor(searchLane)} /> {messages.searches}{' '}
          <span class="n">({format.number(searches.length)})</span>
        </h4>
        {searches.length === 0 ? (
          <p class="none">{messages.noneYet}</p>
        ) : (
          <CappedList
            items={searches}
            labelledBy={`searches${end}`}
            messages={messages}
            format={format}
            render={(search, i) => (
              <Entry
                key={`${search.at}-${i}`}
                panel={props}
                item={{ kind: 'search', id: search.searchString, at: search.at }}
                itemKey={`${prefix(props.when)}search:${i}`}
                href={portalLink(linkTemplate, 'search', search.searchString)}
                title={search.searchString}
                meta={format.shortTime(search.at)}
                search
              />
            )}
          />
        )}
      </section>
    </div>
  )
}
