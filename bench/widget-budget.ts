// The journey widget's budget (`npm run bench:widget`):
//   1. gzip sizes of the first script (no ECharts, no zod), the parser chunk
//      and the ECharts chunk, against 20 KB and 175 KB;
//   2. in headless Chromium, from the moment the page asks for the script to
//      the list painted and to the chart's `finished`, for 50 and 1,000
//      interactions, on loopback and on a throttled link (40 ms RTT, 10 Mbit/s),
//      with a cold HTTP cache every run. The case form and the widget come from
//      two origins, as in production; a fake journey API answers with generated
//      data that passes the shared schema.
// Prints a table and writes JSON under bench/results/.
//
//   npm run bench:widget                 # 7 runs per case
//   npm run bench:widget -- --runs 15
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cpus, release, tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { BUDGETS, buildWidget, ENTRY_FILE, type WidgetFile } from '../journey-ui/build.ts'
import { sampleJourney } from '../journey-ui/testing.ts'
import { launchChromium } from '../tools/chromium.ts'
import {
  NETWORKS,
  type NetworkName,
  type Spread,
  coldPage,
  kb,
  runBudget,
  runsOption,
  spreadCell,
  spreadOf,
  writeBudgetResults,
} from './browser-budget.ts'

const SIZES = [50, 1000] as const
const RUNS = runsOption(7)

interface Sample {
  /** From the request for the script to its `casetrail:script-start` mark (download + parse + evaluate). */
  scriptReady: number
  listPainted: number
  chartFinished: number
}

function listen(server: Server): Promise<string> {
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  )
}

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.json': 'application/json' }

/** casetrail's side: the built widget (gzip, as the edge serves it) and a fake journey API. */
function casetrailServer(distDir: string, journeys: Map<string, string>): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://bench')
    const cors = { 'access-control-allow-origin': '*' }
    if (req.method === 'OPTIONS') {
      res
        .writeHead(204, {
          ...cors,
          'access-control-allow-methods': 'GET',
          'access-control-allow-headers': 'Authorization',
          'access-control-max-age': '86400',
        })
        .end()
      return
    }
    const journey = /^\/v1\/hubs\/[^/]+\/contacts\/([^/]+)\/journey$/.exec(url.pathname)
    if (journey) {
      const body = journeys.get(decodeURIComponent(journey[1]!))
      res.writeHead(body ? 200 : 404, { ...cors, 'content-type': 'application/json' }).end(body ?? '{}')
      return
    }
    const file = url.pathname.startsWith('/widget/') ? url.pathname.slice('/widget/'.length) : ''
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\.js$/.test(file)) {
      res.writeHead(404, cors).end()
      return
    }
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
    try {
      const body = readFileSync(join(distDir, gzip ? `${file}.gz` : file))
      res
        .writeHead(200, {
          ...cors,
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          ...(gzip ? { 'content-encoding': 'gzip' } : {}),
        })
        .end(body)
    } catch {
      res.writeHead(404, cors).end()
    }
  })
}

