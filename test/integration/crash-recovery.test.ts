import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../../tools/free-port.ts'
import { afterAll, describe, expect, it } from 'vitest'
import { batch } from '../../bench/payloads.js'
import { openClickHouse } from '../../core/testing.ts'
import { createInteractionRepository } from '../../core/testing.ts'
import {
  createHubWithToken,
  killServers,
  type ServerProcess,
  spawnServer,
} from '../support/server-process.ts'
import { waitReady } from '../support/wait-ready.ts'

// The real server in a child process, killed with SIGKILL under load at
// several points (early, mid-stream, during the replay after a restart), then
// restarted on the same data dir: every interaction that got a 202 must be in
// ClickHouse exactly once.

const ADMIN_TOKEN = 'crash-test-admin-token-0123456789'
const PORTAL_ID = '7d9a4c1e-2b3f-4a5d-8e6f-9a0b1c2d3e4f'

let dataDir: string

afterAll(async () => {
  killServers()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

function startServer(port: number): ServerProcess {
  return spawnServer({
    dataDir,
    port,
    adminToken: ADMIN_TOKEN,
    // Small batches, frequent flushes and small segments: kills land mid-insert and mid-rotation.
    env: {
      CASETRAIL_FLUSH_INTERVAL_MS: '5',
      CASETRAIL_FLUSH_MAX_ROWS: '400',
      CASETRAIL_WAL_SEGMENT_BYTES: '65536',
    },
  })
}

interface Ledger {
  /** Every id sent in a request, answered or not. */
  sent: Set<string>
  /** Ids that got a 202. */
  acked: Set<string>
}

/**
 * Concurrent senders posting batches of 1 to 8 interactions until `killAfter`
 * more items are acknowledged (then SIGKILL) or, without a kill, until
 * `stopAfter` are. Requests cut off by the kill simply have no answer.
 */
async function drive(
  base: string,
  hubId: string,
  token: string,
  ledger: Ledger,
  plan: { server: ServerProcess; killAfter?: number; stopAfter?: number },
): Promise<number> {
  let acked = 0
  let stop = false
  let unanswered = 0
  const worker = async () => {
    while (!stop) {
      const items = batch(1 + Math.floor(Math.random() * 8), { portalId: PORTAL_ID, contacts: 50 })
      for (const item of items) ledger.sent.add(item.portal_interactionid)
      try {
        const res = await fetch(`${base}/v1/hubs/${hubId}/portals/${PORTAL_ID}/interactions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: token },
          body: JSON.stringify(items),
        })
        await res.arrayBuffer()
        if (res.status !== 202) throw new Error(`unexpected status ${res.status}`)
        for (const item of items) ledger.acked.add(item.portal_interactionid)
        acked += items.length
        if (plan.killAfter !== undefined && acked >= plan.killAfter && plan.server.child.exitCode === null) {
          plan.server.child.kill('SIGKILL')
        }
        if (plan.stopAfter !== undefined && acked >= plan.stopAfter) stop = true
      } catch (err) {
        const killed = plan.server.child.signalCode === 'SIGKILL' || plan.server.child.exitCode !== null
        if (killed) stop = true
        // A keep-alive connection to the previous (killed) server fails once; a real
        // client sends again. Anything else, or many of them, is the test's to report.
        else if (!(err instanceof TypeError) || ++unanswered > 100) throw err
      }
    }
  }
  await Promise.all(Array.from({ length: 12 }, worker))
  return acked
}

describe('crash recovery of the real server', () => {
  it('keeps every acknowledged interaction, exactly once, across SIGKILLs at several points', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'casetrail-crash-'))
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    const ledger: Ledger = { sent: new Set(), acked: new Set() }

    // Round 1: a fresh server, killed early in the stream.
    let server = startServer(port)
    await waitReady(base, server, 600)
    const { hub, token } = await createHubWithToken(base, ADMIN_TOKEN, 'Crash test')
    const kills: number[] = []
    kills.push(await drive(base, hub.id, token, ledger, { server, killAfter: 300 }))
    expect(await server.exited).toBeNull()

    // Round 2: restarted on the same data dir (replaying), killed mid-stream.
    server = startServer(port)
    await waitReady(base, server, 600)
    kills.push(await drive(base, hub.id, token, ledger, { server, killAfter: 2500 }))
    await server.exited

    // Round 3: killed right after it is ready again, while the replay may still run.
    server = startServer(port)
    await waitReady(base, server, 600)
    kills.push(await drive(base, hub.id, token, ledger, { server, killAfter: 20 }))
    await server.exited

    // Round 4: a last run without a kill, then a barrier, then a clean shutdown.
    server = startServer(port)
    await waitReady(base, server, 600)
    await drive(base, hub.id, token, ledger, { server, stopAfter: 300 })
    // The flusher goes through the log in order: once this is stored, so is everything before it.
    const barrier = batch(1, { portalId: PORTAL_ID })
    const stored = await fetch(`${base}/v1/hubs/${hub.id}/portals/${PORTAL_ID}/interactions?wait=stored`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: token },
      body: JSON.stringify(barrier),
    })
    expect(stored.status).toBe(200)
    expect(stored.headers.get('casetrail-ack')).toBe('stored')
    ledger.sent.add(barrier[0]!.portal_interactionid)
    ledger.acked.add(barrier[0]!.portal_interactionid)
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)

    for (const n of kills) expect(n).toBeGreaterThan(0)
    expect(ledger.acked.size).toBeGreaterThan(2800)

    // Read what ClickHouse holds, in this process, on the server's data dir.
    const ch = await openClickHouse({ kind: 'embedded', dataDir })
    try {
      const rs = await ch.client.query({
        query: `SELECT toString(interaction_id) AS id, count() AS n FROM interactions FINAL
          WHERE hub_id = {hub:String} GROUP BY id`,
        query_params: { hub: hub.id },
        format: 'JSONEachRow',
      })
      const counts = new Map((await rs.json<{ id: string; n: string }>()).map((r) => [r.id, Number(r.n)]))
      const missing = [...ledger.acked].filter((id) => !counts.has(id))
      expect(missing).toEqual([])
      const repeated = [...counts].filter(([, n]) => n !== 1)
      expect(repeated).toEqual([])
      const strangers = [...counts.keys()].filter((id) => !ledger.sent.has(id))
      expect(strangers).toEqual([])
      // The journey read path folds replays too.
      expect(await createInteractionRepository(ch).count(hub.id)).toBe(counts.size)
    } finally {
      await ch.close()
    }
  }, 180_000)
})
