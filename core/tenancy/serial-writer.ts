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
