import { connect } from 'node:tls'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { batch } from '../../bench/payloads.js'
import { createSasToken } from '../../core/index.ts'
import {
  CLUSTER_PUBLIC_URL,
  type CasetrailNode,
  type NodeOptions,
  startNode,
  stopAllNodes,
} from '../support/casetrail-node.ts'
import { type TestCa, makeCa, makeLeaf, toPfx } from '../support/certificates.ts'
import { type TestDnsServer, startDnsServer } from '../support/dns-server.ts'
import { type TestPostgres, startPostgres } from '../../tools/postgres.ts'
import { giveAccount, signIn } from '../support/portal-site-forms.ts'

/**
 * Two real casetrail processes, A and B, sharing one real Postgres (a
 * throwaway server started for this file) as their control plane, each with
 * its own data directory, write-ahead log and embedded ClickHouse: what an
 * operator runs behind a load balancer. Every wait is on a signal (a status,
 * a row), never a sleep; "within 2 s" is the poll's budget from the write.
 */

let pgServer: TestPostgres
let dns: TestDnsServer
let a: CasetrailNode
let b: CasetrailNode

/** Short leases so a killed node's job moves within seconds (the defaults are 30 s / 10 s). */
const LEASES = { CASETRAIL_JOB_LEASE_MS: '3000', CASETRAIL_JOB_HEARTBEAT_MS: '1000' }

const member = (name: string, more: Partial<NodeOptions> = {}) =>
  startNode({
    name,
    databaseUrl: pgServer.url,
    https: true,
    ...more,
    // The demo on, as in production; its one-click sign-in is the demo portal's alone, so the case
    // test's contacts sign in with accounts (an invitation redeemed). Behind a load balancer: X-Forwarded-For names the visitor (the case test's contacts sign in
    // from addresses of their own, as they would, under the per-address sign-in limit).
    env: {
      CASETRAIL_DNS_SERVERS: dns.address,
      CASETRAIL_DEMO: '1',
      CASETRAIL_TRUST_PROXY: '1',
      ...LEASES,
      ...more.env,
    },
  })

beforeAll(async () => {
  pgServer = await startPostgres()
  dns = await startDnsServer()
  // A first: it applies the migrations; B finds them applied.
  a = await member('A')
  await a.ready()
  b = await member('B')
  await b.ready()
}, 180_000)

afterAll(async () => {
  await stopAllNodes()
  await dns?.close()
  await pgServer?.remove()
})

const createHub = async (node: CasetrailNode, name: string) => {
  const res = await node.request<{ id: string; keys: Array<{ keyName: string; primaryKey: string }> }>(
    'POST',
    '/v1/admin/hubs',
    { body: { name } },
  )
  expect(res.status, res.text).toBe(201)
  return res.body
}

const sendToken = (hubId: string, key: string) =>
  createSasToken({
    resourceUri: `${CLUSTER_PUBLIC_URL}/v1/hubs/${hubId}`,
    keyName: 'default',
    key,
    ttlSeconds: 3600,
  })

/** Posts one beacon to `node` with `token`; resolves to the status. */
const beacon = async (node: CasetrailNode, hubId: string, token: string, query = '') => {
  const res = await node.request('POST', `/v1/hubs/${hubId}/interactions${query}`, {
    admin: false,
    headers: { authorization: token },
    body: batch(1, { portalId: '7d9a4c1e-2b3f-4a5d-8e6f-9a0b1c2d3e4f' }),
  })
  return res.status
}

