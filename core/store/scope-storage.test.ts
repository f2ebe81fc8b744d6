import { executionAsyncId } from 'node:async_hooks'
import { describe, expect, it } from 'vitest'
import { scopeStorage } from './scope-storage.ts'

/**
 * The async ids of two promise continuations in a row: distinct while Node's
 * promise hooks are on (each promise gets an id), both 0 while they are off.
 */
const continuationIds = async () => {
  await null
  const first = executionAsyncId()
  await null
  return [first, executionAsyncId()]
}

describe('scopeStorage', () => {
  it('gives a scope its value in everything its function awaits, and nothing outside', async () => {
    const scope = scopeStorage<string>()
    const seen = await scope.run('collector', async () => {
      await null
      const inner = await Promise.all([
        (async () => {
          await new Promise((r) => setTimeout(r, 1))
          return scope.getStore()
        })(),
        scope.exit(async () => scope.getStore()),
      ])
      return [scope.getStore(), ...inner]
    })
    expect(seen).toEqual(['collector', 'collector', undefined])
    expect(scope.getStore()).toBeUndefined()
  })

  it('keeps overlapping scopes apart', async () => {
    const scope = scopeStorage<number>()
    const read = (n: number) =>
      scope.run(n, async () => {
        await new Promise((r) => setTimeout(r, 5 - n))
        return scope.getStore()
      })
    expect(await Promise.all([read(1), read(2), read(3)])).toEqual([1, 2, 3])
  })

  it('closes a scope whose function throws', async () => {
    const scope = scopeStorage<number>()
    expect(() =>
      scope.run(1, () => {
        throw new Error('boom')
      }),
    ).toThrow('boom')
    await expect(scope.run(2, async () => Promise.reject(new Error('late')))).rejects.toThrow('late')
    expect(scope.getStore()).toBeUndefined()
  })

  it("switches Node's promise hooks off once its last scope has settled", async () => {
    const scope = scopeStorage<number>()
    const during = await scope.run(1, continuationIds)
    // On: every promise carries an async id while a scope is open.
    expect(during[0]).not.toBe(during[1])
    const after = await continuationIds()
    // Off again: a beacon's promises no longer pay for ids and the store's propagation.
    expect(after).toEqual([0, 0])
  })
})
