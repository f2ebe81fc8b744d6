import type { CheckResult, CheckResultValue, ResultSortQuery } from '../../schemas/index.ts'
import { said, say, sentenceOf } from './check-text.ts'
import type { CheckContext, CheckDefinition, CheckFinding } from './check-types.ts'

/** How long one check may take before it is `not_run: timed out`, by default (ms). */
export const DEFAULT_CHECK_TIMEOUT_MS = 10_000

/** The seed's note, said with a run whose site checks were skipped. */
export const SKIPPED_CHECKS_NOTE =
  'If portal is turned off or IP address filtering is enabled, certain diagnostic checks will not be run on your portal.'

/** Why checks that must reach the site do not run: the portal is off, or IP address filtering is on. */
export function siteSkipReason(portal: CheckContext['portal']): string | null {
  if (portal.portalState === 'off') return 'Portal is turned off'
  if (portal.ipRestrictions.enabled) return 'IP address filtering is enabled'
  return null
}

const RESULT_ORDER: Readonly<Record<CheckResultValue, number>> = {
  error: 0,
  warning: 1,
  pass: 2,
  not_applicable: 3,
  not_run: 4,
}

/**
 * Sorts results by a column: by default by result (error, warning, pass,
 * then not run), ties by category and issue; `desc` reverses.
 */
export function sortResults(results: readonly CheckResult[], by: ResultSortQuery): CheckResult[] {
  const key = (r: CheckResult): [number | string, string, string] => {
    switch (by.sort) {
      case 'result':
        return [RESULT_ORDER[r.result], r.category, r.issue]
      case 'durationMs':
        return [r.durationMs, r.checkId, '']
      default:
        return [r[by.sort].toLowerCase(), r.checkId, '']
    }
  }
  const cmp = (a: CheckResult, b: CheckResult): number => {
    const [ka, kb] = [key(a), key(b)]
    for (let i = 0; i < ka.length; i++) {
      const x = ka[i]!
      const y = kb[i]!
      if (x === y) continue
      return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))
    }
    return 0
  }
  const sorted = [...results].sort(cmp)
  return by.order === 'desc' ? sorted.reverse() : sorted
}

class CheckTimedOut extends Error {
  override readonly name = 'CheckTimedOut'
}

/**
 * Runs checks concurrently, each against its own timeout: a check that does
 * not finish in time is `not_run` with the reason `timed out` (its signal is
 * aborted) while the others finish. A check that throws is `not_run` with
 * what went wrong; a check that needs the site is `not_run` with the skip
 * reason when there is one.
 *
 * @example
 * const results = await runChecks(CHECKS, (signal) => ({ ...context, signal }), { timeoutMs: 10_000, skipSite: null })
 */
export async function runChecks(
  checks: readonly CheckDefinition[],
  contextFor: (signal: AbortSignal) => CheckContext,
  options: { timeoutMs: number; skipSite: string | null; now?: () => number },
): Promise<CheckResult[]> {
  const now = options.now ?? (() => performance.now())
  return Promise.all(
    checks.map(async (check): Promise<CheckResult> => {
      const started = now()
      const abort = new AbortController()
      let timer: NodeJS.Timeout | undefined
      let finding: CheckFinding
      if (check.needsSite && options.skipSite) {
        finding = { result: 'not_run', reason: options.skipSite }
      } else {
        try {
          finding = await Promise.race([
            check.run(contextFor(abort.signal)),
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => {
                abort.abort(new CheckTimedOut('timed out'))
                reject(new CheckTimedOut('timed out'))
              }, options.timeoutMs)
            }),
          ])
        } catch (err) {
          finding = {
            result: 'not_run',
            reason:
              err instanceof CheckTimedOut
                ? 'timed out'
                : say`could not run: ${err instanceof Error ? err.message : String(err)}`,
          }
        } finally {
          clearTimeout(timer)
        }
      }
      const action =
        finding.result === 'error' || finding.result === 'warning'
          ? (check.actions?.find((a) => a.id === finding.action) ?? null)
          : null
      const details = said(finding.result === 'not_run' ? '' : finding.details)
      const reason = finding.result === 'not_run' ? said(finding.reason) : null
      const mitigation = said(
        (finding.result === 'error' || finding.result === 'warning' ? finding.mitigation : undefined) ??
          check.mitigation,
      )
      return {
        checkId: check.id,
        issue: check.issue,
        category: check.category,
        result: finding.result,
        reason: reason?.text ?? null,
        details: details.text,
        mitigation: mitigation.text,
        action: action ? { id: action.id, label: action.label } : null,
        reads: [...check.reads],
        durationMs: Math.round((now() - started) * 10) / 10,
        feedback: null,
        sentences: {
          details: sentenceOf(details),
          reason: reason ? sentenceOf(reason) : null,
          mitigation: sentenceOf(mitigation),
        },
      }
    }),
  )
}
