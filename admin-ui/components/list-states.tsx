import type { ComponentChildren } from 'preact'
import { useT } from '../i18n.ts'
import { Empty, ErrorState, Loading, Notice, describeError } from './states.tsx'
import type { PagedList } from './use-paged-list.ts'

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

/**
 * Under a list read a page at a time (`usePagedList`): why the last page
 * failed, if it did, and "Load more" while another page follows.
 */
export function LoadMore(props: { list: Pick<PagedList<unknown>, 'hasMore' | 'next' | 'moreError'> }) {
  const t = useT()
  const { list } = props
  return (
    <>
      {list.moreError ? <Notice kind="error">{describeError(t, list.moreError)}</Notice> : null}
      {list.hasMore ? (
        <div class="actions">
          <button type="button" class="button" onClick={list.next}>
            {t.loadMore}
          </button>
        </div>
      ) : null}
    </>
  )
}

/**
 * A list read a page at a time: its first page's error, spinner or `empty`
 * words (nothing at all when `empty` is null), then `children` with every row
 * read so far, and `LoadMore` under them.
 *
 * @example <PagedRows list={list} empty={t.auditEmpty}>{(rows) => <AuditTable entries={rows} />}</PagedRows>
 */
export function PagedRows<T>(props: {
  list: PagedList<T>
  empty: ComponentChildren | null
  children: (rows: T[]) => ComponentChildren
}) {
  const { first, rows } = props.list
  if (first.error && !first.data) return <ErrorState error={first.error} onRetry={first.reload} />
  if (!first.data) return <Loading />
  if (rows.length === 0) return props.empty === null ? null : <Empty>{props.empty}</Empty>
  return (
    <>
      {props.children(rows)}
      <LoadMore list={props.list} />
    </>
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
