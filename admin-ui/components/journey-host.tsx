import { useEffect, useRef } from 'preact/hooks'

/** The journey widget's script, served by the same edge (the console's CSP allows 'self' only). */
export const WIDGET_SCRIPT = '/widget/casetrail-journey.js'

let loading: Promise<void> | null = null
/** Loads the widget's script once; later calls share the first load. */
export function loadJourneyWidget(): Promise<void> {
  if (customElements.get('casetrail-journey')) return Promise.resolve()
  loading ??= new Promise<void>((resolve, reject) => {
    const script = document.createElement('script')
    script.type = 'module'
    script.src = WIDGET_SCRIPT
    script.onload = () => resolve()
    script.onerror = () => {
      loading = null
      reject(new Error(`could not load ${WIDGET_SCRIPT}`))
    }
    document.head.append(script)
  })
  return loading
}

/** What the widget shows: whose journey, before when, over which window, with which token. */
export interface JourneyView {
  hubId: string
  contactId: string
  /** ISO time of the case. */
  before: string
  window: string
  /** An ISO duration after the case, when the API and widget support it. */
  after?: string
  token: string
  lang: string
}

/**
 * Hosts `<casetrail-journey>` (the same bundle case forms embed), built with
 * the DOM so its attributes are exactly the element's; a new view replaces it.
 */
export function JourneyHost(props: { view: JourneyView; onError?: (error: Error) => void }) {
  const host = useRef<HTMLDivElement>(null)
  const { view } = props
  useEffect(() => {
    let live = true
    loadJourneyWidget().then(
      () => {
        if (!live || !host.current) return
        const el = document.createElement('casetrail-journey')
        const attributes: Record<string, string | undefined> = {
          hub: view.hubId,
          contact: view.contactId,
          before: view.before,
          window: view.window,
          after: view.after,
          token: view.token,
          lang: view.lang,
          'base-url': location.origin,
        }
        for (const [name, value] of Object.entries(attributes)) if (value) el.setAttribute(name, value)
        host.current.replaceChildren(el)
      },
      (error: Error) => live && props.onError?.(error),
    )
    return () => {
      live = false
    }
  }, [view.hubId, view.contactId, view.before, view.window, view.after, view.token, view.lang])
  return <div class="journey-host" ref={host} />
}
