import { createSitePages } from '../../portal-sites/index.ts'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it, onTestFinished } from 'vitest'
import { openCore } from '../../core/index.ts'
import { createPortalStore } from '../../core/testing.ts'
import { createSecretBox, loadOrCreateSecretKey } from '../../core/testing.ts'
import type { ControlPlaneDb } from '../../core/testing.ts'
import { startPortalTestCore } from '../support/portal-fixtures.ts'
import { PUBLIC_URL, TEST_DURABILITY, memoryLogger, tempDataDir } from '../support/test-core.ts'

/**
 * Hub keys, the hub key a portal binding keeps and portals' site secrets are
 * sealed in the control-plane tables: the raw rows never hold them in
 * plaintext, records written in plaintext by an older version still load
 * and are sealed at the next open, and a wrong key stops the start with one
 * clear line naming CASETRAIL_SECRET_KEY.
 */

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const rawDoc = async (db: ControlPlaneDb, table: string, key: string): Promise<string> => {
  const [row] = (
    await db.query<{ doc: string }>(`SELECT doc::text AS doc FROM ${table} WHERE key = $1`, [key])
  ).rows
  if (!row) throw new Error(`no row ${key} in ${table}`)
  return row.doc
}

/** Writes a stored document as it is, past the repository (and its sealing). */
const writeRaw = async (db: ControlPlaneDb, table: string, key: string, doc: unknown): Promise<void> => {
  await db.query(
    `INSERT INTO ${table} AS t (key, doc, version) VALUES ($1, $2::json, 1)
      ON CONFLICT (key) DO UPDATE SET doc = EXCLUDED.doc, version = t.version + 1`,
    [key, JSON.stringify(doc)],
  )
}

