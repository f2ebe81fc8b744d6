// What the two browser budgets share (`console-budget.ts`, `widget-budget.ts`): the networks
// they load over, the runs option, a page with a cold HTTP cache on one network, the median
// and spread of a case's samples, and the results JSON under bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { BrowserContext, Page } from 'playwright-core'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** Loopback, and a throttled link: 40 ms RTT, 10 Mbit/s down, 5 up (Chrome DevTools' figures). */
export const NETWORKS = {
  loopback: null,
  throttled: { offline: false, latency: 40, downloadThroughput: 1_250_000, uploadThroughput: 625_000 },
} as const
export type NetworkName = keyof typeof NETWORKS

/** `--runs <n>` from the command line: runs per case, at least 1, `fallback` when absent or not a number. */
export function runsOption(fallback: number): number {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: String(fallback) } } })
  return Math.max(1, Number.parseInt(values.runs, 10) || fallback)
}

/** A new page on `network` with the HTTP cache off, so every run loads everything again. */
export async function coldPage(context: BrowserContext, network: NetworkName): Promise<Page> {
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  const conditions = NETWORKS[network]
  if (conditions) await cdp.send('Network.emulateNetworkConditions', conditions)
  return page
}

/** A case's samples: their median, least and most, in ms. */
export interface Spread {
  median: number
  min: number
  max: number
}

export function spreadOf(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
  return { median, min: Math.min(...xs), max: Math.max(...xs) }
}

/** `  412 (398–455)`: the median, then the least and the most. */
export const spreadCell = (s: Spread) =>
  `${s.median.toFixed(0).padStart(5)} (${s.min.toFixed(0)}–${s.max.toFixed(0)})`

/** Bytes as the budgets count them (KB = 1,000 bytes). */
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`

/** Writes `bench/results/<name>-<time>.json` and says where. */
export function writeBudgetResults(name: string, results: object): void {
  const dir = join(ROOT, 'bench', 'results')
  mkdirSync(dir, { recursive: true })
  const stamp = new Date().toISOString().replaceAll(':', '-').replaceAll('.', '-')
  const path = join(dir, `${name}-${stamp}.json`)
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`)
  console.log(`\nwrote ${path.slice(ROOT.length)}`)
}

/** Runs a budget's `main`; a failure prints its stack and exits 1. */
export function runBudget(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err)
    process.exitCode = 1
  })
}
