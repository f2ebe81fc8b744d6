// Where the server's V8 heap garbage comes from under the flood of bench 7b (4 senders of
// 50-item batches): the built server under the inspector, V8's sampling heap profiler over
// the flood, keeping allocations that outlived a scavenge (those that die young cost the
// young generation, not the old one's growth), by allocating function, largest first.
//   node --experimental-websocket --import tsx bench/heap-sampling.ts [seconds] [connections] [items]
// (Node 20's WebSocket is behind that flag; no WebSocket package is a dependency.)
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  bodyPool,
  createBenchHub,
  freePort,
  load,
  say,
  serverEnv,
  spawnServer,
  stopChild,
  waitFor,
} from './bench-support.ts'
import { batch } from './payloads.js'

const [seconds = 8, connections = 4, items = 50] = process.argv.slice(2).map(Number)
const portalId = '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f'
const dataDir = await mkdtemp(join(tmpdir(), 'casetrail-heap-'))
const port = await freePort()
const base = `http://127.0.0.1:${port}`
const hub = await createBenchHub(dataDir, base, 'heap')
const server = await spawnServer(serverEnv(dataDir, port, { CASETRAIL_FLUSH_MAX_ROWS: '5000' }), [
  '--inspect=127.0.0.1:0',
])
try {
  await waitFor(`${base}/ready`, server, (s) => s === 200)
  const url = /ws:\/\/\S+/.exec(server.output.join(''))?.[0]
  if (!url) throw new Error('no inspector URL')
  if (typeof WebSocket === 'undefined') throw new Error('run with node --experimental-websocket')
  const ws = new WebSocket(url)
  await new Promise((r) => ws.addEventListener('open', r, { once: true }))
  let id = 0
  const pending = new Map<number, (v: unknown) => void>()
  ws.addEventListener('message', (e) => {
    const m = JSON.parse(String(e.data)) as { id?: number; result?: unknown }
    if (m.id !== undefined) pending.get(m.id)?.(m.result)
  })
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((r) => {
      pending.set(++id, r)
      ws.send(JSON.stringify({ id, method, params }))
    })
  const body = bodyPool(500, () => JSON.stringify(batch(items, { portalId })))
  const flood = (s: number) =>
    load({
      url: `${base}/v1/hubs/${hub.hubId}/interactions`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: hub.token },
      body,
      connections,
      seconds: s,
    })
  await flood(3)
  await call('HeapProfiler.enable')
  await call('HeapProfiler.startSampling', {
    samplingInterval: 16_384,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: false,
  })
  const r = await flood(seconds)
  const { profile } = (await call('HeapProfiler.stopSampling')) as {
    profile: { head: Node; samples: Array<{ size: number; nodeId: number }> }
  }
  interface Node {
    id: number
    callFrame: { functionName: string; url: string; lineNumber: number }
    selfSize: number
    children: Node[]
  }
  const byFrame = new Map<string, number>()
  const stackOf = new Map<number, string>()
  const walk = (n: Node, path: string[]) => {
    const here = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`
    const p = [...path, here]
    stackOf.set(n.id, p.slice(-4).join(' < '))
    byFrame.set(here, (byFrame.get(here) ?? 0) + n.selfSize)
    for (const c of n.children) walk(c, p)
  }
  walk(profile.head, [])
  const total = [...byFrame.values()].reduce((a, b) => a + b, 0)
  say(
    `${Math.round(r.requestsPerSecond)} requests/s; sampled ${(total / 2 ** 20).toFixed(1)} MiB that outlived a scavenge`,
  )
  for (const [frame, bytes] of [...byFrame].sort((a, b) => b[1] - a[1]).slice(0, 25))
    say(`${(bytes / 2 ** 20).toFixed(1).padStart(7)} MiB  ${frame}`)
  const byStack = new Map<string, number>()
  const nodes: Node[] = [profile.head]
  for (let n = nodes.pop(); n; n = nodes.pop()) {
    if (n.selfSize) byStack.set(stackOf.get(n.id)!, (byStack.get(stackOf.get(n.id)!) ?? 0) + n.selfSize)
    nodes.push(...n.children)
  }
  say('\nby stack (innermost first):')
  for (const [stack, bytes] of [...byStack].sort((a, b) => b[1] - a[1]).slice(0, 15))
    say(`${(bytes / 2 ** 20).toFixed(1).padStart(7)} MiB  ${stack.split(' < ').reverse().join(' < ')}`)
  ws.close()
} finally {
  await stopChild(server)
  await rm(dataDir, { recursive: true, force: true })
}
