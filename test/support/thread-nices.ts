// This process's threads and their nice values (Linux), for the reads-first tests.
import { readFileSync, readdirSync } from 'node:fs'

/** A thread seen while some work ran: its name, its nice then, and its nice before the work. */
export interface ThreadNice {
  name: string
  nice: number
  before: number | undefined
}

/** Each of this process's threads by id: its name and nice value. */
function threads(): Map<string, { name: string; nice: number }> {
  const out = new Map<string, { name: string; nice: number }>()
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      out.set(tid, { name, nice: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]) })
    } catch {
      // the thread ended meanwhile
    }
  }
  return out
}

/**
 * Every thread (with its nice) seen every millisecond while `work` ran. A
 * thread may already hold a nice from earlier work (the engine does not always
 * give a pool thread its nice back), so a test looks at `nice` and `before` both.
 */
export async function threadsDuring(work: () => Promise<unknown>): Promise<ThreadNice[]> {
  const before = threads()
  const seen = new Map<string, ThreadNice>()
  const sample = () => {
    for (const [tid, t] of threads())
      seen.set(`${tid} ${t.nice}`, { name: t.name, nice: t.nice, before: before.get(tid)?.nice })
  }
  const timer = setInterval(sample, 1)
  try {
    await work()
  } finally {
    clearInterval(timer)
  }
  return [...seen.values()]
}

/** Whether this process has CAP_SYS_NICE (bit 23 of its effective capabilities): without it the engine leaves every thread's nice as it is. */
export const maySetPriorities =
  process.platform === 'linux' &&
  (BigInt(`0x${/CapEff:\s*([0-9a-f]+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '0'}`) &
    (1n << 23n)) !==
    0n

/**
 * The threads seen while `work` ran, once one of them matched `wanted` or after
 * `tries` runs of it: sampling every millisecond can miss a thread's nice for
 * a short run on a busy machine; a run that never sets it never matches.
 */
export async function threadsUntil(
  work: () => Promise<unknown>,
  wanted: (t: ThreadNice) => boolean,
  tries = 8,
): Promise<ThreadNice[]> {
  let seen: ThreadNice[] = []
  for (let i = 0; i < tries && !seen.some(wanted); i++) seen = await threadsDuring(work)
  return seen
}
