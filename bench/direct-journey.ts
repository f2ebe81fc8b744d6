// The journey's storage baseline: the same store reads the API makes for the same
// contacts and windows (the interactions and the contact's cases, at once, on the
// read pool, the same SQL, JSON parsed), with no HTTP, token or summary. `npm run bench` runs it as a child process on the
// server's data dir while the server is stopped:
//   tsx bench/direct-journey.ts <dataDir> <hubId> <contacts> <beforeMs> <seconds> <rounds>
// and reads one JSON line from stdout.
import { readFileSync } from 'node:fs'
import { createCaseRepository, createInteractionRepository, openClickHouse } from '../core/testing.ts'
import { type LoadResult, alternate, contactSequence, summarise, withoutLatencies } from './bench-support.ts'
import { contactId } from './payloads.js'

const [dataDir, hubId, contactsArg, beforeArg, secondsArg, roundsArg] = process.argv.slice(2)
if (!dataDir || !hubId)
  throw new Error('usage: direct-journey.ts <dataDir> <hubId> <contacts> <beforeMs> <seconds> <rounds>')
const contacts = Number(contactsArg)
const to = Number(beforeArg)
const from = to - 7 * 86_400_000
const ch = await openClickHouse({ kind: 'embedded', dataDir })
const repository = createInteractionRepository(ch)
const cases = createCaseRepository(ch)
const next = contactSequence(contacts)

/** `connections` readers, each reading its next contact as soon as its last answer is in. */
async function run(connections: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = []
  const started = performance.now()
  const until = started + seconds * 1000
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now()
        const span = { hubId: hubId!, contactId: contactId(next()), from, to }
        await Promise.all([repository.journey(span), cases.forContact(span)])
        latencies.push(performance.now() - t0)
      }
    }),
  )
  const elapsed = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return {
    requestsPerSecond: latencies.length / elapsed,
    ok: latencies.length,
    non2xx: 0,
    errors: 0,
    seconds: elapsed,
    latencyMs: summarise(latencies),
    latencies,
  }
}

/** CPU seconds of this process's main thread (the event loop), from /proc (Linux). */
const mainThreadSeconds = () => {
  const fields = readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8')
    .split(') ')[1]!
    .split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

await run(1, 0.5)
const main0 = mainThreadSeconds()
const cpu0 = process.cpuUsage()
const result = await alternate(Number(roundsArg ?? 4), Number(secondsArg ?? 10), run)
const cpu = process.cpuUsage(cpu0)
// CPU per query (all threads, the engine's included): steadier than latency on a shared machine.
const cpuMicrosPerRequest = (cpu.user + cpu.system) / (result.single.ok + result.concurrent.ok)
const mainThreadCpuMicrosPerRequest =
  ((mainThreadSeconds() - main0) * 1e6) / (result.single.ok + result.concurrent.ok)
await ch.close()
process.stdout.write(
  `${JSON.stringify({ ...result, cpuMicrosPerRequest, mainThreadCpuMicrosPerRequest }, withoutLatencies)}\n`,
)
