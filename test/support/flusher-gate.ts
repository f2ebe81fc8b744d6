import type { InteractionRepository } from '../../core/testing.ts'

/**
 * A gate in front of the flusher's inserts into the real repository: while a
 * test holds it, acknowledged rows stay in the write-ahead log only. Pass
 * `durability` to `startTestCore`; `release` it in afterAll too, so that the
 * core can drain on close.
 *
 * @example
 * const { hold, release, durability } = flusherGate()
 * beforeAll(async () => { t = await startTestCore({ durability }) })
 * afterAll(async () => { release(); await t.close() })
 */
export function flusherGate() {
  let held: Promise<void> | null = null
  let open: () => void = () => undefined
  return {
    /** Closes the gate: inserts wait from now on. */
    hold(): void {
      held = new Promise((r) => {
        open = () => {
          held = null
          r()
        }
      })
    },
    /** Opens the gate: the waiting inserts go on. */
    release(): void {
      open()
    },
    /** The durability options for `startTestCore`: the real repository, its inserts behind the gate. */
    durability: {
      faults: (repository: InteractionRepository) => ({
        quarantine: (records: Parameters<InteractionRepository['quarantine']>[0]) =>
          repository.quarantine(records),
        async insertEncodedRows(lines: Parameters<InteractionRepository['insertEncodedRows']>[0]) {
          while (held) await held
          await repository.insertEncodedRows(lines)
        },
      }),
    },
  }
}
