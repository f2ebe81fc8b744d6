/**
 * Runs changes one at a time, in the order they were asked for, so a
 * read-modify-write of control-plane records cannot interleave with another
 * (the store's "one writer at a time for admin changes").
 *
 * @example
 * const serialise = createSerialWriter()
 * await serialise(async () => repo.put(id, { ...(await repo.get(id)), name }))
 */
export function createSerialWriter(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve()
  return function serialise<T>(fn: () => Promise<T>): Promise<T> {
    const run = tail.then(fn, fn)
    tail = run.catch(() => undefined)
    return run
  }
}

/**
 * One {@link createSerialWriter} per key: changes to the same key run one at
 * a time, in order; different keys do not wait for each other. A key's queue
 * is forgotten once it drains, so the map holds only keys in use.
 *
 * @example
 * const perRecord = createKeyedSerialWriter()
 * await perRecord(`portal:${id}`, async () => checkVersionThenWrite())
 */
export function createKeyedSerialWriter(): <T>(key: string, fn: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>()
  return function serialiseByKey<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const run = (tails.get(key) ?? Promise.resolve()).then(fn, fn)
    const tail = run.then(
      () => undefined,
      () => undefined,
    )
    tails.set(key, tail)
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key)
    })
    return run
  }
}
