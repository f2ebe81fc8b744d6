// The runner's command line (`npm run bench -- …`): which phases run, how long and how big.
import { parseArgs } from 'node:util'

/** The phases, by the name `--only` takes. */
export const SCENARIOS = [
  'bare',
  'beacon',
  'batch',
  'direct',
  'latency',
  'journey',
  'mixed',
  'flood',
  'insights',
  'control-plane',
  'deflection',
] as const
export type Scenario = (typeof SCENARIOS)[number]
const GROUPS: Record<string, Scenario[]> = {
  ingest: ['bare', 'beacon', 'batch', 'direct', 'latency'],
  journey: ['journey'],
  mixed: ['mixed', 'flood'],
  insights: ['insights'],
  deflection: ['deflection'],
  all: SCENARIOS.filter((s) => s !== 'deflection'),
}

/** What one run measures: its phases and their sizes, from the command line. */
export interface BenchOptions {
  quick: boolean
  /** Each load phase, in seconds (`--duration`). */
  durationS: number
  warmupS: number
  /** Each journey measurement, in seconds. */
  journeyS: number
  /** The generated journey table (`--rows`, `--contacts`), written `chunkRows` at a time. */
  rows: number
  contacts: number
  chunkRows: number
  /** Connections of the bare and beacon phases (`--connections`). */
  connections: number
  selected: Set<Scenario>
  want: (scenario: Scenario) => boolean
  out?: string
  baseline?: string
}

/** Reads `argv` (the process's arguments by default); an unknown `--only` name throws, listing the known ones. */
export function benchOptions(argv = process.argv.slice(2)): BenchOptions {
  const { values: args } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string', default: 'all' },
      duration: { type: 'string' },
      rows: { type: 'string' },
      contacts: { type: 'string' },
      connections: { type: 'string' },
      out: { type: 'string' },
      baseline: { type: 'string' },
    },
  })
  const profile = args.quick
    ? { durationS: 5, warmupS: 1, journeyS: 6, rows: 1_000_000, contacts: 10_000, chunkRows: 250_000 }
    : { durationS: 15, warmupS: 2, journeyS: 12, rows: 10_000_000, contacts: 100_000, chunkRows: 1_000_000 }
  const selected = new Set<Scenario>(
    args.only.split(',').flatMap((name) => {
      const group = GROUPS[name] ?? (SCENARIOS.includes(name as Scenario) ? [name as Scenario] : undefined)
      if (!group)
        throw new Error(`--only takes ${[...Object.keys(GROUPS), ...SCENARIOS].join(', ')}; got ${name}`)
      return group
    }),
  )
  // Journeys under ingest send beacons at half the measured maximum, so they need it measured.
  if (selected.has('mixed')) selected.add('beacon')
  return {
    quick: args.quick,
    durationS: Number(args.duration ?? profile.durationS),
    warmupS: profile.warmupS,
    journeyS: profile.journeyS,
    rows: Number(args.rows ?? profile.rows),
    contacts: Number(args.contacts ?? profile.contacts),
    chunkRows: profile.chunkRows,
    connections: Number(args.connections ?? 64),
    selected,
    want: (s) => selected.has(s),
    out: args.out,
    baseline: args.baseline,
  }
}