describe('two nodes on one control plane', () => {
  it('gives exactly one 200 and five 412 to six concurrent If-Match PATCHes spread over A and B', async () => {
    const created = await a.request<{ id: string }>('POST', '/v1/admin/instances', {
      body: { name: 'Versioned', baseLanguage: 'en-US', installedLanguages: ['en-US'] },
    })
    expect(created.status, created.text).toBe(201)
    const path = `/v1/admin/instances/${created.body.id}`
    const read = await b.request('GET', path)
    const etag = read.headers.etag as string
    expect(etag).toBeTruthy()
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 === 0 ? a : b).request('PATCH', path, {
          headers: { 'if-match': etag },
          body: { name: `Versioned by admin ${i}` },
        }),
      ),
    )
    const statuses = answers.map((r) => r.status).sort()
    expect(statuses).toEqual([200, 412, 412, 412, 412, 412])
  })

  it('refuses on B, within 2 s, a key regenerated on A', async () => {
    const hub = await createHub(a, 'Rotated')
    const old = sendToken(hub.id, hub.keys[0]!.primaryKey)
    // B knows the hub and has checked this very token (its caches are warm).
    await expect.poll(() => beacon(b, hub.id, old)).toBe(202)
    expect(await beacon(b, hub.id, old)).toBe(202)
    const regenerated = await a.request<{ primaryKey: string }>(
      'POST',
      `/v1/admin/hubs/${hub.id}/keys/default/regenerate`,
      { body: { which: 'primary' } },
    )
    expect(regenerated.status).toBe(200)
    // The bound under test is a duration: B gets no request for 2 s, then the first one it gets is
    // refused (a cache refreshed by age alone answered it from its stale copy, and kept that up to 30 s).
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    expect(await beacon(b, hub.id, old)).toBe(401)
    expect(await beacon(b, hub.id, sendToken(hub.id, regenerated.body.primaryKey))).toBe(202)
  })

  it("refuses a second process on A's data directory with wal_dir_in_use and the directory's name", async () => {
    const second = await startNode({ name: 'A2', databaseUrl: pgServer.url, dataDir: a.dataDir })
    const code = await second.exited
    expect(code).toBe(1)
    expect(second.output()).toContain('wal_dir_in_use')
    expect(second.output()).toContain(join(a.dataDir, 'wal'))
    // A kept its directory and still answers.
    expect((await a.request('GET', '/ready', { admin: false })).status).toBe(200)
  })

  it('refuses to start on a shared control plane without CASETRAIL_SECRET_KEY, saying how to set it', async () => {
    const keyless = await startNode({
      name: 'keyless',
      databaseUrl: pgServer.url,
      env: { CASETRAIL_SECRET_KEY: undefined },
    })
    expect(await keyless.exited).toBe(78)
    expect(keyless.output()).toContain('CASETRAIL_SECRET_KEY is required when DATABASE_URL is set')
    expect(keyless.output()).toContain('openssl rand -hex 32')
  })
})

describe('two nodes with Postgres down', () => {
  it('keeps taking beacons on known keys, answers admin 503 with Retry-After, says why on /ready, and resumes when it is back', async () => {
    const hub = await createHub(a, 'Outage')
    const token = sendToken(hub.id, hub.keys[0]!.primaryKey)
    for (const node of [a, b]) await expect.poll(() => beacon(node, hub.id, token)).toBe(202)

    await pgServer.stop()
    try {
      for (const node of [a, b]) {
        // Accepted and stored in the node's ClickHouse: ?wait=stored answers 200 once they are.
        expect(await beacon(node, hub.id, token, '?wait=stored')).toBe(200)
        const admin = await node.request<{ error: { code: string } }>('GET', '/v1/admin/hubs')
        expect(admin.status).toBe(503)
        expect(admin.body.error.code).toBe('control_plane_unavailable')
        expect(Number(admin.headers['retry-after'])).toBeGreaterThan(0)
        await expect
          .poll(
            async () => (await node.request<{ degraded?: string }>('GET', '/ready', { admin: false })).body,
          )
          .toMatchObject({ degraded: 'control_plane_unreachable', checks: { controlPlane: 'unreachable' } })
      }
    } finally {
      await pgServer.start()
    }
    for (const node of [a, b]) {
      await expect
        .poll(async () => (await node.request('GET', '/v1/admin/hubs')).status, { timeout: 15_000 })
        .toBe(200)
      await expect
        .poll(
          async () => (await node.request<{ degraded?: string }>('GET', '/ready', { admin: false })).body,
          {
            timeout: 15_000,
          },
        )
        .not.toHaveProperty('degraded')
    }
    // Changes are heard again: a key regenerated on A is refused on B.
    const regenerated = await a.request('POST', `/v1/admin/hubs/${hub.id}/keys/default/regenerate`, {
      body: { which: 'primary' },
    })
    expect(regenerated.status).toBe(200)
    await expect.poll(() => beacon(b, hub.id, token), { timeout: 2_000, interval: 50 }).toBe(401)
  })
})

