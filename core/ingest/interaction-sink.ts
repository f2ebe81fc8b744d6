import type { InteractionRecord } from '../store/interaction-rows.ts'

/** How far an accepted batch has got when `append` resolves. */
export type AckLevel = 'logged' | 'stored'

/**
 * Where accepted interactions go. The edge awaits `append` before it answers:
 * what `append` resolved for must survive what the sink promises (`logged`:
 * a crash of the process; `stored`: it is in ClickHouse).
 */
export interface InteractionSink {
  /**
   * Takes the records of one request. `wait: 'stored'` resolves only once they
   * are in ClickHouse. Rejects with a DomainError (`unavailable`) under
   * backpressure.
   */
  append(records: readonly InteractionRecord[], options?: { wait?: AckLevel }): Promise<{ ack: AckLevel }>
  /**
   * Resolves once everything appended before the call is in ClickHouse (or
   * the sink closed): what a test awaits between sending and reading.
   */
  settled(): Promise<void>
  /** Stops taking records and drains what it holds, within `deadlineMs`. */
  close(deadlineMs?: number): Promise<void>
}
