import type { ComponentChildren } from 'preact'
import { useT } from '../i18n.ts'
import { Empty, ErrorState, Loading } from './states.tsx'

/** What `Loaded` reads of a resource: its data once loaded, its error, and a way to load it again. */
interface Loadable<T> {
  data: T | undefined | null
  error: unknown
  reload(): unknown
}

/**
 * A resource's three states before its content: the error with a retry while
 * nothing has loaded, a spinner while loading, `empty` in words when a list came
 * back empty; then `children` with the data.
 *
 * @example
 * <Loaded resource={users} empty={t.usersEmpty}>{(rows) => <DataTable rows={rows} … />}</Loaded>
 */
export function Loaded<T>(props: {
  resource: Loadable<T>
  empty?: ComponentChildren
  children: (data: T) => ComponentChildren
}) {
  const r = props.resource
  if (r.error && !r.data) return <ErrorState error={r.error} onRetry={() => void r.reload()} />
  if (r.data === undefined || r.data === null) return <Loading />
  if (props.empty !== undefined && Array.isArray(r.data) && r.data.length === 0) {
    return <Empty>{props.empty}</Empty>
  }
  return <>{props.children(r.data)}</>
}

/** "Load more" under a list read a page at a time, shown while another page follows. */
export function LoadMore(props: { hasMore: boolean; onMore: () => unknown }) {
  const t = useT()
  if (!props.hasMore) return null
  return (
    <div class="actions">
      <button type="button" class="button" onClick={() => void props.onMore()}>
        {t.loadMore}
      </button>
    </div>
  )
}

/**
 * A list's filters in a card on one line (wrapping on a phone), applied by its
 * primary button; Enter in a field applies them too.
 *
 * @example <FilterBar submit={t.filter} onApply={() => setApplied(filters)}>…fields…</FilterBar>
 */
export function FilterBar(props: {
  submit: ComponentChildren
  onApply: () => unknown
  busy?: boolean
  children: ComponentChildren
}) {
  return (
    <form
      class="card inline"
      onSubmit={(e) => {
        e.preventDefault()
        void props.onApply()
      }}
    >
      {props.children}
      <button type="submit" class="button button-primary" disabled={props.busy}>
        {props.submit}
      </button>
    </form>
  )
}
