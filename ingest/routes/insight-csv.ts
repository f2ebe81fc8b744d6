/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break,
 * and prefixed with `'` when it starts like a spreadsheet formula (`=`, `+`,
 * `-`, `@`), so an exported title cannot run in the admin's spreadsheet.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/**
 * A CSV document: a header row of `columns`, then one row per item, CRLF line ends.
 *
 * @example toCsv(['day', 'cases'], [['2026-11-02', 3]]) // 'day,cases\r\n2026-11-02,3\r\n'
 */
export function toCsv(
  columns: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
): string {
  return [columns, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('')
}
