import { randomUUID } from 'node:crypto'
import type { ControlPlaneDb } from './control-plane-db.ts'

/** A claim on one job: who holds it, with which token, until the database's clock passes its expiry. */
export interface JobLease {
  job: string
  token: string
}

/**
 * Leases on background jobs (provisioning, package retries, translation
 * installs, checker runs): a node runs a job only while it holds the job's
 * lease, renews it on a heartbeat, and another node takes the job over once
 * the lease has expired unrenewed. Expiry is the database's clock, so nodes'
 * clocks need not agree.
 */
export interface JobLeases {
  /** This node's name in the leases it holds (for operators reading the table). */
  readonly holder: string
  /** Claims `job` if no one holds an unexpired lease on it; null when someone does. */
  claim(job: string): Promise<JobLease | null>
  /**
   * Claims `job` whoever holds it: only for leases known to belong to no live
   * process (the embedded control plane at start: it is this process's alone).
   */
  takeOver(job: string): Promise<JobLease>
  /**
   * Claims up to `limit` leases that expired unrenewed (their holder died or
   * lost the database), skipping rows another node is claiming right now.
   * Only jobs whose key starts with `prefix`.
   */
  claimExpired(prefix: string, limit?: number): Promise<JobLease[]>
  /** Extends the lease; false when it is no longer this holder's (taken over after expiry): stop the job. */
  renew(lease: JobLease): Promise<boolean>
  /** Gives the lease up (the job is done, or stopped at a step boundary for another node to resume). */
  release(lease: JobLease): Promise<void>
  /** The job keys under `prefix` whose lease is held and unexpired, by anyone. */
  held(prefix: string): Promise<Set<string>>
}

/**
 * Job leases on the control-plane database (`job_leases`, migration 2).
 *
 * @example
 * const leases = createJobLeases({ db, leaseMs: 30_000 })
 * const lease = await leases.claim(`provisioning/${jobKey}`)
 * if (lease) { … await leases.renew(lease) … await leases.release(lease) }
 */
export function createJobLeases(deps: { db: ControlPlaneDb; leaseMs: number; holder?: string }): JobLeases {
  const holder = deps.holder ?? `${process.pid}@${randomUUID().slice(0, 8)}`
  const interval = `${Math.max(1, Math.round(deps.leaseMs))} milliseconds`
  return {
    holder,
    async claim(job) {
      const token = randomUUID()
      // One statement: concurrent claimers queue on the row, and the WHERE lets only the first through.
      const { rows } = await deps.db.query<{ token: string }>(
        `INSERT INTO job_leases AS l (job, holder, token, claimed_at, expires_at)
          VALUES ($1, $2, $3, now(), now() + $4::interval)
          ON CONFLICT (job) DO UPDATE
            SET holder = EXCLUDED.holder, token = EXCLUDED.token, claimed_at = now(), expires_at = EXCLUDED.expires_at
            WHERE l.expires_at < now()
          RETURNING token::text`,
        [job, holder, token, interval],
      )
      return rows[0] ? { job, token } : null
    },
    async takeOver(job) {
      const token = randomUUID()
      await deps.db.query(
        `INSERT INTO job_leases AS l (job, holder, token, claimed_at, expires_at)
          VALUES ($1, $2, $3, now(), now() + $4::interval)
          ON CONFLICT (job) DO UPDATE
            SET holder = EXCLUDED.holder, token = EXCLUDED.token, claimed_at = now(), expires_at = EXCLUDED.expires_at`,
        [job, holder, token, interval],
      )
      return { job, token }
    },
    async claimExpired(prefix, limit = 16) {
      return deps.db.transaction(async (tx) => {
        const { rows } = await tx.query<{ job: string }>(
          `SELECT job FROM job_leases
            WHERE expires_at < now() AND starts_with(job, $1)
            ORDER BY expires_at LIMIT $2
            FOR UPDATE SKIP LOCKED`,
          [prefix, limit],
        )
        const claimed: JobLease[] = []
        for (const { job } of rows) {
          const token = randomUUID()
          await tx.query(
            `UPDATE job_leases SET holder = $2, token = $3, claimed_at = now(), expires_at = now() + $4::interval
              WHERE job = $1`,
            [job, holder, token, interval],
          )
          claimed.push({ job, token })
        }
        return claimed
      })
    },
    async renew(lease) {
      const { rows } = await deps.db.query<{ job: string }>(
        `UPDATE job_leases SET expires_at = now() + $3::interval
          WHERE job = $1 AND token = $2 RETURNING job`,
        [lease.job, lease.token, interval],
      )
      return rows.length > 0
    },
    async release(lease) {
      await deps.db.query('DELETE FROM job_leases WHERE job = $1 AND token = $2', [lease.job, lease.token])
    },
    async held(prefix) {
      const { rows } = await deps.db.query<{ job: string }>(
        'SELECT job FROM job_leases WHERE expires_at >= now() AND starts_with(job, $1)',
        [prefix],
      )
      return new Set(rows.map((r) => r.job))
    },
  }
}

/**
 * Runs `fn` while holding the lease on `job` (renewed every `heartbeatMs`,
 * released after): for work a request does itself that two nodes must not
 * do at once (a package retry, a checker run). When another node holds it,
 * throws what `busy` makes (a 409) without running `fn`.
 *
 * @example
 * await runUnderLease(leases, `checker/${portalId}`, 10_000, () => inProgress(), () => runChecks())
 */
export async function runUnderLease<T>(
  leases: JobLeases,
  job: string,
  heartbeatMs: number,
  busy: () => Error,
  fn: () => Promise<T>,
): Promise<T> {
  const lease = await leases.claim(job)
  if (!lease) throw busy()
  const beat = setInterval(() => {
    leases.renew(lease).catch(() => undefined)
  }, heartbeatMs)
  beat.unref()
  try {
    return await fn()
  } finally {
    clearInterval(beat)
    await leases.release(lease).catch(() => undefined)
  }
}
