import type { QuarantineItem } from '../../schemas/index.ts'
import type { QuarantineRow } from '../store/quarantine-rows.ts'

/** A quarantined row as the admin API shows it: its arrival time in ISO 8601, like every other time. */
export const toQuarantineView = (r: QuarantineRow): QuarantineItem => ({
  id: r.id,
  hubId: r.hubId,
  receivedAt: new Date(r.receivedAt).toISOString(),
  stage: r.stage ?? 'edge',
  code: r.code,
  path: r.path,
  message: r.message,
  raw: r.raw,
})
