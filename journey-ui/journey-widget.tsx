import type { ComponentChildren } from 'preact'
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks'
import type { InteractionType, JourneyResponse } from '../schemas/index.ts'
import { AlreadyReadPanel } from './already-read-panel.tsx'
import { ChartLegend } from './chart-legend.tsx'
import { InteractionTable } from './interaction-table.tsx'
import type { ChartBridge, ChartModule } from './chart-bridge.ts'
import { JourneyChart } from './journey-chart.tsx'
import { type ItemRef, itemKey } from './journey-chart-options.ts'
import { fetchJourney, type JourneyParser } from './journey-client.ts'
import { createJourneyFormat } from './journey-format.ts'
import { journeyGist } from './journey-gist.ts'
import { splitSummary } from './journey-split.ts'
import { EmptyState, ErrorState, LoadingSkeleton, type WidgetError } from './journey-states.tsx'
import { LANES } from './lane-styles.ts'
import { en, type LabelLanguage, loadMessages, type Messages, resolveLocale } from './messages.ts'
import { type PlotModel, plotModel } from './plot-model.ts'
import { ProfileHeader } from './profile-header.tsx'
import { WIDGET_CSS } from './widget-styles.ts'
import { WindowSwitch } from './window-switch.tsx'

/** What the element's attributes say, read and trimmed; `null` where one is missing. */
export interface WidgetConfig {
  hubId: string | null
  contactId: string | null
  before: string | null
  /** ISO 8601 duration; the element defaults it to P7D. */
  window: string
  /** ISO 8601 duration after the case to show too, or null for none. */
  after: string | null
  token: string | null
  baseUrl: string
  /** The `portal-link` template, if any. */
  linkTemplate: string | null
  /** Language tags to try in order: the `lang` attribute, the page's, the browser's. */
  languages: readonly (string | null | undefined)[]
}

/** What the widget reaches outside itself through; tests hand in fakes. */
export interface WidgetDeps {
  fetch: typeof globalThis.fetch
  loadParser: () => Promise<JourneyParser>
  loadChart: () => Promise<ChartModule>
  /** Fixes the time zone of every date shown (tests); the browser's zone otherwise. */
  timeZone?: string
}

/** The events the element dispatches (bubbling, composed), with their `detail`. */
export interface JourneyEventMap {
  /** The widget's state changed; `code` says which error. */
  'casetrail:state': { state: 'loading' | 'ready' | 'empty' | 'error'; code?: string; window: string }
  /** The lists are on screen (the frame after they rendered). */
  'casetrail:list-painted': { interactions: number; window: string }
  /** ECharts finished drawing the journey: `points` landed on the plot, out of `interactions`. */
  'casetrail:chart-finished': {
    points: number
    interactions: number
    hidden: InteractionType[]
    window: string
  }
}

/** Dispatches one of the {@link JourneyEventMap} events. */
export type EmitJourneyEvent = <K extends keyof JourneyEventMap>(name: K, detail: JourneyEventMap[K]) => void

type ViewState =
  | { kind: 'loading' }
  | { kind: 'ready'; journey: JourneyResponse; model: PlotModel; window: string }
  | { kind: 'error'; error: WidgetError }

const REQUIRED = [
  ['hub', 'hubId'],
  ['contact', 'contactId'],
  ['before', 'before'],
  ['token', 'token'],
] as const

/** The required attributes that are missing or empty, by attribute name. */
export function missingAttributes(config: WidgetConfig): string[] {
  return REQUIRED.filter(([, key]) => !config[key]).map(([attribute]) => attribute)
}

/**
 * The whole widget: header with the window switch, then the journey in one of
 * its states (skeleton, empty, error, or legend, chart, table and lists).
 */
