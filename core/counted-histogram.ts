import type { Registry } from 'prom-client'

/** One labelled series of a {@link countedHistogram}: per-bucket counts (not cumulative), sum and count. */
interface Series<L extends string> {
  labels: Record<L, string>
  counts: Float64Array
  sum: number
  count: number
}

/** A value of the exposition as prom-client's registry reads it: the bucket's own labels, then the series'. */
interface ExportedValue {
  labels: Record<string, string | number>
  sharedLabels: Record<string, string>
  value: number
  metricName: string
  /** Buckets carry none (null), as prom-client's without exemplars. */
  exemplar?: null
}

/**
 * A Prometheus histogram for the hot path: `observe` finds its series by one
 * string key and adds to a typed array; the cumulative buckets, `+Inf`, sum
 * and count are built only when `/metrics` is scraped, in the same text
 * prom-client's `Histogram` gives (test: counted-histogram.test.ts). prom-client
 * checks the labels, hashes them and looks the bucket up in an object on every
 * observation: the request-duration histogram was 1.0-1.8 % of a beacon's
 * main thread in bench/profile-server.ts.
 *
 * @example
 * const h = countedHistogram({ name: 'x_seconds', help: 'X.', labelNames: ['route'], buckets: [0.1, 1], registers: [registry] })
 * h.observe({ route: '/a' }, 0.05)
 */
export function countedHistogram<L extends string>(options: {
  name: string
  help: string
  labelNames: readonly L[]
  buckets: readonly number[]
  registers: readonly Registry[]
}) {
  const bounds = Float64Array.from([...options.buckets].sort((a, b) => a - b))
  const { name, labelNames } = options
  const series = new Map<string, Series<L>>()

  const exported = (): ExportedValue[] => {
    const values: ExportedValue[] = []
    for (const s of series.values()) {
      let cumulative = 0
      for (let i = 0; i < bounds.length; i++) {
        cumulative += s.counts[i]!
        values.push({
          labels: { le: bounds[i]! },
          sharedLabels: s.labels,
          value: cumulative,
          metricName: `${name}_bucket`,
          exemplar: null,
        })
      }
      values.push(
        {
          labels: { le: '+Inf' },
          sharedLabels: s.labels,
          value: s.count,
          metricName: `${name}_bucket`,
          exemplar: null,
        },
        { labels: {}, sharedLabels: s.labels, value: s.sum, metricName: `${name}_sum` },
        { labels: {}, sharedLabels: s.labels, value: s.count, metricName: `${name}_count` },
      )
    }
    return values
  }

  const metric = {
    name,
    help: options.help,
    type: 'histogram' as const,
    aggregator: 'sum' as const,
    /** Counts `seconds` (any finite value) into the series of `labels`. */
    observe(labels: Record<L, string>, value: number): void {
      let key = ''
      for (const label of labelNames) key += `${labels[label]}\u0000`
      let s = series.get(key)
      if (s === undefined) {
        s = { labels: { ...labels }, counts: new Float64Array(bounds.length), sum: 0, count: 0 }
        series.set(key, s)
      }
      // The first bound the value is at or under (prom-client's `value <= bound`); past the last, only +Inf.
      let i = 0
      while (i < bounds.length && value > bounds[i]!) i++
      if (i < bounds.length) s.counts[i]!++
      s.sum += value
      s.count++
    },
    /** What the registry renders `/metrics` from. */
    async getForPromString() {
      return {
        name,
        help: options.help,
        type: metric.type,
        values: exported(),
        aggregator: metric.aggregator,
      }
    },
    /** The same as JSON (`registry.getMetricsAsJSON()`), each value's labels in one object. */
    async get() {
      const data = await metric.getForPromString()
      return {
        ...data,
        values: data.values.map(({ labels, sharedLabels, ...rest }) => ({
          ...rest,
          labels: { ...labels, ...sharedLabels },
        })),
      }
    },
    /** Forgets every series (`registry.resetMetrics()`). */
    reset(): void {
      series.clear()
    },
  }
  for (const registry of options.registers) registry.registerMetric(metric as never)
  return metric
}
