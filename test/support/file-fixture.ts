import { afterAll, beforeAll } from 'vitest'

/**
 * A value a test file opens before its tests (beforeAll) and closes after
 * them (afterAll), usable as if it were there from the start: the answer is a
 * stand-in that passes every property read on to the opened value, and throws
 * when read before beforeAll has run. Call it at the top of a test file.
 *
 * @example
 * const t = openForFile(() => startTestCore(), async (core) => core.close())
 * it('answers', async () => expect((await t.admin('/v1/admin/hubs')).status).toBe(200))
 */
export function openForFile<T extends object>(
  open: () => Promise<T>,
  close: (value: T) => Promise<void> | void,
): T {
  let value: T | undefined
  beforeAll(async () => {
    value = await open()
  })
  afterAll(async () => {
    if (value) await close(value)
  })
  return new Proxy({} as T, {
    get(_, key) {
      if (value === undefined) throw new Error(`read .${String(key)} before the file's beforeAll opened it`)
      const found = Reflect.get(value, key, value)
      return typeof found === 'function' ? found.bind(value) : found
    },
  })
}
