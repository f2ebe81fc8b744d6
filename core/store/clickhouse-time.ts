// Times as ClickHouse's DateTime64(3) reads them in text.

/** ClickHouse's DateTime64(3) text form of a time, in UTC. */
export const toClickHouseTime = (ms: number): string =>
  new Date(ms).toISOString().slice(0, 23).replace('T', ' ')

/**
 * {@link toClickHouseTime} of an ISO 8601 timestamp the interaction schema
 * accepted. A browser's `toISOString()` (`2026-11-02T09:30:00.000Z`) and the
 * same without milliseconds are already UTC: sliced, with no Date, which was
 * a fifth of encoding a row. Every other form (offsets, other precisions) is
 * parsed. `interaction-rows.test.ts` holds both ways to the same text.
 */
export function timestampText(iso: string): string {
  if (iso.length === 24 && iso.charCodeAt(23) === 0x5a && iso.charCodeAt(19) === 0x2e)
    return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`
  if (iso.length === 20 && iso.charCodeAt(19) === 0x5a) return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.000`
  return toClickHouseTime(Date.parse(iso))
}
