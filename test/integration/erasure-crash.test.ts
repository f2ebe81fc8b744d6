import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort } from '../../tools/free-port.ts'
import { articleView, search } from '../support/interactions.ts'
import { createHubWithToken, killServers, spawnServer } from '../support/server-process.ts'
import { waitReady } from '../support/wait-ready.ts'

// The real server in a child process: a contact is erased while some of their
// beacons are only in the write-ahead log (the flusher waits a minute), the
// server is killed with SIGKILL, and restarted on the same data dir with a
// quick flusher. The log's replay must bring none of the erased contact's rows
// back, and must store every row of the other contact.

const ADMIN_TOKEN = 'erasure-crash-admin-token-0123456789'
const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }

let dataDir: string

afterAll(async () => {
  killServers()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

const startServer = (port: number, flushIntervalMs: number) =>
  spawnServer({
    dataDir,
    port,
    adminToken: ADMIN_TOKEN,
    env: { CASETRAIL_FLUSH_INTERVAL_MS: String(flushIntervalMs) },
  })

describe('an erasure across a kill -9', () => {
  it('a restart replaying the log brings nothing of the erased contact back, and keeps the other’s', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'casetrail-erasure-crash-'))
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    // A minute between flushes: what is sent without ?wait=stored stays in the log.
    let server = startServer(port, 60_000)
    await waitReady(base, server)
    const { hub, token } = await createHubWithToken(base, ADMIN_TOKEN, 'Erasure crash')
    const send = async (items: unknown[], query = '') => {
      const res = await fetch(`${base}/v1/hubs/${hub.id}/interactions${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: token },
        body: JSON.stringify(items),
      })
      await res.arrayBuffer()
      return res.status
    }
    const erased = randomUUID()
    const kept = randomUUID()
    const at = (ago: number) => new Date(Date.now() - ago).toISOString()
    const stored = [erased, kept].flatMap((c) => [
      articleView({ portal_contactid: c, portal_timestamp: at(3_600_000) }),
      search({ portal_contactid: c, portal_timestamp: at(7_200_000) }),
    ])
    expect(await send(stored, '?wait=stored')).toBe(200)
    const logged = [erased, kept].flatMap((c) =>
      Array.from({ length: 5 }, (_, i) =>
        search({ portal_contactid: c, portal_timestamp: at(60_000 * (i + 1)) }),
      ),
    )
    expect(await send(logged)).toBe(202)

    const erase = await fetch(`${base}/v1/admin/hubs/${hub.id}/contacts/${erased}`, {
      method: 'DELETE',
      headers: admin,
    })
    expect(erase.status).toBe(202)
    const { erasureId } = (await erase.json()) as { erasureId: string }
    let state = ''
    for (let i = 0; i < 600 && state !== 'done'; i++) {
      const res = await fetch(`${base}/v1/admin/hubs/${hub.id}/erasures/${erasureId}`, { headers: admin })
      state = ((await res.json()) as { state: string }).state
      if (state === 'failed') throw new Error('the erasure failed')
      if (state !== 'done') await new Promise((r) => setTimeout(r, 50))
    }
    expect(state).toBe('done')
    // The logged rows are still only in the log: the kill lands before any flush.
    server.child.kill('SIGKILL')
    expect(await server.exited).toBeNull()

    server = startServer(port, 5)
    await waitReady(base, server)
    // Something stored after the replay: a send that waits for the store.
    expect(await send([search({ portal_contactid: kept })], '?wait=stored')).toBe(200)

    const exportOf = async (contactId: string) => {
      const res = await fetch(`${base}/v1/admin/hubs/${hub.id}/contacts/${contactId}/export`, {
        headers: admin,
      })
      expect(res.status).toBe(200)
      return (await res.text())
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { kind: string; portal_interactionid?: string; counts?: object })
    }
    const gone = await exportOf(erased)
    expect(gone).toEqual([
      expect.objectContaining({
        kind: 'export',
        counts: { interactions: 0, cases: 0, profiles: 0, quarantine: 0, audit: 0 },
        erasedAt: expect.any(String),
      }),
    ])
    const other = await exportOf(kept)
    const ids = other.filter((l) => l.kind === 'interaction').map((l) => l.portal_interactionid)
    const expected = [...stored, ...logged].filter((i) => i.portal_contactid === kept)
    expect(ids).toEqual(expect.arrayContaining(expected.map((i) => i.portal_interactionid)))
    expect(ids).toHaveLength(expected.length + 1)
    server.child.kill('SIGKILL')
    await server.exited
  }, 180_000)
})