/** The case form, on its own origin. */
function hostServer(casetrail: string): Server {
  return createServer((req, res) => {
    const contact = new URL(req.url ?? '/', 'http://bench').searchParams.get('contact') ?? ''
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bench case</title>
<script type="module" src="${casetrail}/widget/${ENTRY_FILE}"></script></head>
<body><casetrail-journey hub="hub-bench" contact="${contact}" before="2026-11-02T09:30:00.000Z"
 token="SharedAccessSignature sr=x&amp;sig=y&amp;se=9999999999&amp;skn=read"></casetrail-journey></body></html>`)
  })
}

async function main() {
  const { outDir, files } = await buildWidget()
  const journeys = new Map(
    SIZES.map((n) => [`contact-${n}`, JSON.stringify(sampleJourney({ count: n, seed: n }))] as const),
  )
  const casetrail = casetrailServer(outDir, journeys)
  const ctOrigin = await listen(casetrail)
  const host = hostServer(ctOrigin)
  const hostOrigin = await listen(host)
  const profile = mkdtempSync(join(tmpdir(), 'casetrail-bench-chromium-'))
  const context = await launchChromium(profile, {
    viewport: { width: 1100, height: 900 },
  })

  const samples: Record<string, Sample[]> = {}
  try {
    for (const network of Object.keys(NETWORKS) as NetworkName[]) {
      for (const size of SIZES) {
        const key = `${network}/${size}`
        samples[key] = []
        for (let run = 0; run < RUNS; run++) {
          const page = await coldPage(context, network)
          await page.goto(`${hostOrigin}/case?contact=contact-${size}`)
          await page.waitForFunction(
            () => performance.getEntriesByName('casetrail:chart-finished').length > 0,
            null,
            {
              timeout: 60_000,
            },
          )
          // A string, not a function: tsx would wrap named closures in a helper the page lacks.
          const sample = (await page.evaluate(`(() => {
            const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN
            const script = at(${JSON.stringify(`${ctOrigin}/widget/${ENTRY_FILE}`)})
            return {
              scriptReady: at('casetrail:script-start') - script,
              listPainted: at('casetrail:list-painted') - script,
              chartFinished: at('casetrail:chart-finished') - script,
            }
          })()`)) as Sample
          const points = await page.evaluate(
            () =>
              document.querySelector('casetrail-journey')?.shadowRoot?.querySelector('.summary')?.textContent,
          )
          if (!points?.startsWith(size.toLocaleString('en-US')))
            throw new Error(`expected ${size} interactions, saw ${points}`)
          samples[key].push(sample)
          await page.close()
        }
      }
    }
  } finally {
    await context.close()
    casetrail.close()
    host.close()
    rmSync(profile, { recursive: true, force: true })
  }

  const size = (role: WidgetFile['role']) => files.find((f) => f.role === role)!
  const all: WidgetFile = {
    file: '(every script)',
    role: 'entry',
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    gzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0),
  }
  const sizeRows = [
    ['first script (no ECharts, no zod)', size('entry'), BUDGETS.entry],
    ['parser chunk (zod + schema)', size('parser'), null],
    ['ECharts chunk', size('echarts'), BUDGETS.echarts],
    ['all widget JavaScript', all, BUDGETS.total],
  ] as const
  const sizeOk = sizeRows.every(([, file, budget]) => budget === null || file.gzipBytes <= budget)
  console.log(
    `\njourney widget budget — Chromium headless, ${cpus().length} CPU ${cpus()[0]?.model ?? ''}, ${RUNS} runs each\n`,
  )
  console.log('size (gzip -9)                       file                          gzip       raw   budget')
  for (const [label, file, budget] of sizeRows) {
    const verdict =
      budget === null
        ? '   (loads with the request)'
        : `  ≤ ${kb(budget)} ${file.gzipBytes <= budget ? 'ok' : 'OVER'}`
    console.log(
      `  ${label.padEnd(34)} ${file.file.padEnd(28)} ${kb(file.gzipBytes).padStart(9)} ${kb(file.bytes).padStart(9)}${verdict}`,
    )
  }
  console.log('\ntime from the request for the script, median (min–max), ms')
  console.log('  network     interactions   script ready        list painted        chart finished')
  const timing: Record<string, Record<keyof Sample, Spread>> = {}
  for (const [key, list] of Object.entries(samples)) {
    const [network, n] = key.split('/')
    const stat = (k: keyof Sample) => spreadOf(list.map((s) => s[k]))
    timing[key] = {
      scriptReady: stat('scriptReady'),
      listPainted: stat('listPainted'),
      chartFinished: stat('chartFinished'),
    }
    const cell = (k: keyof Sample) => spreadCell(timing[key]![k]).padEnd(20)
    console.log(
      `  ${network!.padEnd(11)} ${n!.padStart(12)}   ${cell('scriptReady')}${cell('listPainted')}${cell('chartFinished')}`,
    )
  }
  console.log(
    '  (throttled: 40 ms RTT, 10 Mbit/s down; cold HTTP cache every run; case form and widget on two origins)',
  )

  writeBudgetResults('widget-budget', {
    at: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model,
      kernel: release(),
      chromium: context.browser()?.version() ?? 'unknown',
    },
    runs: RUNS,
    budgets: BUDGETS,
    sizes: files,
    withinSizeBudgets: sizeOk,
    timingMs: timing,
    samplesMs: samples,
  })
  if (!sizeOk) process.exitCode = 1
}

runBudget(main)
