import { createSitePages } from '../portal-sites/index.ts'
import { pino } from 'pino'
import { openCore } from '../core/index.ts'
import { createDeflectionQueries, generateSyntheticCases } from '../core/testing.ts'
import type { InProcessBenchOptions } from './bench-setup.ts'
import { type QueryTiming, time } from './insights-bench.ts'

/** What the deflection phase measures: each query beside a direct scan of the same question. */
export interface DeflectionBenchResult {
  interactions: number
  cases: number
  iterations: number
  /** name -> the query's timing, the direct scan's, and p95 / p95. */
  queries: Record<string, { query: QueryTiming; direct: QueryTiming; ratio: number }>
}

const DAY_MS = 86_400_000

/**
 * The plainest ClickHouse read that answers each deflection question's counting
 * part (no join with cases, no sessions where the question has none): what any
 * report of that question costs at least over the same rows.
 */
const DIRECT: Record<string, string> = {
  // Sessions of the period with their first read: the scan and grouping the outcomes need.
  outcomes: `SELECT count() FROM (SELECT portal_id, contact_id, session_id, min(ts) FROM interactions
    WHERE hub_id = {hub:String} AND type != 'portal_search' AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
    GROUP BY portal_id, contact_id, session_id)`,
  // Reads and votes per article.
  articles: `SELECT item_id, uniqExact(contact_id), countIf(helpful) FROM interactions
    WHERE hub_id = {hub:String} AND type IN ('portal_viewknowledgearticle', 'portal_articlefeedback')
      AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
    GROUP BY item_id ORDER BY 2 DESC LIMIT 20`,
  // Searches and their outcomes' raw counts.
  searches: `SELECT count(), countIf(result_count = 0) FROM interactions
    WHERE hub_id = {hub:String} AND type = 'portal_search' AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}`,
  // Distinct contacts of the period, and of its cases.
  selfService: `SELECT (SELECT uniqExact(contact_id) FROM interactions
    WHERE hub_id = {hub:String} AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}),
    (SELECT uniqExact(contact_id) FROM cases WHERE hub_id = {hub:String}
      AND created_at >= {from:DateTime64(3, 'UTC')} AND created_at < {to:DateTime64(3, 'UTC')})`,
}

/**
 * The deflection phase (`npm run bench -- --only deflection`): on the generated
 * table in its deflection mix (`outcomes`), adds cases up to `cases` over the
 * 30 days, then times every deflection query for that 30-day period with the
 * default PT24H window, one at a time, in-process on the store, each beside a
 * direct ClickHouse scan of the same question (`DIRECT`), and the whole answer
 * (`GET …/insights/deflection`: the five queries at once) beside the four scans
 * at once.
 */
export async function runDeflectionBench(
  options: InProcessBenchOptions & {
    /** The generated table's rows, and the cases to add over its contacts. */
    interactions: number
    cases: number
  },
): Promise<DeflectionBenchResult> {
  const core = await openCore({
    sitePages: createSitePages(),
    store: { kind: 'embedded', dataDir: options.dataDir, engine: { memoryBytes: 4 * 2 ** 30 } },
    publicUrl: options.publicUrl,
    log: pino({ level: 'silent' }),
    // Timed, not bounded: the API's 20 s bound would answer 503 where this measures.
    insightMaxSeconds: 3600,
  })
  try {
    const from = options.now - 30 * DAY_MS
    const [have] = await core.ch.readRows<{ n: string }>({
      query: 'SELECT uniqExact(case_id) AS n FROM cases WHERE hub_id = {hub:String}',
      params: { hub: options.hubId },
    })
    const missing = options.cases - Number(have?.n ?? 0)
    if (missing > 0)
      await generateSyntheticCases(core.ch, {
        hubId: options.hubId,
        portalId: options.portalId,
        cases: missing,
        contacts: options.contacts,
        from,
        to: options.now,
      })
    options.say(
      `10. deflection: ${options.interactions.toLocaleString('en-US')} interactions, ${options.cases.toLocaleString('en-US')} cases, 30-day period, PT24H window`,
    )
    const span = { hubId: options.hubId, from, to: options.now, windowMs: DAY_MS }
    const params = {
      hub: options.hubId,
      from: new Date(from).toISOString().slice(0, 23).replace('T', ' '),
      to: new Date(options.now).toISOString().slice(0, 23).replace('T', ' '),
    }
    const direct = (name: string) => () => core.ch.readRows({ query: DIRECT[name]!, params })
    const q = createDeflectionQueries(core.ch, { maxSeconds: 3600 })
    const runs: Record<string, () => Promise<unknown>> = {
      outcomes: () => q.outcomes(span),
      articles: () => q.articles(span, 20),
      searches: () => q.searches(span),
      selfService: () => q.selfService(span),
    }
    const n = options.iterations
    const queries: DeflectionBenchResult['queries'] = {}
    for (const [name, run] of Object.entries(runs)) {
      const query = await time(n, run)
      const scan = await time(n, direct(name))
      queries[name] = { query, direct: scan, ratio: query.p95 / scan.p95 }
      options.say(
        `    ${name}: p95 ${query.p95.toFixed(0)} ms, direct ${scan.p95.toFixed(0)} ms (${queries[name]!.ratio.toFixed(1)}×)`,
      )
    }
    const request = {
      hubId: options.hubId,
      from: new Date(from).toISOString(),
      to: new Date(options.now).toISOString(),
      window: 'PT24H',
    }
    const whole = await time(n, () => core.deflection.insights(request, { limit: 20 }))
    const allScans = await time(n, () => Promise.all(Object.keys(DIRECT).map((name) => direct(name)())))
    queries.answer = { query: whole, direct: allScans, ratio: whole.p95 / allScans.p95 }
    options.say(
      `    the whole answer: p95 ${whole.p95.toFixed(0)} ms, the four scans at once ${allScans.p95.toFixed(0)} ms (${queries.answer.ratio.toFixed(1)}×)`,
    )
    return { interactions: options.interactions, cases: options.cases, iterations: n, queries }
  } finally {
    await core.close()
  }
}

/** The report's rows for phase 10: `[name, value, target]`. */
export function deflectionReportRows(r: DeflectionBenchResult | undefined): Array<[string, string, string]> {
  if (!r) return []
  return Object.entries(r.queries).map(([name, q], i) => [
    i === 0
      ? `10 deflection, ${r.interactions.toLocaleString('en-US')} rows, ${r.cases.toLocaleString('en-US')} cases: ${name}`
      : `  ${name}`,
    `p95 ${q.query.p95.toFixed(0)} ms vs direct ${q.direct.p95.toFixed(0)} ms (${q.ratio.toFixed(1)}×)`,
    '',
  ])
}
