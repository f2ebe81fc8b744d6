// What is resident in a process's mappings, by kind, from /proc/<pid>/smaps (Linux): the memory
// profiles' split of the resident set.
import { readFileSync } from 'node:fs'

const MiB = 2 ** 20
/** A WebAssembly memory sits between inaccessible reservations of gigabytes (V8's guard regions). */
const GUARD_BYTES = 2 ** 30
/** The size of `guard` when it is an inaccessible mapping right beside `m` (either side), else 0. */
const beside = (a: Mapping | undefined, b: Mapping | undefined): number => {
  if (!a || !b || a.end !== b.start) return 0
  const guard = a.perms.startsWith('---') ? a : b.perms.startsWith('---') ? b : null
  return guard ? guard.end - guard.start : 0
}

/** glibc's arenas other than the main one reserve 64 MiB each (HEAP_MAX_SIZE), aligned to it, and use the front. */
const ARENA_BYTES = 64 * MiB

interface Mapping {
  start: number
  end: number
  perms: string
  name: string
  rss: number
  anonymous: number
  lazyFree: number
}

function mappingsOf(pid: number | 'self'): Mapping[] {
  const out: Mapping[] = []
  let current: Mapping | null = null
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line)
    if (head) {
      current = {
        start: Number.parseInt(head[1]!, 16),
        end: Number.parseInt(head[2]!, 16),
        perms: head[3]!,
        name: head[4]!,
        rss: 0,
        anonymous: 0,
        lazyFree: 0,
      }
      out.push(current)
      continue
    }
    const field = /^(Rss|Anonymous|LazyFree):\s+(\d+) kB/.exec(line)
    if (field && current)
      current[field[1] === 'Rss' ? 'rss' : field[1] === 'Anonymous' ? 'anonymous' : 'lazyFree'] =
        Number(field[2]) * 1024
  }
  return out
}

/**
 * Bytes resident in a process's WebAssembly memories (PGlite's, which reserves 128
 * MiB and touches what Postgres uses: an unnamed mapping beside V8's guard regions) and in
 * its executable unnamed mappings (code V8 compiled: JavaScript and WebAssembly).
 *
 * @example
 * const { wasmMemory, code } = residentOf(server.pid)
 */
export function residentOf(pid: number | 'self'): { wasmMemory: number; code: number } {
  const { wasmMemory, jitCode } = breakdownOf(pid)
  return { wasmMemory, code: jitCode }
}

/** A process's resident set by what holds it, in bytes (see {@link breakdownOf}). */
export interface ResidentBreakdown {
  /** File-backed pages of libchdb.so (its code and read-only data, shared with the page cache). */
  engineFile: number
  /** Other file-backed pages (node, libc, libstdc++, …). */
  otherFile: number
  /** libchdb's own anonymous pages: its data relocated at load, and its zeroed data (.bss). */
  engineData: number
  /** glibc's main arena (`[heap]`): Node's and the addons' mallocs, Buffers' memory among them. */
  mainArena: number
  /** glibc's other arenas (64 MiB-aligned reservations): mallocs of threads other than the main one. */
  otherArenas: number
  /** Thread stacks (a mapping right above its guard page), the main thread's included. */
  stacks: number
  /** PGlite's WebAssembly memory (an unnamed mapping beside V8's gigabytes of guard region). */
  wasmMemory: number
  /** Code V8 compiled (executable unnamed mappings). */
  jitCode: number
  /** Every other anonymous page: V8's heap, the engine's jemalloc, large mallocs mapped on their own. */
  rest: number
  /**
   * Of all the above, pages freed with `MADV_FREE` (jemalloc's "muzzy" pages, glibc's trimmed
   * arenas): still counted in the resident set until the kernel wants them back.
   */
  lazyFree: number
}

/**
 * A process's resident set split by kind of mapping. The split of anonymous
 * memory is by shape: glibc's arenas are 64 MiB-aligned and 64 MiB with their
 * unusable tail; a thread's stack sits right above a small inaccessible guard;
 * V8's heap and jemalloc's extents are neither, and are told apart by their own
 * figures (`/metrics`), not here.
 *
 * @example
 * const { mainArena, rest } = breakdownOf(server.pid)
 */
export function breakdownOf(pid: number | 'self'): ResidentBreakdown {
  const maps = mappingsOf(pid)
  const out: ResidentBreakdown = {
    engineFile: 0,
    otherFile: 0,
    engineData: 0,
    mainArena: 0,
    otherArenas: 0,
    stacks: 0,
    wasmMemory: 0,
    jitCode: 0,
    rest: 0,
    lazyFree: 0,
  }
  let afterEngine = false
  for (const [i, m] of maps.entries()) {
    const prev = maps[i - 1]
    const next = maps[i + 1]
    const isEngine = m.name.endsWith('/libchdb.so')
    out[isEngine ? 'engineFile' : 'otherFile'] += m.rss - m.anonymous
    out.lazyFree += m.lazyFree
    if (m.anonymous === 0) {
      afterEngine = isEngine
      continue
    }
    const size = m.end - m.start
    const tail = next && next.start === m.end && next.perms.startsWith('---') ? next.end - next.start : 0
    if (isEngine || (afterEngine && m.name === '' && prev?.end === m.start)) out.engineData += m.anonymous
    else if (m.name === '[heap]') out.mainArena += m.anonymous
    else if (m.name === '[stack]') out.stacks += m.anonymous
    else if (m.name !== '') out.rest += m.anonymous
    else if (beside(prev, m) >= GUARD_BYTES || beside(m, next) >= GUARD_BYTES) out.wasmMemory += m.anonymous
    else if (m.perms.includes('x')) out.jitCode += m.anonymous
    else if (m.start % ARENA_BYTES === 0 && size + tail === ARENA_BYTES) out.otherArenas += m.anonymous
    else if (
      prev &&
      prev.end === m.start &&
      prev.perms.startsWith('---') &&
      prev.end - prev.start <= 64 * 1024 &&
      size <= 16 * MiB
    )
      out.stacks += m.anonymous
    else out.rest += m.anonymous
    afterEngine = isEngine
  }
  return out
}
