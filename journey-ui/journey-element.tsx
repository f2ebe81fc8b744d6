import { render } from 'preact'
import type { ChartBridge, ChartLayout, ChartModule, ClientPoint } from './chart-bridge.ts'
import type { JourneyParser } from './journey-client.ts'
import {
  type EmitJourneyEvent,
  JourneyWidget,
  type WidgetConfig,
  type WidgetDeps,
} from './journey-widget.tsx'
import { WIDGET_CSS } from './widget-styles.ts'

/** The element's tag name. */
export const JOURNEY_ELEMENT_TAG = 'casetrail-journey'

/** The attributes the element reads (and re-renders on). */
export const JOURNEY_ATTRIBUTES = [
  'hub',
  'contact',
  'before',
  'window',
  'after',
  'token',
  'base-url',
  'lang',
  'portal-link',
] as const

/** The window the element asks for when it has no `window` attribute. */
export const DEFAULT_WINDOW = 'P7D'

const loadParser = (): Promise<JourneyParser> =>
  import('./parse-journey.ts').then((module) => module.parseJourney)

let chartModule: Promise<ChartModule> | null = null
const loadChart = (): Promise<ChartModule> => {
  chartModule ??= import('./echarts-chart.ts').catch((err: unknown) => {
    chartModule = null // let a later attempt try the network again
    throw err
  })
  return chartModule
}

// The script's own origin and folder's parent: `/widget/casetrail-journey.js` -> `/`.
function defaultBaseUrl(): string {
  try {
    const here = new URL(import.meta.url)
    if (here.protocol === 'http:' || here.protocol === 'https:') return new URL('..', here).href
  } catch {
    // not loaded from a URL (tests): fall through
  }
  return globalThis.location?.origin ?? ''
}

let sheet: CSSStyleSheet | null = null

// A constructable stylesheet, shared by every instance, is no inline style in CSP's eyes: the widget
// works on case forms whose policy has no 'unsafe-inline'. Where it is missing, a <style> it is.
function adoptStyles(root: ShadowRoot): boolean {
  if (!('adoptedStyleSheets' in root) || typeof CSSStyleSheet === 'undefined') return false
  try {
    if (!sheet) {
      sheet = new CSSStyleSheet()
      sheet.replaceSync(WIDGET_CSS)
    }
    root.adoptedStyleSheets = [sheet]
    return true
  } catch {
    return false
  }
}

// Lets this module load where there is no DOM (type checks, dependency scans); the element only works in one.
const ElementBase: typeof HTMLElement = globalThis.HTMLElement ?? (class {} as unknown as typeof HTMLElement)

/**
 * `<casetrail-journey>`: what a customer read and searched on the portal before
 * a case, for the case form. Renders into an open shadow root.
 *
 * Attributes: `hub`, `contact`, `before` (the case's creation time, ISO 8601
 * with offset), `window` (ISO 8601 duration, default `P7D`), `after` (ISO 8601
 * duration after the case to show too: drawn right of the case's line;
 * none by default), `token` (a
 * per-contact read token), `base-url` (casetrail's URL; defaults to the origin
 * the script came from), `lang` (labels in en, fr, de; dates and numbers in
 * that locale), `portal-link` (a template such as
 * `https://portal.example.com/go/{kind}/{id}` for links back to the portal).
 *
 * What it shows: one sentence of what the customer did in the hour before the
 * case (`.gist`), the chart over exactly the chosen window with the last hour
 * in a band of its own, and the lists in two groups, `section.when` marked
 * `data-when="before"` and `data-when="after"`, exposed as shadow parts so a
 * host page can style them: `casetrail-journey::part(after) { … }`.
 * Under 560 px of its own width the chart drops the lane names; under 480 px
 * the table lays each row out as a block. French and German labels load as a
 * chunk of their own when `lang` asks for them.
 *
 * Theming: `--casetrail-font-family`, `--casetrail-font-size`,
 * `--casetrail-color-{text,muted,background,surface,border,accent,link,danger,focus}`,
 * `--casetrail-radius`, `--casetrail-chart-height`,
 * `--casetrail-lane-{article,blog,forum,search,feedback}`.
 *
 * Events (bubbling, composed): see {@link JourneyEventMap}.
 *
 * @example
 * <script type="module" src="https://casetrail.example.com/widget/casetrail-journey.js"></script>
 * <casetrail-journey hub="…" contact="…" before="2026-11-02T09:30:00Z" token="SharedAccessSignature sr=…"></casetrail-journey>
 */
