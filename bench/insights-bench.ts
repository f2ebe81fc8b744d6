import { createSitePages } from '../portal-sites/index.ts'
import { pino } from 'pino'
import { openCore } from '../core/index.ts'
import { generateSyntheticCases, scanPeriodBaseline } from '../core/testing.ts'
import type { InProcessBenchOptions } from './bench-setup.ts'

/** Latency percentiles of one insight query, in milliseconds. */
export interface QueryTiming {
  p50: number
  p95: number
  max: number
}

/** What the insights phase measures: each route's query and the plain scan beside it. */
export interface InsightsBenchResult {
  cases: number
  iterations: number
  content: QueryTiming
  searches: QueryTiming
  volume: QueryTiming
  /** One plain pass over the period's reads (no cases, no join): the direct query beside them. */
  directScan: QueryTiming
}

const DAY_MS = 86_400_000

/** Times `run` `iterations` times after one warm run; percentiles in ms. */
export async function time(iterations: number, run: () => Promise<unknown>): Promise<QueryTiming> {
  await run() // warm: the first read loads marks and the parts' indexes
  const ms: number[] = []
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now()
    await run()
    ms.push(performance.now() - t0)
  }
  ms.sort((a, b) => a - b)
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)]!
  return { p50: at(50), p95: at(95), max: ms.at(-1)! }
}

/**
 * Phase 8 of `npm run bench` (`--only insights`): adds one case per five
 * contacts over the 30 days of the generated interactions, then times the
 * three insight queries for that 30-day period with the default 7-day
 * look-back, one at a time, in-process on the store (the server is down:
 * libchdb binds the data dir to one process), beside a direct scan of the
 * same period.
 */
export async function runInsightsBench(options: InProcessBenchOptions): Promise<InsightsBenchResult> {
  const core = await openCore({
    sitePages: createSitePages(),
    // The runner's engine, not the server's: generating cases needs more than the server's bound.
    store: { kind: 'embedded', dataDir: options.dataDir, engine: { memoryBytes: 4 * 2 ** 30 } },
    publicUrl: options.publicUrl,
    log: pino({ level: 'silent' }),
  })
  try {
    const from = options.now - 30 * DAY_MS
    const cases = Math.max(1, Math.round(options.contacts / 5))
    options.say(`8. insights: ${cases.toLocaleString('en-US')} cases, 30-day period, P7D window`)
    await generateSyntheticCases(core.ch, {
      hubId: options.hubId,
      portalId: options.portalId,
      cases,
      contacts: options.contacts,
      from,
      to: options.now,
    })
    const request = {
      hubId: options.hubId,
      from: new Date(from).toISOString(),
      to: new Date(options.now).toISOString(),
      window: 'P7D',
    }
    const n = options.iterations
    const content = await time(n, () => core.insights.content(request, { limit: 20, minReaders: 3 }))
    options.say(`   content before cases: p95 ${content.p95.toFixed(0)} ms`)
    const searches = await time(n, () => core.insights.searches(request, { limit: 20 }))
    options.say(`   searches before cases: p95 ${searches.p95.toFixed(0)} ms`)
    const volume = await time(n, () => core.insights.volume(request))
    options.say(`   volume per day: p95 ${volume.p95.toFixed(0)} ms`)
    const directScan = await time(n, () =>
      scanPeriodBaseline(core.ch, { hubId: options.hubId, from, to: options.now, windowMs: 7 * DAY_MS }),
    )
    options.say(`   direct scan of the period: p95 ${directScan.p95.toFixed(0)} ms`)
    return { cases, iterations: n, content, searches, volume, directScan }
  } finally {
    await core.close()
  }
}

/** The report's rows for phase 8: `[name, value, target, met?]`. */
export function insightReportRows(r: InsightsBenchResult | undefined): Array<[string, string, string]> {
  if (!r) return []
  const ms = (t: QueryTiming) => `p50 ${t.p50.toFixed(0)} ms, p95 ${t.p95.toFixed(0)} ms`
  const ratio = (t: QueryTiming) => `${(t.p95 / r.directScan.p95).toFixed(1)}× the direct scan`
  return [
    [
      `8 insights, 30 days, ${r.cases.toLocaleString('en-US')} cases: content`,
      `${ms(r.content)} (${ratio(r.content)})`,
      '',
    ],
    ['  searches before cases', `${ms(r.searches)} (${ratio(r.searches)})`, ''],
    ['  volume per day', `${ms(r.volume)} (${ratio(r.volume)})`, ''],
    ['  direct scan of the period', ms(r.directScan), ''],
  ]
}
