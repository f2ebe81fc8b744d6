import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterAll, afterEach, beforeAll } from 'vitest'
import {
  type ClickHouseHandle,
  createDurableSink,
  createInteractionRepository,
  type DurableSink,
  type InteractionRecord,
  type InteractionRepository,
  migrate,
  openClickHouse,
  openWriteAheadLog,
  type WriteAheadLogOptions,
} from '../../core/testing.ts'
import { search } from './interactions.ts'

/** A portal search for `hubId` as the sink receives it, with overrides of the interaction. */
export function searchRecord(
  hubId: string,
  overrides: Partial<Record<string, unknown>> = {},
): InteractionRecord {
  return { hubId, receivedAt: Date.now(), interaction: search(overrides) }
}

/**
 * `n` searches for `hubId`, each with its own text (`search 0`, `search 1`, …),
 * stamped `apartMs` apart going back from now.
 */
export const searchRecords = (hubId: string, n: number, apartMs = 1000): InteractionRecord[] =>
  Array.from({ length: n }, (_, i) =>
    searchRecord(hubId, {
      portal_timestamp: new Date(Date.now() - i * apartMs).toISOString(),
      portal_searchstring: `search ${i}`,
    }),
  )

/** What a sink writes to: the real repository, or a wrapper of it that injects faults. */
export type SinkRepository = Pick<InteractionRepository, 'insertEncodedRows' | 'quarantine'>

/** Options of {@link SinkStore.openSink}: the sink's settings a test sets; the rest are the harness's. */
export interface OpenSinkOptions {
  repository?: SinkRepository
  wal?: Partial<WriteAheadLogOptions>
  metrics?: Parameters<typeof createDurableSink>[0]['metrics']
  maxBatchRows?: number
  retry?: { minMs: number; maxMs: number }
  storedWaitMs?: number
  /** The flusher's interval (20 ms unless told). */
  flushIntervalMs?: number
  readsFirst?: Parameters<typeof createDurableSink>[0]['readsFirst']
}

/** An embedded ClickHouse for a test file's sinks, from {@link useSinkStore}. */
export interface SinkStore {
  /** The temporary directory: the store is in `store/`, each sink's log where the test says. */
  readonly root: string
  readonly ch: ClickHouseHandle
  readonly repository: InteractionRepository
  /**
   * Opens a write-ahead log in `walDir` and a durable sink on it (500 rows a
   * batch, a 20 ms flush interval, retries 10 to 50 ms unless told), closed
   * after the test.
   */
  openSink(
    walDir: string,
    options?: OpenSinkOptions,
  ): Promise<{ wal: Awaited<ReturnType<typeof openWriteAheadLog>>; sink: DurableSink }>
}

/**
 * A migrated embedded ClickHouse on a temporary directory named `prefix…`, open
 * for the whole file (beforeAll), with the sinks each test opened closed after
 * it (afterEach) and the store closed and removed after the file (afterAll).
 * Call it once at the top of a test file.
 *
 * @example
 * const store = useSinkStore('casetrail-durable-')
 * it('stores', async () => {
 *   const { sink } = await store.openSink(join(store.root, randomUUID()))
 * })
 */
export function useSinkStore(prefix: string): SinkStore {
  const log = pino({ level: 'silent' })
  const sinks: DurableSink[] = []
  let root: string | undefined
  let ch: ClickHouseHandle | undefined
  let repository: InteractionRepository | undefined
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined)
      throw new Error('useSinkStore: the store opens in beforeAll; use it inside a test')
    return value
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), prefix))
    ch = await openClickHouse({ kind: 'embedded', dataDir: join(root, 'store') })
    await migrate(ch)
    repository = createInteractionRepository(ch)
  })
  afterEach(async () => {
    for (const sink of sinks.splice(0)) await sink.close(0)
  })
  afterAll(async () => {
    await ch?.close()
    if (root) await rm(root, { recursive: true, force: true })
  })

  return {
    get root() {
      return opened(root)
    },
    get ch() {
      return opened(ch)
    },
    get repository() {
      return opened(repository)
    },
    async openSink(walDir, options = {}) {
      const wal = await openWriteAheadLog({ dir: walDir, log, ...options.wal })
      const sink = createDurableSink({
        wal,
        repository: options.repository ?? opened(repository),
        log,
        metrics: options.metrics,
        maxBatchRows: options.maxBatchRows ?? 500,
        flushIntervalMs: options.flushIntervalMs ?? 20,
        retry: options.retry ?? { minMs: 10, maxMs: 50 },
        storedWaitMs: options.storedWaitMs,
        readsFirst: options.readsFirst,
      })
      sinks.push(sink)
      return { wal, sink }
    },
  }
}
