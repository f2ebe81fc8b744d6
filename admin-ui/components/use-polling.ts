import { useEffect, useRef } from 'preact/hooks'

/**
 * Calls `tick` every `ms` while `active`, one call at a time (the next waits
 * for the previous answer), and stops when the component goes.
 */
export function usePolling(active: boolean, tick: () => Promise<unknown>, ms = 1000): void {
  const latest = useRef(tick)
  latest.current = tick
  useEffect(() => {
    if (!active) return
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const loop = async () => {
      try {
        await latest.current()
      } catch {
        // the page shows the error of its own load; polling just tries again
      }
      if (!stopped) timer = setTimeout(loop, ms)
    }
    timer = setTimeout(loop, ms)
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [active, ms])
}
