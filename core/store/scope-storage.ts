import { AsyncLocalStorage } from 'node:async_hooks'

/** The three calls of an `AsyncLocalStorage` that casetrail's scopes use. */
export interface ScopeStorage<T> {
  /** Runs `fn` with `store` as the scope's value, for it and everything it starts. */
  run<R>(store: T, fn: () => R): R
  /** The value of the innermost open scope around the caller, or undefined. */
  getStore(): T | undefined
  /** Runs `fn` (and what it starts) outside any scope. */
  exit<R>(fn: () => R): R
}

/**
 * An `AsyncLocalStorage` that is switched off whenever none of its scopes is
 * open. On Node 20, the first `run` of any AsyncLocalStorage turns on the
 * promise hooks for the whole process, and they stay on: every promise made
 * afterwards (several per beacon) pays for an async id and the store's
 * propagation. Measured with `await null` in a loop: 291 ms per 2M awaits
 * with the hooks off, 712 ms with them on; the server's first control-plane
 * transaction at start turned them on for good (bench/README.md, issue 26).
 * A scope's value is still seen by everything its `fn` runs until `fn`
 * settles; work it left running after that sees no value (an audit
 * collector is closed by then anyway).
 *
 * @example
 * const scope = scopeStorage<ChangeCollector>()
 * await scope.run(collector, () => next()) // repositories read scope.getStore()
 */
export function scopeStorage<T>(): ScopeStorage<T> {
  const storage = new AsyncLocalStorage<T>()
  let open = 0
  const close = () => {
    // The last open scope has settled: off again, so promises cost what they cost without hooks.
    if (--open === 0) storage.disable()
  }
  return {
    run(store, fn) {
      open++
      let result: ReturnType<typeof fn>
      try {
        result = storage.run(store, fn)
      } catch (err) {
        close()
        throw err
      }
      if (result instanceof Promise) return result.finally(close) as typeof result
      close()
      return result
    },
    getStore: () => (open === 0 ? undefined : storage.getStore()),
    exit: (fn) => (open === 0 ? fn() : storage.exit(fn)),
  }
}
