// Phase 9's rows of the bench runner's table (bench-report.ts): the server's
// peak RSS against issue 26's and issue 21's bounds, its anonymous and
// file-mapped parts, and where the anonymous peak fell, by mapping.
import { type BenchResults, TARGETS } from './bench-report.ts'
import { fmt } from './bench-support.ts'

const MIB = 2 ** 20

/** A row of the table: name, value, target, met or not, the baseline's figure. */
type Row = [name: string, value: string, target?: string, ok?: boolean, base?: string]

/** The memory rows of run `r`, with baseline `b`'s figures beside where it has them. */
export function memoryRows(r: BenchResults, b?: BenchResults): Row[] {
  const rows: Row[] = []
  const add = (...row: Row) => rows.push(row)
  if (r.peakRssBytes) {
    add(
      '9 peak RSS (server)',
      `${fmt(r.peakRssBytes / MIB)} MiB`,
      '<= 512 MiB (issue 26)',
      r.peakRssBytes <= TARGETS.peakRssBytes,
      b?.peakRssBytes ? `${fmt(b.peakRssBytes / MIB)} MiB` : '',
    )
    add(
      '  against the peak before PGlite',
      `${fmt(r.peakRssBytes / MIB)} MiB`,
      '<= 540 MiB (issue 21)',
      r.peakRssBytes <= TARGETS.peakRssBeforePgliteBytes,
    )
    add(
      '  of which anonymous (sampled)',
      `${fmt(r.peakAnonymousBytes / MIB)} MiB (+ ${fmt(r.fileBackedBytes / MIB)} MiB mapped from libchdb and other files)`,
      '',
      undefined,
      b?.peakAnonymousBytes ? `${fmt(b.peakAnonymousBytes / MIB)} + ${fmt(b.fileBackedBytes / MIB)} MiB` : '',
    )
    const at = r.peakAnonymousAt
    const split = at?.resident
    if (at && split) {
      const mib = (n: number) => fmt(n / MIB)
      const jemalloc = at.allocatorResidentBytes ?? 0
      add(
        `  anonymous peak, in ${at.phase}`,
        `V8 heap ${mib(at.heapBytes)} + engine's jemalloc ${mib(jemalloc)} (tracked ${mib(at.engineTrackedBytes)}) + glibc main arena ${mib(split.mainArena)} + other arenas ${mib(split.otherArenas)} + PGlite ${mib(split.wasmMemory)} + libchdb data ${mib(split.engineData)} + stacks and JIT code ${mib(split.stacks + split.jitCode)} + other ${mib(split.rest - at.heapBytes - jemalloc)} MiB`,
      )
      add(
        '  Buffers then (external memory)',
        `${mib(at.externalBytes)} MiB, PGlite's WebAssembly memory reserved in full among them (${mib(split.wasmMemory)} of it resident, above); the rest is in glibc's arenas and "other"`,
      )
      add(
        '  file-mapped then',
        `libchdb ${mib(split.engineFile)} + node and others ${mib(split.otherFile)} MiB`,
      )
    }
  }
  if (r.engineMemory?.peakTrackedBytes) {
    const last = r.engineMemory.lastBytes
    add(
      '  engine, its own figures',
      `peak ${fmt(r.engineMemory.peakTrackedBytes / MIB)} MiB tracked; at the end mark cache ${fmt((last.markCache ?? 0) / MIB, 1)} MiB, primary index ${fmt((last.primaryIndexCache ?? 0) / MIB, 1)} MiB`,
    )
  }
  return rows
}
