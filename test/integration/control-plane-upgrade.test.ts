import { createSitePages } from '../../portal-sites/index.ts'
import { randomBytes, randomUUID } from 'node:crypto'
import { rmSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { hashToken } from '../../core/testing.ts'
import { hubSecretFields } from '../../core/testing.ts'
import { openCore } from '../../core/index.ts'
import { createSecretBox, createSecretSealer } from '../../core/testing.ts'
import { openClickHouse } from '../../core/testing.ts'
import { createClickHouseRecordRepository } from '../../core/testing.ts'
import { createLegacyControlPlaneTables, migrate } from '../../core/testing.ts'
import {
  PUBLIC_URL,
  TEST_CONTROL_PLANE,
  TEST_DURABILITY,
  memoryLogger,
  tempDataDir,
} from '../support/test-core.ts'

/**
 * A data dir written by the release that kept the control plane in ClickHouse
 * key-value tables (`cp_*`): the first start of this one moves the records to
 * Postgres, sealed secrets and all, once.
 */

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const secretKey = randomBytes(32)
const ADMIN_TOKEN = 'legacy-admin-token-0123456789abcdef'

/** Writes, through the ClickHouse repository the older release used, a hub (keys sealed) and an admin. */
async function writeOlderDataDir(dataDir: string) {
  const ch = await openClickHouse({ kind: 'embedded', dataDir })
  try {
    await migrate(ch)
    await createLegacyControlPlaneTables(ch)
    const anyDoc = z.record(z.string(), z.unknown())
    // As the older release stored it: its fields, keys sealed by the same sealer.
    const hubs = createClickHouseRecordRepository(
      ch,
      'cp_hubs',
      anyDoc,
      createSecretSealer(createSecretBox(secretKey), hubSecretFields),
    )
    const hub = {
      id: randomUUID(),
      name: 'From ClickHouse',
      createdAt: '2026-11-01T10:00:00.000Z',
      keys: [
        {
          keyName: 'default',
          rights: ['send', 'read', 'manage'] as const,
          primaryKey: randomBytes(32).toString('base64'),
          secondaryKey: randomBytes(32).toString('base64'),
        },
      ],
      capturedTypes: ['portal_search' as const],
      profile: null,
    }
    await hubs.put(hub.id, hub)
    const admin = {
      id: randomUUID(),
      name: 'Legacy admin',
      roles: [{ role: 'global_administrator' as const }],
      tokenHash: hashToken(ADMIN_TOKEN),
      createdAt: new Date().toISOString(),
      bootstrap: true,
    }
    await createClickHouseRecordRepository(ch, 'cp_principals', anyDoc).put(admin.id, admin)
    await createClickHouseRecordRepository(ch, 'cp_principal_tokens', anyDoc).put(admin.tokenHash, {
      principalId: admin.id,
    })
    await createClickHouseRecordRepository(ch, 'cp_settings', anyDoc).put('demo/state', { seeded: true })
    return { hub, admin }
  } finally {
    await ch.close()
  }
}

const open = (dataDir: string) => {
  const { log, lines } = memoryLogger('info')
  return openCore({
    sitePages: createSitePages(),
    store: { kind: 'embedded', dataDir },
    publicUrl: PUBLIC_URL,
    durability: TEST_DURABILITY,
    log,
    secretKey,
    controlPlane: TEST_CONTROL_PLANE,
  }).then((core) => ({ core, lines }))
}

describe('upgrading a data dir whose control plane is in ClickHouse', () => {
  it('moves every record to Postgres on the first start, sealed secrets readable, and only once', {
    timeout: 180_000,
  }, async () => {
    const dataDir = tempDataDir()
    dirs.push(dataDir)
    const older = await writeOlderDataDir(dataDir)

    const first = await open(dataDir)
    try {
      expect(first.lines.join('')).toContain(
        'moved the control-plane records from the ClickHouse key-value tables',
      )
      // The hub, its keys opened with the same secret key, and still sealed at rest.
      const hub = await first.core.hubs.get(older.hub.id)
      expect(hub).toMatchObject({ name: 'From ClickHouse', capturedTypes: ['portal_search'] })
      expect(hub.keys[0]!.primaryKey).toBe(older.hub.keys[0]!.primaryKey)
      expect(hub.keys[0]!.secondaryKey).toBe(older.hub.keys[0]!.secondaryKey)
      const raw = await first.core.controlPlane.query<{ doc: string }>(
        'SELECT doc::text AS doc FROM cp_hubs WHERE key = $1',
        [older.hub.id],
      )
      expect(raw.rows[0]!.doc).toContain('A256GCM')
      expect(raw.rows[0]!.doc).not.toContain(older.hub.keys[0]!.primaryKey)
      // The admin and its token index: the old token still signs in, and no second bootstrap admin.
      // (As a start does: the bootstrap check first, which also dates tokens that had no expiry.)
      await first.core.principals.ensureBootstrapAdmin(ADMIN_TOKEN)
      expect((await first.core.principals.authenticate(ADMIN_TOKEN))?.id).toBe(older.admin.id)
      expect((await first.core.principals.list()).map((p) => p.id)).toEqual([older.admin.id])
      const settings = await first.core.controlPlane.query<{ doc: unknown }>(
        `SELECT doc FROM cp_settings WHERE key = 'demo/state'`,
      )
      expect(settings.rows).toEqual([{ doc: { seeded: true } }])
      // Deleted after the move: the next start must not bring it back from ClickHouse.
      await first.core.controlPlane.query(`DELETE FROM cp_settings WHERE key = 'demo/state'`)
    } finally {
      await first.core.close()
    }

    const second = await open(dataDir)
    try {
      expect(second.lines.join('')).not.toContain('moved the control-plane records')
      expect(
        (await second.core.controlPlane.query(`SELECT 1 FROM cp_settings WHERE key = 'demo/state'`)).rows,
      ).toEqual([])
      expect((await second.core.hubs.get(older.hub.id)).keys[0]!.primaryKey).toBe(
        older.hub.keys[0]!.primaryKey,
      )
    } finally {
      await second.core.close()
    }
  })

  it('creates no key-value tables in ClickHouse on a new install', { timeout: 120_000 }, async () => {
    const dataDir = tempDataDir()
    dirs.push(dataDir)
    const { core, lines } = await open(dataDir)
    try {
      const tables = await core.ch.readRows<{ name: string }>({
        query: `SELECT name FROM system.tables WHERE database = currentDatabase() AND startsWith(name, 'cp_')`,
        params: {},
      })
      expect(tables).toEqual([])
      expect(lines.join('')).not.toContain('moved the control-plane records')
    } finally {
      await core.close()
    }
  })
})
