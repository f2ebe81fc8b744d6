import type { ComponentChildren } from 'preact'

/** A column of a `DataTable`: its heading, and what a row shows in it. */
export interface Column<T> {
  key: string
  /** The heading; on a phone it also names the cell (table-labels.ts copies it into `data-label`). */
  label: ComponentChildren
  value: (row: T) => ComponentChildren
  /** Figures: right-aligned, in tabular digits. */
  num?: boolean
  /** The cells' class, for what the stylesheet does to this column alone. */
  class?: string
  /** The cells' `data-*` attributes, for the stylesheet and tests. */
  attributes?: Record<string, string>
}

const cellClass = (c: { num?: boolean; class?: string }) =>
  [c.num ? 'num' : '', c.class ?? ''].filter(Boolean).join(' ') || undefined

/**
 * The console's table of records (`table.grid` in its scrolling wrap): a
 * heading per column, a row per record. Below 600 px the stylesheet shows each
 * row as a card of "column: value" lines. `rowAttributes` gives a row the
 * `data-*` attributes pages and tests find it by.
 *
 * @example
 * <DataTable rows={cases} rowKey={(c) => c.caseId} columns={[
 *   { key: 'title', label: t.caseTitle, value: (c) => c.title ?? '—' },
 *   { key: 'views', label: t.views, value: (c) => formatNumber(lang, c.views), num: true },
 * ]} />
 */
export function DataTable<T>(props: {
  rows: T[]
  rowKey: (row: T, index: number) => string
  columns: Array<Column<T> | false | null>
  caption?: ComponentChildren
  class?: string
  rowAttributes?: (row: T) => Record<string, string | undefined>
}) {
  const columns = props.columns.filter((c): c is Column<T> => Boolean(c))
  return (
    <div class="table-wrap">
      <table class={props.class ? `grid ${props.class}` : 'grid'}>
        {props.caption ? <caption class="sr-only">{props.caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.key} class={c.num ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, index) => (
            <tr key={props.rowKey(row, index)} {...props.rowAttributes?.(row)}>
              {columns.map((c) => (
                <td key={c.key} class={cellClass(c)} {...c.attributes}>
                  {c.value(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** A column heading read only by screen readers (an actions column shows buttons, not a name). */
export function HiddenLabel(props: { children: ComponentChildren }) {
  return <span class="sr-only">{props.children}</span>
}
