import type { ComponentChildren } from 'preact'

/** A table of insight rows with a caption (its export is the page's CSV button); a cell may be a link. */
export function InsightTable<T>(props: {
  caption: string
  rows: T[]
  rowKey: (row: T) => string
  columns: Array<{ key: string; label: string; value: (row: T) => ComponentChildren; num?: boolean }>
}) {
  return (
    <div class="table-wrap">
      <table class="grid">
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th scope="col" key={c.key} class={c.num ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={props.rowKey(row)}>
              {props.columns.map((c) => (
                <td key={c.key} class={c.num ? 'num' : undefined}>
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
