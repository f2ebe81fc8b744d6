// What is resident in a process's anonymous mappings, by kind, from /proc/<pid>/smaps (Linux):
// the memory profiles' split of the anonymous part of the resident set.
import { readFileSync } from 'node:fs'

const MiB = 2 ** 20

/**
 * Bytes resident in a process's unnamed mappings of 128 MiB or more (WebAssembly
 * memories: PGlite's, which reserves 128 MiB and touches what Postgres uses) and in
 * its executable unnamed mappings (code V8 compiled: JavaScript and WebAssembly).
 *
 * @example
 * const { wasmMemory, code } = residentOf(server.pid)
 */
export function residentOf(pid: number | 'self'): { wasmMemory: number; code: number } {
  let wasmMemory = 0
  let code = 0
  let current: { size: number; exec: boolean; named: boolean } | null = null
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line)
    if (head) {
      const size = Number.parseInt(head[2]!, 16) - Number.parseInt(head[1]!, 16)
      current = { size, exec: head[3]!.includes('x'), named: head[4]!.length > 0 }
      continue
    }
    const anon = /^Anonymous:\s+(\d+) kB/.exec(line)
    if (!anon || !current || current.named) continue
    const bytes = Number(anon[1]) * 1024
    if (current.size >= 128 * MiB) wasmMemory += bytes
    else if (current.exec) code += bytes
  }
  return { wasmMemory, code }
}
