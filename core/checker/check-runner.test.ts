import { describe, expect, it } from 'vitest'
import type { CheckResult } from '../../schemas/index.ts'
import { runChecks, siteSkipReason, sortResults } from './check-runner.ts'
import type { CheckContext, CheckDefinition } from './check-types.ts'

const check = (
  id: string,
  run: CheckDefinition['run'],
  extra: Partial<CheckDefinition> = {},
): CheckDefinition => ({
  id,
  issue: `issue of ${id}`,
  category: 'Startup',
  reads: ['something'],
  mitigation: `fix ${id}`,
  run,
  ...extra,
})
const context = (signal: AbortSignal) => ({ signal }) as unknown as CheckContext

describe('runChecks', () => {
  it('marks a hung check "not_run: timed out", aborts its signal, and lets the rest finish', async () => {
    let aborted: AbortSignal | null = null
    const hung = check('hung', (ctx) => {
      aborted = ctx.signal
      return new Promise(() => {})
    })
    const quick = check('quick', async () => ({ result: 'pass', details: 'fine' }))
    const results = await runChecks([hung, quick], context, { timeoutMs: 50, skipSite: null })
    expect(results.find((r) => r.checkId === 'hung')).toMatchObject({
      result: 'not_run',
      reason: 'timed out',
    })
    expect(results.find((r) => r.checkId === 'quick')).toMatchObject({ result: 'pass', details: 'fine' })
    expect(aborted!.aborted).toBe(true)
  })

  it('runs checks concurrently: one waits for another that started after it', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => {
      release = r
    })
    const waiter = check('waiter', async () => {
      await gate
      return { result: 'pass', details: 'released' }
    })
    const releaser = check('releaser', async () => {
      release()
      return { result: 'pass', details: 'released the other' }
    })
    const results = await runChecks([waiter, releaser], context, { timeoutMs: 5_000, skipSite: null })
    expect(results.map((r) => r.result)).toEqual(['pass', 'pass'])
  })

  it('turns a check that throws into not_run with what went wrong', async () => {
    const broken = check('broken', async () => {
      throw new Error('store unreachable')
    })
    const [r] = await runChecks([broken], context, { timeoutMs: 1_000, skipSite: null })
    expect(r).toMatchObject({ result: 'not_run', reason: 'could not run: store unreachable' })
  })

  it('skips checks that need the site with the reason, and runs the others', async () => {
    let ran = false
    const site = check(
      'site',
      async () => {
        ran = true
        return { result: 'pass', details: '' }
      },
      { needsSite: true },
    )
    const records = check('records', async () => ({ result: 'error', details: 'bad', action: 'fix-it' }), {
      actions: [
        {
          id: 'fix-it',
          label: 'Fix it',
          changes: 'portal',
          run: async () => ({ changed: true, details: '' }),
        },
      ],
    })
    const results = await runChecks([site, records], context, {
      timeoutMs: 1_000,
      skipSite: 'Portal is turned off',
    })
    expect(ran).toBe(false)
    expect(results[0]).toMatchObject({ result: 'not_run', reason: 'Portal is turned off', action: null })
    expect(results[1]).toMatchObject({
      result: 'error',
      action: { id: 'fix-it', label: 'Fix it' },
      mitigation: 'fix records',
    })
  })
})

describe('siteSkipReason', () => {
  const portal = (portalState: 'on' | 'off', enabled: boolean) =>
    ({
      portalState,
      ipRestrictions: { enabled, allow: enabled ? ['10.0.0.0/8'] : [] },
    }) as CheckContext['portal']
  it('names the portal turned off first, then IP address filtering, else nothing', () => {
    expect(siteSkipReason(portal('off', true))).toBe('Portal is turned off')
    expect(siteSkipReason(portal('on', true))).toBe('IP address filtering is enabled')
    expect(siteSkipReason(portal('on', false))).toBeNull()
  })
})

describe('sortResults', () => {
  const r = (
    checkId: string,
    result: CheckResult['result'],
    category: CheckResult['category'],
    durationMs = 1,
  ): CheckResult => ({
    checkId,
    issue: `Issue ${checkId}`,
    category,
    result,
    reason: null,
    details: '',
    mitigation: '',
    action: null,
    reads: [],
    durationMs,
    feedback: null,
  })
  const rows = [
    r('a', 'pass', 'Startup', 5),
    r('b', 'not_run', 'Ingestion', 1),
    r('c', 'error', 'Performance', 3),
    r('d', 'warning', 'Configuration', 2),
  ]
  it('puts errors first, then warnings, passes, and checks not run', () => {
    expect(sortResults(rows, { sort: 'result', order: 'asc' }).map((x) => x.result)).toEqual([
      'error',
      'warning',
      'pass',
      'not_run',
    ])
  })
  it('sorts by category, issue or duration, either way', () => {
    expect(sortResults(rows, { sort: 'category', order: 'asc' }).map((x) => x.checkId)).toEqual([
      'd',
      'b',
      'c',
      'a',
    ])
    expect(sortResults(rows, { sort: 'durationMs', order: 'desc' }).map((x) => x.checkId)).toEqual([
      'a',
      'c',
      'd',
      'b',
    ])
    expect(sortResults(rows, { sort: 'issue', order: 'desc' }).map((x) => x.checkId)).toEqual([
      'd',
      'c',
      'b',
      'a',
    ])
  })
})