export function JourneyWidget(props: {
  config: WidgetConfig
  deps: WidgetDeps
  emit: EmitJourneyEvent
  bridge: ChartBridge
  /** Render the stylesheet as a `<style>` (default), or not, when the shadow root has it adopted. */
  styles?: 'inline' | 'adopted'
}) {
  const { config, deps, emit, bridge } = props
  const languageKey = config.languages.join('|')
  const { locale, language } = useMemo(() => resolveLocale(config.languages), [languageKey])
  const [catalogue, setCatalogue] = useState<{ language: LabelLanguage; messages: Messages }>({
    language: 'en',
    messages: en,
  })
  // French and German labels are a chunk of their own: fetched alongside the journey.
  useLayoutEffect(() => {
    if (catalogue.language === language) return
    let live = true
    const done = (messages: Messages) => live && setCatalogue({ language, messages })
    loadMessages(language).then(done, () => done(en))
    return () => {
      live = false
    }
  }, [language])
  const labelled = catalogue.language === language
  const messages = catalogue.messages
  const format = useMemo(
    () => createJourneyFormat(locale, messages, deps.timeZone),
    [locale, messages, deps.timeZone],
  )
  const [windowValue, setWindowValue] = useState(config.window)
  const [attempt, setAttempt] = useState(0)
  const [state, setState] = useState<ViewState>({ kind: 'loading' })
  const [hidden, setHidden] = useState<ReadonlySet<InteractionType>>(() => new Set())
  const [preview, setPreview] = useState<ItemRef | null>(null)
  const [pinned, setPinned] = useState<ItemRef | null>(null)
  const missing = missingAttributes(config).join(',')

  // A new `window` attribute wins over the switch.
  useEffect(() => setWindowValue(config.window), [config.window])

  // Refetch on any input of the request, or a retry. A layout effect: the request (and the
  // parser chunk) start in the task that rendered the skeleton, not a frame later.
  useLayoutEffect(() => {
    if (missing) {
      setState({ kind: 'error', error: { code: 'misconfigured', missing: missing.split(',') } })
      return
    }
    const controller = new AbortController()
    const window = windowValue
    setState((was) => (was.kind === 'loading' ? was : { kind: 'loading' }))
    setPreview(null)
    setPinned(null)
    fetchJourney(
      {
        baseUrl: config.baseUrl,
        hubId: config.hubId!,
        contactId: config.contactId!,
        before: config.before!,
        window,
        ...(config.after ? { after: config.after } : {}),
        token: config.token!,
      },
      {
        fetch: deps.fetch,
        loadParser: deps.loadParser,
        // The answer is on its way: fetch ECharts while its body downloads and the lists render.
        // Measured by bench/widget-budget.ts at 10 Mbit/s: the chart 100-250 ms sooner, the
        // list of 1,000 interactions ~50 ms later (the two share the link); the chart wins.
        onAnswer: () => void deps.loadChart().catch(() => undefined),
      },
      controller.signal,
    ).then(
      (outcome) => {
        if (controller.signal.aborted) return
        setState(
          outcome.ok
            ? { kind: 'ready', journey: outcome.journey, model: plotModel(outcome.journey), window }
            : { kind: 'error', error: outcome },
        )
      },
      () => undefined, // aborted: a newer request owns the state
    )
    return () => controller.abort()
  }, [
    config.hubId,
    config.contactId,
    config.before,
    config.after,
    config.token,
    config.baseUrl,
    windowValue,
    attempt,
    missing,
  ])

  // Announce each new state once, right after its commit (and once it speaks the page's language).
  const announced = useRef<ViewState | null>(null)
  useLayoutEffect(() => {
    if ((state.kind !== 'loading' && !labelled) || announced.current === state) return
    announced.current = state
    if (state.kind === 'loading') {
      emit('casetrail:state', { state: 'loading', window: windowValue })
      return
    }
    if (state.kind === 'error') {
      emit('casetrail:state', { state: 'error', code: state.error.code, window: windowValue })
      return
    }
    const empty = state.journey.interactions.length === 0
    emit('casetrail:state', { state: empty ? 'empty' : 'ready', window: state.window })
    let timer: ReturnType<typeof setTimeout> | undefined
    // The next frame after this commit is the one that paints the lists: mark its start.
    const frame = requestAnimationFrame((frameStart) => {
      performance.mark('casetrail:list-painted', { startTime: frameStart })
      timer = setTimeout(() => {
        emit('casetrail:list-painted', {
          interactions: state.journey.interactions.length,
          window: state.window,
        })
      }, 0)
    })
    return () => {
      cancelAnimationFrame(frame)
      clearTimeout(timer)
    }
  }, [state, labelled])

  // Once per answer and language, not on every hover of the lists.
  const words = useMemo(
    () =>
      state.kind === 'ready'
        ? { gist: journeyGist(state.model, messages, format), split: splitSummary(state.journey) }
        : null,
    [state, messages, format],
  )

  let body: ComponentChildren
  if (state.kind === 'loading' || !labelled) body = <LoadingSkeleton messages={labelled ? messages : null} />
  else if (state.kind === 'error') {
    body = <ErrorState error={state.error} messages={messages} onRetry={() => setAttempt((n) => n + 1)} />
  } else {
    const { journey, model } = state
    const span = format.span(model.windowMs)
    if (journey.interactions.length === 0) body = <EmptyState messages={messages} span={span} />
    else {
      const counts = Object.fromEntries(LANES.map((lane, i) => [lane.type, model.lanes[i]!.length]))
      const { gist, split } = words!
      const panel = {
        messages,
        format,
        linkTemplate: config.linkTemplate,
        pinned,
        onPreview: setPreview,
        onPin: (item: ItemRef) => setPinned((was) => (was && itemKey(was) === itemKey(item) ? null : item)),
      }
      body = (
        <>
          {gist ? <p class="gist">{gist}</p> : null}
          <p class="summary">
            {model.afterMs > 0
              ? messages.summaryAround(
                  format.number(model.total),
                  format.plural(model.total),
                  span,
                  format.span(model.afterMs),
                )
              : messages.summary(format.number(model.total), format.plural(model.total), span)}
          </p>
          {journey.truncated ? (
            <p class="truncated" role="note">
              {messages.truncated(
                format.number(journey.interactions.length),
                format.number(Object.values(journey.summary.counts).reduce((a, b) => a + b, 0)),
              )}
            </p>
          ) : null}
          <ChartLegend
            counts={counts}
            hidden={hidden}
            messages={messages}
            format={format}
            onToggle={(type) =>
              setHidden((was) => {
                const next = new Set(was)
                if (!next.delete(type)) next.add(type)
                return next
              })
            }
          />
          <JourneyChart
            model={model}
            hidden={hidden}
            highlight={preview ?? pinned}
            messages={messages}
            format={format}
            loadChart={deps.loadChart}
            bridge={bridge}
            onFinished={(points) => {
              performance.mark('casetrail:chart-finished')
              emit('casetrail:chart-finished', {
                points,
                interactions: model.total,
                hidden: LANES.filter((lane) => hidden.has(lane.type)).map((lane) => lane.type),
                window: state.window,
              })
            }}
          />
          <InteractionTable
            interactions={journey.interactions}
            span={span}
            messages={messages}
            format={format}
          />
          <section class="when" data-when="before" part="when before" aria-labelledby="when-before">
            <h3 id="when-before">{messages.beforeCase}</h3>
            <AlreadyReadPanel summary={split.before} when="before" {...panel} />
          </section>
          {split.after ? (
            <section class="when" data-when="after" part="when after" aria-labelledby="when-after">
              <h3 id="when-after">{messages.afterCase}</h3>
              <AlreadyReadPanel summary={split.after} when="after" {...panel} />
            </section>
          ) : null}
        </>
      )
    }
  }

  return (
    <div class="root" lang={locale} data-state={labelled ? state.kind : 'loading'}>
      {props.styles === 'adopted' ? null : <style>{WIDGET_CSS}</style>}
      <header class="head" style={labelled ? undefined : { visibility: 'hidden' }}>
        <ProfileHeader profile={state.kind === 'ready' ? state.journey.profile : null} messages={messages} />
        <WindowSwitch value={windowValue} messages={messages} onChange={setWindowValue} />
      </header>
      {body}
    </div>
  )
}
