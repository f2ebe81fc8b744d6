import { useCallback, useEffect, useRef, useState } from 'preact/hooks'

/** A value loaded from the API: loading, loaded or failed, with a way to load it again. */
export interface Resource<T> {
  data: T | undefined
  error: unknown
  loading: boolean
  reload(): Promise<void>
  set(data: T): void
}

/**
 * Loads `load()` when the keys change, and again on `reload()`; a slower
 * earlier answer never overwrites a later one.
 *
 * @example const portals = useResource(() => api.get('/v1/admin/portals'), [])
 */
export function useResource<T>(load: () => Promise<T>, keys: unknown[]): Resource<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: null,
    loading: true,
  })
  const generation = useRef(0)
  const loader = useRef(load)
  loader.current = load
  const reload = useCallback(async () => {
    const mine = ++generation.current
    setState((s) => ({ ...s, loading: true }))
    try {
      const data = await loader.current()
      if (mine === generation.current) setState({ data, error: null, loading: false })
    } catch (error) {
      if (mine === generation.current) setState((s) => ({ data: s.data, error, loading: false }))
    }
  }, [])
  useEffect(() => {
    void reload()
  }, keys)
  const set = useCallback((data: T) => setState({ data, error: null, loading: false }), [])
  return { ...state, reload, set }
}
