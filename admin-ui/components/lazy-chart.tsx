import { useEffect, useRef, useState } from 'preact/hooks'
import { Notice } from './states.tsx'

/** A drawn chart: what `LazyChart` needs of ECharts' instance. */
interface Drawn {
  dispose(): void
  resize(): void
  setOption(option: { aria: { enabled: boolean; label: { description: string } } }): void
}

/**
 * Imports a module once, on first use, and again after a failed import (a
 * dropped connection), so that charts' code loads only on the pages that draw.
 *
 * @example const loadCharts = lazyModule(() => import('../insight-charts.ts'))
 */
export function lazyModule<M>(load: () => Promise<M>): () => Promise<M> {
  let module: Promise<M> | null = null
  return () => {
    module ??= load().catch((e: unknown) => {
      module = null
      throw e
    })
    return module
  }
}

/**
 * A chart drawn by a lazily loaded module into a box described by `label`
 * (the canvas is an image to screen readers; the tables beside it hold the
 * figures). The label is also the chart's aria description: ECharts would
 * otherwise write its own over the box, in English whatever the language
 * ("This is a chart with type Bar chart named …"). It is drawn again when `data` changes, not on every render, and
 * follows its box: a box much narrower or wider (the page reflows at 800 px
 * and below) is drawn again, so that labels wrap to the room they now have.
 */
export function LazyChart<C>(props: {
  load: () => Promise<C>
  draw: (charts: C, el: HTMLElement) => Drawn
  label: string
  data: unknown
}) {
  const el = useRef<HTMLDivElement>(null)
  const draw = useRef(props.draw)
  draw.current = props.draw
  const label = useRef(props.label)
  label.current = props.label
  const [failed, setFailed] = useState<string | null>(null)
  useEffect(() => {
    let chart: Drawn | null = null
    let live = true
    let loaded: C | null = null
    let drawnWidth = 0
    const drawIn = (c: C, box: HTMLDivElement) => {
      chart?.dispose()
      drawnWidth = box.clientWidth
      chart = draw.current(c, box)
      chart.setOption({ aria: { enabled: true, label: { description: label.current } } })
    }
    const observer = new ResizeObserver(() => {
      const box = el.current
      if (!box || !loaded || !chart) return
      if (Math.abs(box.clientWidth - drawnWidth) > drawnWidth * 0.15) drawIn(loaded, box)
      else chart.resize()
    })
    if (el.current) observer.observe(el.current)
    props.load().then(
      (c) => {
        loaded = c
        if (live && el.current) drawIn(c, el.current)
      },
      (e: unknown) => live && setFailed(e instanceof Error ? e.message : String(e)),
    )
    return () => {
      live = false
      observer.disconnect()
      chart?.dispose()
    }
  }, [props.data])
  return failed ? (
    <Notice kind="error">{failed}</Notice>
  ) : (
    <div class="chart" ref={el} role="img" aria-label={props.label} />
  )
}
