import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { BUDGETS, buildWidget } from './build.ts'

const outDir = mkdtempSync(join(tmpdir(), 'casetrail-widget-'))
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

describe('the widget build', () => {
  it('keeps the first script within 20 KB gzip and every script together within 190 KB', async () => {
    const { files } = await buildWidget({ outDir })
    const entry = files.find((f) => f.role === 'entry')!
    expect(entry.gzipBytes).toBeLessThanOrEqual(20_000)
    expect(files.reduce((n, f) => n + f.gzipBytes, 0)).toBeLessThanOrEqual(190_000)
    expect(BUDGETS).toMatchObject({ entry: 20_000, total: 190_000 })
  }, 120_000)
})
