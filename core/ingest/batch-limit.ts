/** How many rows (and log bytes) the flusher reads for its next insert. */
export interface BatchLimit {
  readonly rows: number
  readonly bytes: number
  /** The store ran out of memory on an insert of `rows` rows: the next inserts take half. */
  shrink(rows: number): void
  /** An insert went through: after a run of them, the limit grows back towards the configured one. */
  stored(): void
}

/** Clean inserts in a row before the limit doubles again. */
export const GROW_AFTER = 16

/**
 * The flusher's batch size, adapting to the engine's memory bound: it starts
 * at the configured maximum, halves each time an insert fails for memory
 * (`MEMORY_LIMIT_EXCEEDED`), and doubles back after {@link GROW_AFTER} clean
 * inserts, so a store under memory pressure gets smaller inserts instead of
 * the same one retried.
 *
 * @example
 * const limit = createBatchLimit({ maxRows: 5_000, maxBytes: 16 * 2 ** 20 })
 * limit.shrink(5_000) // limit.rows === 2_500
 */
export function createBatchLimit(options: {
  maxRows: number
  maxBytes: number
  minRows?: number
}): BatchLimit {
  const minRows = Math.min(options.maxRows, options.minRows ?? 100)
  let rows = options.maxRows
  let clean = 0
  return {
    get rows() {
      return rows
    },
    get bytes() {
      // Bytes shrink with rows: a row limit alone would let a batch of long rows through again.
      return Math.max(64 * 1024, Math.floor((options.maxBytes * rows) / options.maxRows))
    },
    shrink(failedRows) {
      rows = Math.max(minRows, Math.min(rows, Math.floor(failedRows / 2)))
      clean = 0
    },
    stored() {
      if (rows >= options.maxRows) return
      if (++clean >= GROW_AFTER) {
        rows = Math.min(options.maxRows, rows * 2)
        clean = 0
      }
    },
  }
}