describe('secrets at rest in control-plane records', () => {
  it('seals hub keys, the portal binding key and the site secret; plaintext rows load and are re-sealed', {
    timeout: 90_000,
  }, async () => {
    const dataDir = tempDataDir()
    dirs.push(dataDir)
    const first = await startPortalTestCore({ dataDir })
    let firstOpen = true
    onTestFinished(async () => {
      if (firstOpen) await first.close()
    })
    const instance = await first.createInstance()
    const hub = await first.createHub('Sealed')
    const key = hub.keys[0]!
    const portal = await first.provisionAndWait(instance.id, {
      hub: { hubId: hub.id, keyName: key.keyName, key: key.primaryKey },
    })
    // The portal store as core builds it, on the data directory's generated key.
    const portals = createPortalStore(
      first.core.controlPlane,
      createSecretBox(loadOrCreateSecretKey(dataDir).key),
    )
    const stored = await portals.getPortal(portal.id)
    // The binding keeps the send-only key it made for the portal (issue 20 item 3), not `default`.
    const bound = (await first.core.hubs.get(hub.id)).keys.find((k) => k.keyName === `portal-${portal.id}`)!
    expect(stored.hubBinding?.key).toBe(bound.primaryKey)
    const siteSecret = stored.siteSecret
    expect(siteSecret.length).toBeGreaterThan(20)

    const hubRow = await rawDoc(first.core.controlPlane, 'cp_hubs', hub.id)
    expect(hubRow).toContain('A256GCM')
    expect(hubRow).not.toContain(key.primaryKey)
    expect(hubRow).not.toContain(key.secondaryKey)
    const portalRow = await rawDoc(first.core.controlPlane, 'cp_portals', portal.id)
    expect(portalRow).toContain('A256GCM')
    expect(portalRow).not.toContain(bound.primaryKey)
    expect(portalRow).not.toContain(siteSecret)

    // The API still shows keys to admins, and the hot path still verifies with them.
    const shown = await first.admin<{ keys: Array<{ primaryKey: string }> }>(
      'GET',
      `/v1/admin/hubs/${hub.id}`,
    )
    expect(shown.body.keys[0]!.primaryKey).toBe(key.primaryKey)

    // A record as an older version wrote it: secrets in plaintext.
    const legacyHub = JSON.parse(hubRow) as { keys: Array<Record<string, unknown>> }
    legacyHub.keys[0]!.primaryKey = key.primaryKey
    legacyHub.keys[0]!.secondaryKey = key.secondaryKey
    const legacyPortal = { ...stored }
    await writeRaw(first.core.controlPlane, 'cp_hubs', hub.id, legacyHub)
    await writeRaw(first.core.controlPlane, 'cp_portals', portal.id, legacyPortal)
    expect(await rawDoc(first.core.controlPlane, 'cp_hubs', hub.id)).toContain(key.primaryKey)
    // Plaintext rows load as they are…
    expect((await first.core.hubs.get(hub.id)).keys[0]!.primaryKey).toBe(key.primaryKey)
    expect((await portals.getPortal(portal.id)).siteSecret).toBe(siteSecret)
    // …and the next write seals them.
    await first.core.hubs.setCapturedTypes(hub.id, ['portal_search'])
    expect(await rawDoc(first.core.controlPlane, 'cp_hubs', hub.id)).not.toContain(key.primaryKey)
    await writeRaw(first.core.controlPlane, 'cp_hubs', hub.id, legacyHub)
    firstOpen = false
    await first.close()

    // The next open seals what is still in plaintext, and serves the same secrets.
    const second = await startPortalTestCore({ dataDir })
    try {
      expect(second.logLines.join('')).toContain('stored in plaintext by an older version')
      const hubAfter = await rawDoc(second.core.controlPlane, 'cp_hubs', hub.id)
      const portalAfter = await rawDoc(second.core.controlPlane, 'cp_portals', portal.id)
      for (const secret of [key.primaryKey, key.secondaryKey]) expect(hubAfter).not.toContain(secret)
      for (const secret of [bound.primaryKey, siteSecret]) expect(portalAfter).not.toContain(secret)
      expect((await second.core.hubs.get(hub.id)).keys[0]!.secondaryKey).toBe(key.secondaryKey)
      const reopened = await createPortalStore(
        second.core.controlPlane,
        createSecretBox(loadOrCreateSecretKey(dataDir).key),
      ).getPortal(portal.id)
      expect(reopened.hubBinding?.key).toBe(bound.primaryKey)
      expect(reopened.siteSecret).toBe(siteSecret)
    } finally {
      await second.close()
    }
  })

  it('refuses to start with a wrong CASETRAIL_SECRET_KEY, naming the key and nothing secret', {
    timeout: 90_000,
  }, async () => {
    const dataDir = tempDataDir()
    dirs.push(dataDir)
    const first = await startPortalTestCore({ dataDir })
    const hub = await first.createHub('Keyed')
    await first.close()

    const wrong = randomBytes(32)
    const { log, lines } = memoryLogger('info')
    const opening = openCore({
      sitePages: createSitePages(),
      store: { kind: 'embedded', dataDir },
      publicUrl: PUBLIC_URL,
      durability: TEST_DURABILITY,
      log,
      secretKey: wrong,
    })
    const err = await opening.then(
      () => null,
      (e: unknown) => e as Error & { code?: string },
    )
    expect(err).not.toBeNull()
    expect(err!.code).toBe('secret_key_mismatch')
    expect(err!.message).toContain('CASETRAIL_SECRET_KEY')
    for (const secret of [hub.keys[0]!.primaryKey, hub.keys[0]!.secondaryKey, wrong.toString('hex')]) {
      expect(err!.message).not.toContain(secret)
      expect(lines.join('')).not.toContain(secret)
    }

    // The entry point: one line on stderr, exit 1, no stack trace, no key material.
    const child = spawn(process.execPath, ['--import', 'tsx', 'ingest/main.ts'], {
      cwd: process.cwd(),
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        CASETRAIL_DATA_DIR: dataDir,
        CASETRAIL_SECRET_KEY: wrong.toString('hex'),
        PORT: String(20_000 + Math.floor(Math.random() * 20_000)),
        HOST: '127.0.0.1',
        PUBLIC_URL: PUBLIC_URL,
        CASETRAIL_DEMO: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const stderr: string[] = []
    child.stderr.on('data', (d: Buffer) => stderr.push(d.toString()))
    child.stdout.on('data', (d: Buffer) => stderr.push(d.toString()))
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    const said = stderr.join('')
    expect(code).toBe(1)
    expect(said).toContain('casetrail failed to start: CASETRAIL_SECRET_KEY')
    expect(said).not.toMatch(/\n\s+at /)
    expect(said).not.toContain(wrong.toString('hex'))
    expect(said).not.toContain(hub.keys[0]!.primaryKey)

    // The generated key file replaced: the same refusal, and the right key still opens the data.
    const keyFile = join(dataDir, 'secret.key')
    const right = readFileSync(keyFile, 'utf8')
    writeFileSync(keyFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 })
    await expect(startPortalTestCore({ dataDir })).rejects.toMatchObject({ code: 'secret_key_mismatch' })
    writeFileSync(keyFile, right, { mode: 0o600 })
    const again = await startPortalTestCore({ dataDir })
    try {
      expect((await again.core.hubs.get(hub.id)).keys[0]!.primaryKey).toBe(hub.keys[0]!.primaryKey)
    } finally {
      await again.close()
    }
  })
})
