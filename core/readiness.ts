import type { DurableSinkStats } from './ingest/durable-sink.ts'

/** When `/ready` turns 503. Every field has a default. */
export interface ReadinessOptions {
  /** Records waiting in the log this long with nothing stored meanwhile is a stall. Default 30 s. */
  stallMs?: number
  /** Share of the log's cap above which the node is not ready (it is about to refuse with `log_full`). Default 0.8. */
  highWater?: number
  /** How long the store may take to answer a ping. Default 2 s. */
  pingTimeoutMs?: number
}

/** Why a node is not ready, most fundamental first. */
export type NotReadyReason =
  | 'store_unreachable'
  | 'migrations_pending'
  | 'flusher_stopped'
  | 'flusher_stalled'
  | 'log_above_high_water'

/**
 * What is wrong with a node that stays ready: the shared control plane is
 * unreachable. Every node shares it, so routing elsewhere helps no one, and
 * ingest still accepts beacons signed with known keys; admin requests
 * answer 503 `control_plane_unavailable` meanwhile.
 */
export type DegradedReason = 'control_plane_unreachable'

/** What `/ready` answers: ready or not, the first reason why not, and each check. */
export interface Readiness {
  ok: boolean
  reason?: NotReadyReason
  /** Ready, but something a person should know about. */
  degraded?: DegradedReason
  /** One word per check: `ok`, or what is wrong. */
  checks: Record<string, string>
  /** Figures behind the checks, for whoever reads the answer. */
  details?: Record<string, number | null>
}

/**
 * Decides readiness from the store's answers and the flusher's levels: not
 * ready when the store does not answer, the schema is behind, the flusher
 * stopped or has stored nothing for `stallMs` while records wait, or the log
 * holds more than `highWater` of its cap. A node that is not ready still
 * takes what reaches it; the answer is for load balancers to route elsewhere.
 *
 * @example
 * const r = await checkReadiness({ ping, migrationsCurrent, flusher: sink.stats(), capBytes, now: Date.now() })
 */
export async function checkReadiness(deps: {
  ping: () => Promise<boolean>
  migrationsCurrent: () => Promise<boolean>
  /** Levels of the durable sink; absent when core runs another sink. */
  flusher?: DurableSinkStats
  /** Whether the control-plane database answered its last check (the change feed's). */
  controlPlaneReachable?: () => boolean
  /** The log's cap in bytes. */
  capBytes: number
  now: number
  options?: ReadinessOptions
}): Promise<Readiness> {
  const stallMs = deps.options?.stallMs ?? 30_000
  const highWater = deps.options?.highWater ?? 0.8
  const pingTimeoutMs = deps.options?.pingTimeoutMs ?? 2_000
  const checks: Record<string, string> = {}
  let reason: NotReadyReason | undefined
  const fail = (r: NotReadyReason) => {
    reason ??= r
  }

  let timer: NodeJS.Timeout | undefined
  const answered = await Promise.race([
    deps.ping().catch(() => false),
    new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), pingTimeoutMs)
    }),
  ])
  clearTimeout(timer)
  checks.store = answered ? 'ok' : 'unreachable'
  if (!answered) fail('store_unreachable')
  if (answered) {
    const current = await deps.migrationsCurrent().catch(() => false)
    checks.migrations = current ? 'ok' : 'pending'
    if (!current) fail('migrations_pending')
  } else checks.migrations = 'unknown'

  let degraded: DegradedReason | undefined
  if (deps.controlPlaneReachable) {
    const reachable = deps.controlPlaneReachable()
    checks.controlPlane = reachable ? 'ok' : 'unreachable'
    if (!reachable) degraded = 'control_plane_unreachable'
  }

  const f = deps.flusher
  if (!f)
    return {
      ok: reason === undefined,
      ...(reason ? { reason } : {}),
      ...(degraded ? { degraded } : {}),
      checks,
    }
  const waitingMs = f.waitingSince === null ? 0 : Math.max(0, deps.now - f.waitingSince)
  if (f.flusherStopped) {
    checks.flusher = 'stopped'
    fail('flusher_stopped')
  } else if (f.pendingRecords > 0 && waitingMs >= stallMs) {
    checks.flusher = 'stalled'
    fail('flusher_stalled')
  } else checks.flusher = 'ok'
  const used = f.pendingBytes + f.queuedBytes
  if (used > highWater * deps.capBytes) {
    checks.log = 'above_high_water'
    fail('log_above_high_water')
  } else checks.log = 'ok'
  return {
    ok: reason === undefined,
    ...(reason ? { reason } : {}),
    ...(degraded ? { degraded } : {}),
    checks,
    details: {
      pendingRecords: f.pendingRecords,
      pendingBytes: f.pendingBytes,
      capBytes: deps.capBytes,
      waitingMs: f.waitingSince === null ? null : waitingMs,
      consecutiveStoreFailures: f.consecutiveFailures,
      quarantinedRows: f.quarantinedRows,
    },
  }
}
