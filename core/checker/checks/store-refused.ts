import type { CheckDefinition } from '../check-types.ts'
import { say } from '../check-text.ts'

const DAY_MS = 86_400_000

/** Ingestion: the store refused none of the hub's rows in the last 24 hours (no poison rows set aside). */
export const storeRefusedCheck: CheckDefinition = {
  id: 'ingestion-store-refused',
  issue: 'The store refused rows the hub accepted (quarantined poison rows)',
  category: 'Ingestion',
  reads: ['quarantine (last 24 h, codes from ClickHouse)'],
  mitigation:
    'Read the quarantined rows (GET /v1/admin/hubs/{hubId}/quarantine): the store code says which value ClickHouse could not take. The rest of each batch was stored.',
  async run(ctx) {
    if (!ctx.portal.hubBinding) return { result: 'not_run', reason: 'no hub is bound to the portal' }
    const stats = await ctx.ingestion(ctx.now - DAY_MS)
    if (stats.storeRefused === 0) return { result: 'pass', details: 'the store took every accepted row' }
    const codes = stats.storeCodes.map((c) => `${c.code} ×${c.count}`).join(', ')
    return {
      result: 'error',
      details:
        stats.storeRefused === 1
          ? say`1 row set aside in 24 hours: ${codes}`
          : say`${stats.storeRefused} rows set aside in 24 hours: ${codes}`,
    }
  },
}
