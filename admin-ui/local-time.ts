/**
 * `datetime-local`'s value for a date, in the browser's zone (the control has
 * no zone; the console turns its value back into an instant with `new Date`).
 *
 * @example toLocalInput(new Date(2026, 11, 7, 9, 5)) // '2026-12-07T09:05'
 */
export const toLocalInput = (date: Date): string => {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}
