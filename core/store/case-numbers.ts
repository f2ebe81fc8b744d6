import type { Queryable } from './control-plane-db.ts'

/**
 * Portal case numbers, one sequence per instance in the control plane
 * (`case_number_counters`): `UPDATE … RETURNING` under the row's lock hands
 * each number out once, in order, whichever node asks; a case that fails
 * after taking its number leaves a gap, never a repeat. An instance's first
 * number follows the cases it already has (1001 for none), so a data dir
 * whose numbers were counted from its cases carries on from them.
 *
 * @example
 * const numbers = createCaseNumbers(db)
 * await numbers.next(instanceId) // 1001, then 1002…
 */
export function createCaseNumbers(db: Queryable) {
  return {
    async next(instanceId: string): Promise<number> {
      const { rows } = await db.query<{ last: number }>(
        `INSERT INTO case_number_counters AS c (scope, last)
          VALUES ($1, (SELECT 1001 + count(*) FROM cp_cases WHERE starts_with(key, $2)))
          ON CONFLICT (scope) DO UPDATE SET last = c.last + 1
          RETURNING last`,
        [instanceId, `${instanceId}/`],
      )
      return rows[0]!.last
    },
  }
}
