// Reading a `node --cpu-prof` profile of the server: the self time of its main
// thread between two instants (the load, not start-up), by package or source
// file, by function, and inclusive (a function and what it calls). Used by
// profile-server.ts and journey-probe.ts.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './bench-support.ts'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

/** A V8 CPU profile as `--cpu-prof` writes it. */
export interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  samples: number[]
  timeDeltas: number[]
}

/** Microseconds on V8's sample clock (the monotonic clock `process.hrtime` reads). */
export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n)

/** The one profile `--cpu-prof-dir` holds; `output` is the server's, shown when there is none. */
export function readCpuProfile(profDir: string, output: readonly string[]): CpuProfile {
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'))
  if (!file) throw new Error(`no profile written:\n${output.join('')}`)
  return JSON.parse(readFileSync(join(profDir, file), 'utf8')) as CpuProfile
}

/** A package name, `node:` module or source path for a frame's URL. */
const where = (url: string): string => {
  if (!url) return '(native)'
  const rel = url.replace(`file://${ROOT}`, '')
  return /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(rel)?.[1] ?? rel
}

/** The main thread's busy time (µs) between `from` and `to`, and its split. */
export interface ProfileTimes {
  busy: number
  byPlace: Map<string, number>
  byFunction: Map<string, number>
  inclusive: Map<string, number>
}

/** Sums the samples taken between `from` and `to` (µs, {@link monotonicUs}), idle left out. */
export function profileTimes(prof: CpuProfile, from: number, to: number): ProfileTimes {
  const byId = new Map(prof.nodes.map((n) => [n.id, n]))
  const isIdle = (id: number) => byId.get(id)?.callFrame.functionName === '(idle)'
  const self = new Map<number, number>()
  let at = prof.startTime
  prof.samples.forEach((id, i) => {
    const delta = prof.timeDeltas[i] ?? 0
    at += delta
    if (at >= from && at <= to) self.set(id, (self.get(id) ?? 0) + delta)
  })
  const frame = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`
  const byPlace = new Map<string, number>()
  const byFunction = new Map<string, number>()
  let busy = 0
  for (const [id, t] of self) {
    const n = byId.get(id)
    if (!n || isIdle(id)) continue
    busy += t
    const g = where(n.callFrame.url)
    byPlace.set(g, (byPlace.get(g) ?? 0) + t)
    byFunction.set(frame(n), (byFunction.get(frame(n)) ?? 0) + t)
  }
  // Inclusive time: a sample counts for every distinct function on its stack (middleware, handlers).
  const parent = new Map<number, number>()
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const inclusive = new Map<string, number>()
  for (const [id, t] of self) {
    if (isIdle(id)) continue
    const seen = new Set<string>()
    for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) {
      const n = byId.get(up)!
      if (!n.callFrame.functionName || n.callFrame.functionName === '(root)') continue
      seen.add(frame(n))
    }
    for (const f of seen) inclusive.set(f, (inclusive.get(f) ?? 0) + t)
  }
  return { busy, byPlace, byFunction, inclusive }
}

/** The `top` largest entries of `times`, each as a share of `busy` and its name. */
export function topShares(times: Map<string, number>, busy: number, top: number): string[] {
  return [...times]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, t]) => `${((t / busy) * 100).toFixed(1).padStart(5)}%  ${name}`)
}
