// The admin console's first-load budget (`npm run bench:console`):
//   1. gzip sizes of what the first visit loads before any page (the entry, its
//      static chunks, the stylesheet) against CONSOLE_BUDGET, and of each page
//      chunk (loaded when that page first opens; Insights carries ECharts);
//   2. in headless Chromium, with a cold HTTP cache every run, from navigation
//      start to the sign-in form painted, and (signed in) to the Applications
//      table painted, on loopback and on a throttled link (40 ms RTT, 10 Mbit/s).
//      The shell and the built files come from the real edge routes; a fake
//      admin API answers the three calls the Applications page makes.
// Prints a table and writes JSON under bench/results/.
//
//   npm run bench:console                # 5 runs per case
//   npm run bench:console -- --runs 11
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { cpus, release, tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { CONSOLE_BUDGET, buildConsole } from '../admin-ui/build.ts'
import { adminConsoleRoutes } from '../ingest/testing.ts'
import { launchChromium } from '../tools/chromium.ts'
import {
  NETWORKS,
  type NetworkName,
  coldPage,
  kb,
  runBudget,
  runsOption,
  spreadCell,
  spreadOf,
  writeBudgetResults,
} from './browser-budget.ts'

const RUNS = runsOption(5)

const me = {
  id: 'u1',
  name: 'Bench admin',
  roles: [{ role: 'global_administrator' }],
  createdAt: '2026-01-01T00:00:00Z',
}
const portals = Array.from({ length: 25 }, (_, n) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name: `Portal ${n}`,
  displayName: `Portal ${n}`,
  status: 'Provisioned',
  type: 'Production',
  licenceId: null,
  subdomain: `portal-${n}`,
  url: `http://portal-${n}.localhost`,
  instanceId: 'i1',
  language: 'en-US',
  languageName: 'English (United States)',
  administratorId: 'u1',
  audience: 'customer',
  portalType: 'customer_self_service',
  portalTypeName: 'Customer Self-Service Portal',
  features: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  provisionedAt: '2026-01-01T00:00:00Z',
  hub: null,
  provisioning: { attempt: 1, state: 'succeeded', step: null, resumes: 0 },
}))

async function main() {
  const built = await buildConsole()
  const app = new Hono()
  app.get('/v1/admin/users/me', (c) => c.json(me))
  app.get('/v1/admin/instances', (c) => c.json({ instances: [{ id: 'i1', name: 'Contoso' }] }))
  app.get('/v1/admin/portals', (c) => c.json({ portals }))
  app.route('/', adminConsoleRoutes({ distDir: built.outDir }))
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((ok) => server.once('listening', () => ok()))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const profile = mkdtempSync(join(tmpdir(), 'casetrail-bench-console-'))
  const context = await launchChromium(profile, { viewport: { width: 1280, height: 900 } })
  const samples: Record<string, { signIn: number; applications: number }[]> = {}
  try {
    for (const network of Object.keys(NETWORKS) as NetworkName[]) {
      samples[network] = []
      for (let run = 0; run < RUNS; run++) {
        const page = await coldPage(context, network)
        await page.goto(`${origin}/admin`)
        await page.locator('#token').waitFor()
        const signIn = (await page.evaluate('performance.now()')) as number
        await page.evaluate("sessionStorage.setItem('casetrail.admin.token', 'bench-token')")
        await page.goto(`${origin}/admin/portals`)
        await page.locator('table.grid tbody tr').first().waitFor()
        const applications = (await page.evaluate('performance.now()')) as number
        samples[network]!.push({ signIn, applications })
        await page.close()
      }
    }
  } finally {
    await context.close()
    server.close()
    rmSync(profile, { recursive: true, force: true })
  }

  const first = built.files.filter((f) => f.role !== 'page')
  const pages = built.files.filter((f) => f.role === 'page')
  const ok = built.firstLoadGzipBytes <= CONSOLE_BUDGET.firstLoad
  console.log(
    `\nadmin console budget — Chromium headless, ${cpus().length} CPU ${cpus()[0]?.model ?? ''}, ${RUNS} runs each\n`,
  )
  console.log('first load (gzip -9)')
  for (const f of first)
    console.log(`  ${f.file.padEnd(40)} ${f.role.padEnd(7)} ${kb(f.gzipBytes).padStart(9)}`)
  console.log(
    `  ${'total'.padEnd(40)} ${''.padEnd(7)} ${kb(built.firstLoadGzipBytes).padStart(9)}  ≤ ${kb(CONSOLE_BUDGET.firstLoad)} ${ok ? 'ok' : 'OVER'}`,
  )
  console.log(
    `page chunks: ${pages.length}, largest ${pages
      .sort((a, b) => b.gzipBytes - a.gzipBytes)
      .slice(0, 3)
      .map((f) => `${f.file} ${kb(f.gzipBytes)}`)
      .join(', ')}`,
  )
  console.log('\nfrom navigation start, median (min–max), ms')
  const timing: Record<string, unknown> = {}
  for (const [network, list] of Object.entries(samples)) {
    const s = {
      signIn: spreadOf(list.map((x) => x.signIn)),
      applications: spreadOf(list.map((x) => x.applications)),
    }
    timing[network] = s
    console.log(
      `  ${network.padEnd(10)} sign-in form ${spreadCell(s.signIn)}   Applications table ${spreadCell(s.applications)}`,
    )
  }
  console.log('  (throttled: 40 ms RTT, 10 Mbit/s down; cold HTTP cache every run)')
  writeBudgetResults('console-budget', {
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, kernel: release() },
    runs: RUNS,
    budget: CONSOLE_BUDGET,
    firstLoadGzipBytes: built.firstLoadGzipBytes,
    files: built.files,
    timingMs: timing,
    samplesMs: samples,
  })
  if (!ok) process.exitCode = 1
}

runBudget(main)
