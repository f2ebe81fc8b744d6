import { join } from 'node:path'

// The log's files: segments named by their first sequence number, the
// checkpoint, and the preallocated spare segment.

const SEGMENT_SUFFIX = '.seg'
const CHECKPOINT_FILE = 'checkpoint'
/** The next segment, zero-filled ahead of time; renamed into place on rotation. */
const SPARE_FILE = 'next.seg.spare'

/** The file operations the log needs; `node:fs/promises` by default, a wrapper in tests. */
export interface WalFileSystem {
  open(path: string, flags: string | number): Promise<WalFileHandle>
  readdir(path: string): Promise<string[]>
  readFile(path: string): Promise<Buffer>
  mkdir(path: string, options: { recursive: true }): Promise<unknown>
  rename(from: string, to: string): Promise<void>
  unlink(path: string): Promise<void>
}

/** The handle operations the log needs (a subset of `FileHandle`). */
export interface WalFileHandle {
  write(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position?: number,
  ): Promise<{ bytesWritten: number }>
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>
  datasync(): Promise<void>
  sync(): Promise<void>
  truncate(length: number): Promise<void>
  close(): Promise<void>
}

/** What the log reports through; a pino logger fits. */
export interface WalLog {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

/** A segment file of the log. */
export interface Segment {
  name: string
  path: string
  baseSeq: number
  /** Durable bytes in the segment. */
  size: number
  /** Sequence number of the last record, or baseSeq - 1 when empty. */
  lastSeq: number
}

/** A segment's file name: its first sequence number, zero-padded, so names sort in log order. */
export const segmentName = (baseSeq: number) => `${String(baseSeq).padStart(16, '0')}${SEGMENT_SUFFIX}`

/** The base sequence number a segment file name stands for, or null when the name is no segment's. */
export function segmentBase(name: string): number | null {
  if (!name.endsWith(SEGMENT_SUFFIX)) return null
  const digits = name.slice(0, -SEGMENT_SUFFIX.length)
  return /^\d+$/.test(digits) ? Number(digits) : null
}

/**
 * The log directory's files: syncing the directory, the checkpoint (written
 * to a temporary file, synced, renamed), and new segments, each zero-filled
 * to its full size ahead of time when `preallocate` is on (the next one is
 * prepared in the background as a spare and renamed into place on rotation).
 *
 * @example
 * const files = createLogFiles({ fs, dir, segmentBytes, preallocate: true, log })
 * const seg = await files.createSegment(1)
 */
export function createLogFiles(options: {
  fs: WalFileSystem
  dir: string
  segmentBytes: number
  preallocate: boolean
  log: WalLog
}) {
  const { fs, dir, segmentBytes, preallocate, log } = options
  const sparePath = join(dir, SPARE_FILE)

  const syncDir = async () => {
    const handle = await fs.open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  }

  /** The checkpointed sequence number (0 when none, or unreadable: then every record kept is replayed). */
  const readCheckpoint = async (): Promise<number> => {
    try {
      const text = (await fs.readFile(join(dir, CHECKPOINT_FILE))).toString('utf8')
      const parsed: unknown = JSON.parse(text)
      const seq =
        typeof parsed === 'object' && parsed !== null ? (parsed as { seq?: unknown }).seq : undefined
      if (typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0) return seq
      log.warn({ dir }, 'write-ahead log: checkpoint unreadable, replaying every record kept')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        log.warn({ dir, err }, 'write-ahead log: checkpoint unreadable, replaying every record kept')
      }
    }
    return 0
  }

  const writeCheckpoint = async (seq: number) => {
    const tmp = join(dir, `${CHECKPOINT_FILE}.tmp`)
    const handle = await fs.open(tmp, 'w')
    try {
      const body = Buffer.from(JSON.stringify({ seq }))
      await handle.write(body, 0, body.length)
      await handle.datasync()
    } finally {
      await handle.close()
    }
    await fs.rename(tmp, join(dir, CHECKPOINT_FILE))
    await syncDir()
  }

  const zeroFill = async (path: string) => {
    const handle = await fs.open(path, 'w')
    try {
      const zeros = Buffer.alloc(Math.min(segmentBytes, 1024 * 1024))
      for (let at = 0; at < segmentBytes; at += zeros.length) {
        await handle.write(zeros, 0, Math.min(zeros.length, segmentBytes - at), at)
      }
      await handle.sync()
    } finally {
      await handle.close()
    }
  }
  let spare: Promise<boolean> | undefined
  const prepareSpare = () => {
    if (!preallocate) return
    spare = zeroFill(sparePath).then(
      () => true,
      (err: unknown) => {
        log.warn(
          { err, dir },
          'write-ahead log: could not preallocate the next segment; it will grow as written',
        )
        return false
      },
    )
  }

  return {
    syncDir,
    readCheckpoint,
    writeCheckpoint,
    /** Deletes a spare a previous process left half-written. */
    clearSpare: () =>
      fs.unlink(sparePath).then(
        () => undefined,
        () => undefined,
      ),
    /** Starts zero-filling the next segment in the background (when preallocating). */
    prepareSpare,
    /** A new, empty segment starting at `baseSeq`: the spare renamed into place when one is ready. */
    async createSegment(baseSeq: number): Promise<Segment> {
      const name = segmentName(baseSeq)
      const path = join(dir, name)
      const ready = spare ? await spare : false
      spare = undefined
      if (ready) await fs.rename(sparePath, path)
      else if (preallocate) await zeroFill(path).catch(() => fs.open(path, 'a').then((h) => h.close()))
      else await (await fs.open(path, 'a')).close()
      await syncDir()
      prepareSpare()
      return { name, path, baseSeq, size: 0, lastSeq: baseSeq - 1 }
    },
    /** Waits for a spare being prepared and deletes it (on close: the next open starts clean). */
    async dropSpare() {
      if (spare && (await spare)) await fs.unlink(sparePath).catch(() => undefined)
    },
  }
}

/** The files of one log directory, as {@link createLogFiles} opens them. */
export type LogFiles = ReturnType<typeof createLogFiles>
