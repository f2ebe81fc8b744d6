import { createSitePages } from '../portal-sites/index.ts'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { openCore } from '../core/index.ts'
import { createApp } from '../ingest/index.ts'
import { type TestPostgres, startPostgres } from '../tools/postgres.ts'
import { fmt, say } from './bench-support.ts'

/**
 * The control-plane phase (`npx tsx bench/control-plane.ts [seconds]`):
 * admin reads and writes per second through the app (auth, routing,
 * validation, the store), on the embedded control plane (PGlite under the
 * data dir) and on a local Postgres (a throwaway server, as the two-node
 * suite starts), side by side in one run, alternating A B A B so drift
 * hits both. Reads: `GET /v1/admin/instances/{id}`. Writes: `PATCH` of an
 * instance's name with `If-Match` (one conditional write each), each
 * worker on its own instance so none is refused.
 */

const ADMIN_TOKEN = 'bench-control-plane-admin-token-0123456789'
const PUBLIC_URL = 'http://casetrail.bench'
const CONCURRENCY = 8
const TEMPLATE = join(tmpdir(), 'casetrail-bench-control-plane-template')

interface Round {
  kind: 'embedded' | 'postgres'
  readsPerSecond: number
  writesPerSecond: number
}

async function round(kind: Round['kind'], seconds: number, pg: TestPostgres): Promise<Round> {
  const dataDir = mkdtempSync(join(tmpdir(), `casetrail-bench-cp-${kind}-`))
  const log = pino({ level: 'silent' })
  // Instance names are unique: rounds on the one Postgres must not meet the last round's names.
  const tag = randomUUID().slice(0, 8)
  const core = await openCore({
    sitePages: createSitePages(),
    store: { kind: 'embedded', dataDir },
    publicUrl: PUBLIC_URL,
    log,
    // Embedded: copied from an initialised database (initdb is a start cost, not what is measured).
    controlPlane: kind === 'postgres' ? { databaseUrl: pg.url } : { template: TEMPLATE },
  })
  try {
    await core.principals.ensureBootstrapAdmin(ADMIN_TOKEN)
    const app = createApp({ core, log })
    const call = (method: string, path: string, init: { body?: unknown; etag?: string } = {}) =>
      app.request(`${PUBLIC_URL}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${ADMIN_TOKEN}`,
          'content-type': 'application/json',
          ...(init.etag ? { 'if-match': init.etag } : {}),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      })
    const instances: string[] = []
    for (let i = 0; i < CONCURRENCY; i++) {
      const res = await call('POST', '/v1/admin/instances', {
        body: { name: `Bench ${kind} ${tag} ${i}`, baseLanguage: 'en-US', installedLanguages: ['en-US'] },
      })
      if (res.status !== 201) throw new Error(`instance not created: ${res.status} ${await res.text()}`)
      instances.push(((await res.json()) as { id: string }).id)
    }
    const during = async (work: (worker: number) => Promise<void>) => {
      // A warm-up second, then the measured run.
      for (const measured of [false, true]) {
        let done = 0
        const until = performance.now() + (measured ? seconds : 1) * 1000
        const t0 = performance.now()
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async (_, w) => {
            while (performance.now() < until) {
              await work(w)
              done++
            }
          }),
        )
        if (measured) return done / ((performance.now() - t0) / 1000)
      }
      return 0
    }
    const readsPerSecond = await during(async (w) => {
      const res = await call('GET', `/v1/admin/instances/${instances[w]}`)
      if (res.status !== 200) throw new Error(`read answered ${res.status}`)
      await res.arrayBuffer()
    })
    const etags = await Promise.all(
      instances.map(async (id) => (await call('GET', `/v1/admin/instances/${id}`)).headers.get('etag')!),
    )
    let n = 0
    const writesPerSecond = await during(async (w) => {
      const res = await call('PATCH', `/v1/admin/instances/${instances[w]}`, {
        body: { name: `Bench ${kind} ${tag} ${w} ${n++}` },
        etag: etags[w],
      })
      if (res.status !== 200) throw new Error(`write answered ${res.status}: ${await res.text()}`)
      etags[w] = res.headers.get('etag')!
      await res.arrayBuffer()
    })
    return { kind, readsPerSecond, writesPerSecond }
  } finally {
    await core.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const seconds = Number(process.argv[2] ?? 5)
const pg = await startPostgres()
try {
  const rounds: Round[] = []
  for (const kind of ['embedded', 'postgres', 'embedded', 'postgres'] as const) {
    const r = await round(kind, seconds, pg)
    say(`${kind.padEnd(9)} reads ${fmt(r.readsPerSecond)}/s  writes ${fmt(r.writesPerSecond)}/s`)
    rounds.push(r)
  }
  const best = (kind: Round['kind'], key: 'readsPerSecond' | 'writesPerSecond') =>
    Math.max(...rounds.filter((r) => r.kind === kind).map((r) => r[key]))
  const line = (key: 'readsPerSecond' | 'writesPerSecond', label: string) => {
    const e = best('embedded', key)
    const p = best('postgres', key)
    say(`${label.padEnd(7)} embedded ${fmt(e)}/s  postgres ${fmt(p)}/s  postgres/embedded ${fmt(p / e, 2)}`)
  }
  say(`\ncontrol plane, ${CONCURRENCY} concurrent admin requests, best of 2 rounds of ${seconds} s:`)
  line('readsPerSecond', 'reads')
  line('writesPerSecond', 'writes')
  // One JSON line on stdout for `npm run bench` (its control-plane phase runs this as a child).
  process.stdout.write(
    `${JSON.stringify({
      concurrency: CONCURRENCY,
      embedded: {
        readsPerSecond: best('embedded', 'readsPerSecond'),
        writesPerSecond: best('embedded', 'writesPerSecond'),
      },
      postgres: {
        readsPerSecond: best('postgres', 'readsPerSecond'),
        writesPerSecond: best('postgres', 'writesPerSecond'),
      },
    })}\n`,
  )
} finally {
  await pg.remove()
}
