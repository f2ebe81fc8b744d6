import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { ControlPlaneDb } from '../../core/testing.ts'
import { type RecordCodec, createRecordRepository } from '../../core/testing.ts'

const docSchema = z.object({ name: z.string(), items: z.array(z.string()).default([]) })

/** Marks a document sealed by wrapping it; `needsSealing` until wrapped. */
const wrapCodec: RecordCodec = {
  seal: (_key, doc) => ({ sealed: doc }),
  open: (_key, doc) => (doc as { sealed?: unknown }).sealed ?? doc,
  needsSealing: (_key, doc) => !(doc as { sealed?: unknown }).sealed,
}

let tables = 0
/** A fresh record table per test, so tests never see each other's rows. */
const freshTable = async (db: ControlPlaneDb): Promise<string> => {
  const table = `contract_${process.pid}_${++tables}`
  await db.query(`CREATE TABLE ${table} (
    key text COLLATE "C" PRIMARY KEY, doc json NOT NULL, version bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now())`)
  return table
}

/**
 * The record repository's behaviour, run against an embedded and a real
 * Postgres by the test files that call it.
 */
export function describeRecordRepository(name: string, open: () => Promise<ControlPlaneDb>): void {
  describe(`record repository (${name})`, () => {
    let db: ControlPlaneDb
    beforeAll(async () => {
      db = await open()
    })
    afterAll(async () => {
      await db?.close()
    })
    const repo = async (codec?: RecordCodec) =>
      createRecordRepository(db, await freshTable(db), docSchema, codec)

    it('numbers each write of a record: 1 on insert, one more per write', async () => {
      const r = await repo()
      expect(await r.put('a', { name: 'one', items: [] })).toBe(1)
      expect(await r.put('a', { name: 'two', items: [] })).toBe(2)
      expect(await r.getVersioned('a')).toEqual({ value: { name: 'two', items: [] }, version: 2 })
      expect(await r.getVersioned('missing')).toBeNull()
    })

    it('writes conditionally: only on the version read, or only when absent', async () => {
      const r = await repo()
      expect(await r.putIfVersion('a', { name: 'new', items: [] }, null)).toEqual({ ok: true, version: 1 })
      expect(await r.putIfVersion('a', { name: 'again', items: [] }, null)).toEqual({
        ok: false,
        code: 'version_conflict',
        current: 1,
      })
      expect(await r.putIfVersion('a', { name: 'next', items: [] }, 1)).toEqual({ ok: true, version: 2 })
      expect(await r.putIfVersion('a', { name: 'stale', items: [] }, 1)).toEqual({
        ok: false,
        code: 'version_conflict',
        current: 2,
      })
      expect(await r.putIfVersion('gone', { name: 'x', items: [] }, 3)).toEqual({
        ok: false,
        code: 'version_conflict',
        current: null,
      })
      expect((await r.get('a'))?.name).toBe('next')
    })

    it('lets exactly one of six writers holding the same version win', async () => {
      const r = await repo()
      await r.put('a', { name: 'base', items: [] })
      const outcomes = await Promise.all(
        Array.from({ length: 6 }, (_, i) => r.putIfVersion('a', { name: `writer ${i}`, items: [] }, 1)),
      )
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1)
      expect(outcomes.filter((o) => !o.ok)).toHaveLength(5)
    })

    it('keeps every change of concurrent read-modify-writes (update under a row lock)', async () => {
      const r = await repo()
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          r.update('list', (current) => ({
            name: 'list',
            items: [...(current?.value.items ?? []), `item ${i}`],
          })),
        ),
      )
      const stored = await r.getVersioned('list')
      expect(stored?.value.items).toHaveLength(12)
      expect(stored?.version).toBe(12)
    })

    it('deletes in an update, and writes nothing when the change says so', async () => {
      const r = await repo()
      await r.put('a', { name: 'a', items: [] })
      expect(await r.update('a', () => undefined)).toEqual({ value: { name: 'a', items: [] }, version: 1 })
      expect(await r.update('a', () => null)).toBeNull()
      expect(await r.get('a')).toBeNull()
    })

    it('deletes only on the version read when asked to', async () => {
      const r = await repo()
      await r.put('a', { name: 'a', items: [] })
      await r.put('a', { name: 'b', items: [] })
      expect(await r.deleteIfVersion('a', 1)).toEqual({ ok: false, code: 'version_conflict', current: 2 })
      expect(await r.deleteIfVersion('a', 2)).toEqual({ ok: true, version: 2 })
      expect(await r.get('a')).toBeNull()
    })

    it('lists by prefix taken literally, ordered by the bytes of the key, page by page', async () => {
      const r = await repo()
      for (const key of ['p_/b', 'p_/B', 'p_/a', 'px/a', 'p%/a', 'q/a'])
        await r.put(key, { name: key, items: [] })
      expect((await r.list('p_/')).map((e) => e.key)).toEqual(['p_/B', 'p_/a', 'p_/b'])
      expect((await r.list('p%')).map((e) => e.key)).toEqual(['p%/a'])
      expect((await r.list()).map((e) => e.key)).toEqual(['p%/a', 'p_/B', 'p_/a', 'p_/b', 'px/a', 'q/a'])
      const first = await r.listPage('p_/', null, 2)
      expect(first.map((e) => e.key)).toEqual(['p_/B', 'p_/a'])
      expect((await r.listPage('p_/', first.at(-1)!.key, 2)).map((e) => e.key)).toEqual(['p_/b'])
    })

    it('reads many keys at once, and keeps the last of a key given twice to putMany', async () => {
      const r = await repo()
      await r.putMany([
        ['a', { name: 'first', items: [] }],
        ['b', { name: 'b', items: [] }],
        ['a', { name: 'last', items: [] }],
      ])
      const many = await r.getMany(['a', 'b', 'c'])
      expect([...many.entries()]).toEqual([
        ['a', { name: 'last', items: [] }],
        ['b', { name: 'b', items: [] }],
      ])
    })

    it('stores text a contact may type, NUL and all, as it came', async () => {
      const r = await repo()
      const name = 'nul \u0000 quote " backslash \\ emoji 🙂'
      await r.put('a', { name, items: [] })
      expect((await r.get('a'))?.name).toBe(name)
    })

    it('refuses a stored document its schema does not accept', async () => {
      const table = await freshTable(db)
      await db.query(`INSERT INTO ${table} (key, doc, version) VALUES ('bad', '{"name": 3}', 1)`)
      await expect(createRecordRepository(db, table, docSchema).get('bad')).rejects.toThrow()
    })

    it('writes through its codec, and reseals what was stored unsealed', async () => {
      const table = await freshTable(db)
      await db.query(`INSERT INTO ${table} (key, doc, version) VALUES ('old', '{"name":"old"}', 1)`)
      const r = createRecordRepository(db, table, docSchema, wrapCodec)
      await r.put('new', { name: 'new', items: [] })
      expect((await r.get('old'))?.name).toBe('old')
      expect(await r.reseal()).toBe(1)
      expect(await r.reseal()).toBe(0)
      const raw = await db.query<{ key: string; doc: unknown }>(`SELECT key, doc FROM ${table} ORDER BY key`)
      expect(raw.rows).toEqual([
        { key: 'new', doc: { sealed: { name: 'new', items: [] } } },
        { key: 'old', doc: { sealed: { name: 'old', items: [] } } },
      ])
    })

    it('writes inside a transaction with in(tx), undone when it rolls back', async () => {
      const r = await repo()
      await expect(
        db.transaction(async (tx) => {
          await r.in(tx).put('a', { name: 'a', items: [] })
          expect(await r.in(tx).get('a')).not.toBeNull()
          throw new Error('roll back')
        }),
      ).rejects.toThrow('roll back')
      expect(await r.get('a')).toBeNull()
    })
  })
}
