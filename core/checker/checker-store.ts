import { randomUUID } from 'node:crypto'
import {
  type CheckerActionRecord,
  type CheckerRun,
  checkerActionRecordSchema,
  checkerRunSchema,
} from '../../schemas/index.ts'
import { DomainError } from '../errors.ts'
import { type RecordStore, createRecordRepository, serialWriter } from '../store/record-repository.ts'

/** How many runs of a portal are kept (the newest); older ones are removed as new ones are stored. */
export const RUNS_KEPT = 100

/** An id that sorts by time: `20261129T150102123Z-1a2b3c4d`. */
export const timeOrderedId = (at: number): string =>
  `${new Date(at).toISOString().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`

/**
 * The checker's records: runs keyed `{portalId}/{runId}` (each run one
 * document with its results and their feedback, so two runs never mix) and
 * the actions that ran, keyed `{portalId}/{actionRecordId}`.
 */
export function createCheckerStore(db: RecordStore, options: { runsKept?: number } = {}) {
  const runsKept = options.runsKept ?? RUNS_KEPT
  const runs = createRecordRepository(db, 'cp_checker_runs', checkerRunSchema)
  const actions = createRecordRepository(db, 'cp_checker_actions', checkerActionRecordSchema)
  const serialise = serialWriter(db, 'checker-runs')
  const runKey = (portalId: string, runId: string) => `${portalId}/${runId}`

  const getRun = async (portalId: string, runId: string): Promise<CheckerRun> => {
    const run = await runs.get(runKey(portalId, runId))
    if (!run) {
      throw new DomainError(
        'not_found',
        'checker_run_not_found',
        `portal ${portalId} has no checker run ${JSON.stringify(runId)}`,
        'runId',
      )
    }
    return run
  }

  return {
    /** Stores a run, then forgets the portal's oldest runs beyond the ones kept. */
    async saveRun(run: CheckerRun): Promise<void> {
      await runs.put(runKey(run.portalId, run.id), run)
      const all = await runs.list(`${run.portalId}/`)
      for (const old of all.slice(0, Math.max(0, all.length - runsKept))) await runs.delete(old.key)
    },
    getRun,
    /** A portal's runs, newest first. */
    listRuns: async (portalId: string): Promise<CheckerRun[]> =>
      (await runs.list(`${portalId}/`)).map((r) => r.value).reverse(),
    /** Reads, changes and writes a run, one writer at a time. */
    updateRun: (portalId: string, runId: string, change: (run: CheckerRun) => CheckerRun) =>
      serialise(async () => {
        const next = change(await getRun(portalId, runId))
        await runs.put(runKey(portalId, runId), next)
        return next
      }),
    saveAction: (record: CheckerActionRecord): Promise<void> =>
      actions.put(`${record.portalId}/${record.id}`, record).then(() => undefined),
    /** A portal's actions, newest first. */
    listActions: async (portalId: string): Promise<CheckerActionRecord[]> =>
      (await actions.list(`${portalId}/`)).map((r) => r.value).reverse(),
  }
}

/** The checker store's interface. */
export type CheckerStore = ReturnType<typeof createCheckerStore>
