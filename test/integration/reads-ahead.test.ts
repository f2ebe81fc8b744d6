import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { type ReadsAhead, createApp, readsAhead } from '../../ingest/index.ts'
import { type HttpListener, startHttpListener } from '../../ingest/testing.ts'
import { openForFile } from '../support/file-fixture.ts'
import { articleView } from '../support/interactions.ts'
import { memoryLogger, startTestCore, tokenFor } from '../support/test-core.ts'

// Reads ahead of ingest on the event loop (ingest/reads-ahead.ts): while a rep's read is
// in flight, an ingest request waits before its own work, at most the gate's bound, and
// not at all once the server stops. Checked by order of events, never by time: an ingest
// request is seen waiting, is not answered while the read is held, and is answered once
// the read ends, the bound passes or the gate closes. Both ways in: the lean path on a
// real listener, and the Hono route.

const LONG = 10 * 60_000
const turn = () => new Promise((resolve) => setImmediate(resolve))

/** An app on the test core with a gate of its own, and a listener that takes the lean path. */
async function served(core: Awaited<ReturnType<typeof startTestCore>>['core'], reads: ReadsAhead) {
  const app = createApp({ core, log: memoryLogger().log, readsAhead: reads })
  const listener: HttpListener = await startHttpListener({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  return { app, listener, base: `http://127.0.0.1:${listener.port}` }
}

const t = openForFile(
  async () => {
    const core = await startTestCore()
    const hub = await core.createHub('Reads ahead')
    return { core, hub }
  },
  async ({ core }) => {
    await core.close()
    core.remove()
  },
)

/** Posts one interaction to the hub: over HTTP to `base` (the lean path), or to the app (the Hono route). */
function postTo(
  target: string | { request: (path: string, init: RequestInit) => Response | Promise<Response> },
) {
  const { hub } = t
  const path = `/v1/hubs/${hub.id}/interactions`
  const init = {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: tokenFor(`/v1/hubs/${hub.id}`, hub.keys[0]!.primaryKey),
    },
    body: JSON.stringify(articleView()),
  }
  return typeof target === 'string'
    ? fetch(`${target}${path}`, init)
    : Promise.resolve(target.request(path, init))
}

/** Whether `answer` has settled after the event loop's turn (it must not have, while it waits). */
async function settledYet(answer: Promise<unknown>) {
  let settled = false
  void answer.then(() => (settled = true))
  await turn()
  await turn()
  return settled
}

describe('reads ahead of ingest', () => {
  for (const way of ['lean path', 'Hono route'] as const) {
    it(`holds an interaction (${way}) while a read is in flight, and answers it once the read ends`, async () => {
      const reads = readsAhead({ maxWaitMs: LONG })
      const { app, listener, base } = await served(t.core.core, reads)
      try {
        const readEnds = reads.enter()
        const answer = postTo(way === 'lean path' ? base : app)
        await expect.poll(() => reads.waiting).toBe(1)
        expect(await settledYet(answer)).toBe(false)
        readEnds()
        expect((await answer).status).toBe(202)
      } finally {
        await listener.close()
      }
    })
  }

  it('lets an interaction go after the bound although the read is still in flight', async () => {
    const reads = readsAhead({ maxWaitMs: 1 })
    const { listener, base } = await served(t.core.core, reads)
    try {
      reads.enter()
      expect((await postTo(base)).status).toBe(202)
      expect(reads.inFlight).toBe(1)
    } finally {
      await listener.close()
    }
  })

  it('lets waiting interactions go when the server stops, and holds none after', async () => {
    const reads = readsAhead({ maxWaitMs: LONG })
    const { listener, base } = await served(t.core.core, reads)
    try {
      reads.enter()
      const answer = postTo(base)
      await expect.poll(() => reads.waiting).toBe(1)
      reads.close()
      expect((await answer).status).toBe(202)
      expect((await postTo(base)).status).toBe(202)
    } finally {
      await listener.close()
    }
  })

  it("marks a journey in flight after its token is checked until its answer is written, and a stranger's not at all", async () => {
    const reads = readsAhead({ maxWaitMs: LONG })
    const events: string[] = []
    const recorded: ReadsAhead = {
      ...reads,
      enter() {
        events.push('read in flight')
        const done = reads.enter()
        return () => {
          events.push('read ended')
          done()
        }
      },
      get inFlight() {
        return reads.inFlight
      },
      get waiting() {
        return reads.waiting
      },
    }
    const { listener, base } = await served(t.core.core, recorded)
    try {
      const { hub } = t
      const contact = randomUUID()
      const path = `/v1/hubs/${hub.id}/contacts/${contact}/journey?before=${encodeURIComponent(new Date().toISOString())}`
      const refused = await fetch(`${base}${path}`, {
        headers: { authorization: 'SharedAccessSignature sr=x&sig=y&se=1&skn=z' },
      })
      expect(refused.status).toBe(401)
      expect(events).toEqual([])
      const token = tokenFor(`/v1/hubs/${hub.id}/contacts/${contact}`, hub.keys[0]!.primaryKey)
      const read = await fetch(`${base}${path}`, { headers: { authorization: token } })
      expect(read.status).toBe(200)
      await read.text()
      await expect.poll(() => events).toEqual(['read in flight', 'read ended'])
      expect(reads.inFlight).toBe(0)
      // A rep's case and its contact's profile, behind the admin token.
      const admin = { authorization: `Bearer ${t.core.adminToken}` }
      await fetch(`${base}/v1/admin/hubs/${hub.id}/cases/${randomUUID()}`)
      expect(events).toHaveLength(2)
      await (await fetch(`${base}/v1/admin/hubs/${hub.id}/cases/${randomUUID()}`, { headers: admin })).text()
      await (
        await fetch(`${base}/v1/admin/hubs/${hub.id}/profiles/${randomUUID()}`, { headers: admin })
      ).text()
      await expect.poll(() => events).toHaveLength(6)
      expect(reads.inFlight).toBe(0)
    } finally {
      await listener.close()
    }
  })
})
