import type { Messages, WindowSpan } from './messages.ts'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

/**
 * Names a window length the way people say it: whole days from two days up,
 * hours below (so PT24H and P1D both read "24 hours").
 *
 * @example windowSpan(7 * 86_400_000) // { amount: 7, unit: 'day' }
 */
export function windowSpan(ms: number): WindowSpan {
  if (ms >= 2 * DAY_MS && ms % DAY_MS === 0) return { amount: ms / DAY_MS, unit: 'day' }
  if (ms >= 2 * DAY_MS) return { amount: Math.round(ms / DAY_MS), unit: 'day' }
  return { amount: Math.max(1, Math.round(ms / HOUR_MS)), unit: 'hour' }
}

/** Locale-bound formatting for everything the widget prints. Build once per locale. */
export interface JourneyFormat {
  locale: string
  /** An exact local time with seconds: what the tooltip and the table show. */
  exactTime(iso: string | number): string
  /** A short date and time for "last viewed" and searches. */
  shortTime(iso: string | number): string
  /** An axis label: the time of day (no leading zero: "9:30 AM", "9:30") for short windows, the day otherwise. */
  axisTime(ms: number, windowMs: number): string
  /** A day, short: "Nov 22", "22 nov.", "22. Nov.". */
  day(ms: number): string
  /** The local midnights strictly inside `(fromMs, toMs]`, in the format's time zone. */
  midnights(fromMs: number, toMs: number): number[]
  /** How long after its local midnight a time is, in ms (whole seconds), in the format's time zone. */
  sinceMidnight(ms: number): number
  number(n: number): string
  plural(n: number): Intl.LDMLPluralRule
  /** "a, b and c" in the locale's words. */
  list(items: readonly string[]): string
  /** "7 days", "24 hours", in the messages' language. */
  span(windowMs: number): string
}

/**
 * Builds the formatters of one locale with `Intl`, in the browser's time zone
 * (or `timeZone`, which tests pass to stay independent of the machine).
 *
 * @example createJourneyFormat('de-DE', MESSAGES.de).number(1234) // '1.234'
 */
export function createJourneyFormat(locale: string, messages: Messages, timeZone?: string): JourneyFormat {
  const zone = timeZone ? { timeZone } : {}
  const exact = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', ...zone })
  const short = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...zone })
  const hours = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', ...zone })
  const clock = new Intl.DateTimeFormat('en-US', {
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
    ...zone,
  })
  const days = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', ...zone })
  const numbers = new Intl.NumberFormat(locale)
  const plurals = new Intl.PluralRules(locale)
  const lists = new Intl.ListFormat(locale, { type: 'conjunction' })
  const toDate = (at: string | number) => new Date(at)
  // Time since the last local midnight, read in the zone (DST days are 23 or 25 hours long).
  const sinceMidnight = (ms: number) => {
    const parts = Object.fromEntries(clock.formatToParts(ms).map((p) => [p.type, Number(p.value)]))
    return (((parts.hour ?? 0) % 24) * 60 + (parts.minute ?? 0)) * 60_000 + (parts.second ?? 0) * 1000
  }
  return {
    locale,
    exactTime: (at) => exact.format(toDate(at)),
    shortTime: (at) => short.format(toDate(at)),
    axisTime: (ms, windowMs) =>
      windowMs <= 2 * DAY_MS
        ? // Some locales (en-GB) pad the hour even when asked for a numeric one: the axis never does.
          hours
            .formatToParts(ms)
            .map((part) => (part.type === 'hour' ? String(Number(part.value)) : part.value))
            .join('')
        : days.format(ms),
    day: (ms) => days.format(ms),
    sinceMidnight,
    midnights: (fromMs, toMs) => {
      const out: number[] = []
      let at = Math.floor(fromMs / 1000) * 1000 - sinceMidnight(fromMs) + DAY_MS
      while (at <= toMs) {
        const off = sinceMidnight(at)
        // A DST change moved midnight: step back (or on) to the real one.
        at -= off > DAY_MS / 2 ? off - DAY_MS : off
        if (at > fromMs && at <= toMs) out.push(at)
        at += DAY_MS
      }
      return out
    },
    number: (n) => numbers.format(n),
    plural: (n) => plurals.select(n),
    list: (items) => lists.format(items),
    span: (windowMs) => {
      const span = windowSpan(windowMs)
      return messages.span(numbers.format(span.amount), span, plurals.select(span.amount))
    },
  }
}
