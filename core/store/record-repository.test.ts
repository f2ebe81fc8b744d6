import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { describeRecordRepository } from '../../test/support/record-repository-contract.ts'
import { TEST_CONTROL_PLANE } from '../../test/support/test-core.ts'
import { openControlPlane } from './control-plane-db.ts'

const dir = mkdtempSync(join(tmpdir(), 'casetrail-records-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describeRecordRepository('embedded', () => openControlPlane({ dataDir: dir, ...TEST_CONTROL_PLANE }))