describe('two nodes: portals', () => {
  let ca: TestCa
  let instanceId: string

  const provision = async (node: CasetrailNode, subdomain: string) => {
    const licence = await node.request<{ id: string }>('POST', '/v1/admin/licences', {
      body: { type: 'production' },
    })
    expect(licence.status, licence.text).toBe(201)
    const me = await node.request<{ id: string }>('GET', '/v1/admin/users/me')
    const res = await node.request<{ portal: { id: string } }>('POST', '/v1/admin/portals', {
      body: {
        name: `Portal ${subdomain}`,
        subdomain,
        instanceId,
        language: 'en-US',
        administratorId: me.body.id,
        audience: 'customer',
        portalType: 'customer_self_service',
        termsAccepted: true,
        licenceId: licence.body.id,
      },
    })
    expect(res.status, res.text).toBe(202)
    return res.body.portal.id
  }

  type Job = { state: string; resumes: number; steps: Array<{ id: string; status: string; runs: number }> }
  const jobOf = async (node: CasetrailNode, portalId: string) =>
    (await node.request<{ job: Job | null }>('GET', `/v1/admin/portals/${portalId}/provisioning`)).body.job

  beforeAll(async () => {
    ca = makeCa()
    const instance = await a.request<{ id: string }>('POST', '/v1/admin/instances', {
      body: { name: 'Contoso', baseLanguage: 'en-US', installedLanguages: ['en-US'], installedSolutions: [] },
    })
    expect(instance.status, instance.text).toBe(201)
    instanceId = instance.body.id
  })

  it('serves over HTTPS on B, within 2 s, a custom domain bound on A, and stops when it is removed', async () => {
    const portalId = await provision(a, 'contoso')
    await expect.poll(async () => (await jobOf(a, portalId))?.state, { timeout: 60_000 }).toBe('succeeded')
    const host = 'help.contoso.example'
    dns.setCname(host, 'contoso.localhost')
    const leaf = makeLeaf({ ca, dnsNames: [host] })
    const cert = await a.request<{ id: string }>(
      'POST',
      `/v1/admin/portals/${portalId}/custom-domain/certificates`,
      {
        body: {
          pfx: toPfx(leaf.keys.privateKey, [leaf.cert], 'pw-0123').toString('base64'),
          password: 'pw-0123',
        },
      },
    )
    expect(cert.status, cert.text).toBe(201)
    const handshake = () =>
      new Promise<string>((resolve) => {
        const socket = connect(
          { host: '127.0.0.1', port: b.httpsPort!, servername: host, ca: [ca.pem] },
          () => {
            resolve(socket.getPeerX509Certificate()?.fingerprint256 ?? '')
            socket.end()
          },
        )
        socket.once('error', () => resolve('refused'))
      })
    expect(await handshake()).toBe('refused')
    const bound = await a.request('PUT', `/v1/admin/portals/${portalId}/custom-domain`, {
      body: { certificateId: cert.body.id, hostName: host },
    })
    expect(bound.status, bound.text).toBe(201)
    await expect.poll(handshake, { timeout: 2_000, interval: 50 }).toBe(leaf.fingerprint256)
    const removed = await a.request('DELETE', `/v1/admin/portals/${portalId}/custom-domain`)
    expect(removed.status, removed.text).toBe(204)
    await expect.poll(handshake, { timeout: 2_000, interval: 50 }).toBe('refused')
  })

  it('finishes on B, exactly once, a provisioning job A was killed -9 in the middle of', {
    timeout: 120_000,
  }, async () => {
    // A slow A (a pause before each step and package): the kill lands mid-job.
    const slow = await member('A-slow', { env: { CASETRAIL_PROVISIONING_STEP_DELAY_MS: '700' } })
    await slow.ready()
    const portalId = await provision(slow, 'killed-mid-way')
    await expect
      .poll(async () => (await jobOf(b, portalId))?.steps.find((s) => s.id === 'install_packages')?.status, {
        timeout: 30_000,
        interval: 50,
      })
      .toBe('running')
    await slow.kill()
    await expect
      .poll(async () => (await jobOf(b, portalId))?.state, { timeout: 60_000, interval: 200 })
      .toBe('succeeded')
    const job = (await jobOf(b, portalId))!
    expect(job.resumes).toBe(1)
    expect(job.steps.every((s) => s.status === 'succeeded' || s.status === 'skipped')).toBe(true)
    // The step A was in ran twice (A's run, B's), every other once.
    expect(job.steps.find((s) => s.id === 'install_packages')!.runs).toBe(2)
    expect(job.steps.filter((s) => s.id !== 'install_packages').every((s) => s.runs <= 1)).toBe(true)
  })

  it('gives 200 distinct numbers to 200 portal cases opened at once through A and B', {
    timeout: 120_000,
  }, async () => {
    const portalId = await provision(a, 'cases')
    await expect.poll(async () => (await jobOf(a, portalId))?.state, { timeout: 60_000 }).toBe('succeeded')
    // 20 contacts, each opening 5 cases on each node (a contact may open 5 at once on a portal).
    const contacts = Array.from({ length: 20 }, (_, n) => ({
      crmrecordid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      name: `Contact ${n}`,
      email: `contact${n}@example.com`,
    }))
    const added = await a.request('POST', `/v1/admin/instances/${instanceId}/contacts`, { body: contacts })
    expect(added.status, added.text).toBeLessThan(300)
    // Each contact gets an account through one node, and signs in on both.
    await Promise.all(
      contacts.map((contact, n) =>
        giveAccount(n % 2 ? b : a, { id: portalId, subdomain: 'cases' }, contact, `10.0.3.${n + 1}`),
      ),
    )
    const signedIn = await Promise.all(
      [a, b].flatMap((node) =>
        contacts.map(async (contact, n) => ({
          node,
          session: await signIn(node, 'cases', contact.email, `10.0.${node === a ? 1 : 2}.${n + 1}`),
        })),
      ),
    )
    const numbers = await Promise.all(
      signedIn.flatMap(({ node, session }) =>
        Array.from({ length: 5 }, async (_, i) => {
          const res = await node.request('POST', '/support', {
            admin: false,
            headers: {
              host: 'cases.localhost',
              cookie: session.cookie,
              'x-forwarded-for': session.address,
              'content-type': 'application/x-www-form-urlencoded',
            },
            body: new URLSearchParams({
              title: `Case ${i}`,
              description: 'Opened at once',
              category: 'problem',
              csrf: session.csrf,
            }).toString(),
          })
          expect(res.status, res.text).toBe(303)
          return /opened=(CAS-(\d+)-[A-Z0-9]+)/.exec(String(res.headers.location))![2]
        }),
      ),
    )
    expect(numbers).toHaveLength(200)
    expect(new Set(numbers).size).toBe(200)
  })
})

describe('two first starts at once', () => {
  it('make one bootstrap admin and apply the migrations once', { timeout: 120_000 }, async () => {
    const client = new pg.Client({ connectionString: pgServer.url })
    await client.connect()
    await client.query('CREATE DATABASE fresh_cluster')
    await client.end()
    const fresh = pgServer.url.replace(/\/casetrail$/, '/fresh_cluster')
    const [c, d] = await Promise.all(
      ['C', 'D'].map((name) =>
        startNode({ name, databaseUrl: fresh, env: { CASETRAIL_BOOTSTRAP_TOKEN: undefined } }),
      ),
    )
    await Promise.all([c!.ready(), d!.ready()])
    // The generated token is printed by the start that created the admin, and only by it.
    const printed = [c!, d!].filter((n) => /admin token\s.*\(shown once/.test(n.output()))
    expect(printed).toHaveLength(1)
    const db = new pg.Client({ connectionString: fresh })
    await db.connect()
    const { rows } = await db.query<{ version: number; n: string }>(
      'SELECT version, count(*) AS n FROM control_plane_migrations GROUP BY version ORDER BY version',
    )
    await db.end()
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r) => r.n === '1')).toBe(true)
    await Promise.all([c!.stop(), d!.stop()])
  })
})