export class CasetrailJourneyElement extends ElementBase {
  static readonly observedAttributes: readonly string[] = JOURNEY_ATTRIBUTES
  #root: ShadowRoot | null = null
  #styles: 'inline' | 'adopted' = 'inline'
  #scheduled = false
  readonly #bridge: ChartBridge = { locate: null, layout: null }

  /** Where the widget fetches from and loads its chunks; a subclass may replace any of it. */
  protected widgetDeps(): WidgetDeps {
    return { fetch: (input, init) => globalThis.fetch(input, init), loadParser, loadChart }
  }

  connectedCallback(): void {
    if (!this.#root) {
      this.#root = this.shadowRoot ?? this.attachShadow({ mode: 'open' })
      this.#styles = adoptStyles(this.#root) ? 'adopted' : 'inline'
    }
    this.#schedule()
  }

  disconnectedCallback(): void {
    if (this.#root) render(null, this.#root)
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.#schedule()
  }

  /**
   * Where an interaction's point is drawn, in viewport coordinates, or `null`
   * (chart not drawn yet, type hidden, unknown id). For tests and host pages
   * that want to point at a point.
   */
  locatePoint(interactionId: string): ClientPoint | null {
    return this.#bridge.locate?.(interactionId) ?? null
  }

  /**
   * Where the chart drew every marker and the case's tag, in viewport
   * coordinates, and the time range in view; `null` before the chart is drawn.
   * For tests and host pages that check or point at the drawing.
   */
  chartLayout(): ChartLayout | null {
    return this.#bridge.layout?.() ?? null
  }

  // Several attributes change at once when a host sets them one by one: render once.
  #schedule(): void {
    if (this.#scheduled) return
    this.#scheduled = true
    queueMicrotask(() => {
      this.#scheduled = false
      if (!this.isConnected || !this.#root) return
      render(
        <JourneyWidget
          config={this.#config()}
          deps={this.widgetDeps()}
          emit={this.#emit}
          bridge={this.#bridge}
          styles={this.#styles}
        />,
        this.#root,
      )
    })
  }

  #config(): WidgetConfig {
    const read = (name: string) => this.getAttribute(name)?.trim() || null
    return {
      hubId: read('hub'),
      contactId: read('contact'),
      before: read('before'),
      window: read('window') ?? DEFAULT_WINDOW,
      after: read('after'),
      token: read('token'),
      baseUrl: read('base-url') ?? defaultBaseUrl(),
      linkTemplate: read('portal-link'),
      languages: [
        read('lang'),
        this.closest('[lang]')?.getAttribute('lang'),
        globalThis.document?.documentElement.lang,
        globalThis.navigator?.language,
      ],
    }
  }

  readonly #emit: EmitJourneyEvent = (name, detail) => {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }))
  }
}

/** Options of {@link defineCasetrailJourney}. */
export interface DefineOptions {
  /** Tag name; `casetrail-journey` by default. */
  tag?: string
  /** Replace how the element fetches or loads its chunks (tests, or a host with its own fetch). */
  deps?: Partial<WidgetDeps>
  registry?: CustomElementRegistry
}

/**
 * Registers the element (once per tag) and returns its class. The widget's
 * script calls it with no options; tests pass fakes through `deps`.
 *
 * @example defineCasetrailJourney({ tag: 'test-journey', deps: { fetch: fakeFetch } })
 */
export function defineCasetrailJourney(options: DefineOptions = {}): typeof CasetrailJourneyElement {
  const registry = options.registry ?? customElements
  const tag = options.tag ?? JOURNEY_ELEMENT_TAG
  const existing = registry.get(tag)
  if (existing) return existing as typeof CasetrailJourneyElement
  const overrides = options.deps
  const element = overrides
    ? class extends CasetrailJourneyElement {
        protected override widgetDeps(): WidgetDeps {
          return { ...super.widgetDeps(), ...overrides }
        }
      }
    : CasetrailJourneyElement
  registry.define(tag, element)
  return element
}

declare global {
  interface HTMLElementTagNameMap {
    'casetrail-journey': CasetrailJourneyElement
  }
}
