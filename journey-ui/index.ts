/** The embeddable journey widget: the `<casetrail-journey>` custom element and what it is made of. */
export {
  CasetrailJourneyElement,
  DEFAULT_WINDOW,
  JOURNEY_ATTRIBUTES,
  JOURNEY_ELEMENT_TAG,
  defineCasetrailJourney,
} from './journey-element.tsx'
export type { DefineOptions } from './journey-element.tsx'
export { JourneyWidget, missingAttributes } from './journey-widget.tsx'
export type { EmitJourneyEvent, JourneyEventMap, WidgetConfig, WidgetDeps } from './journey-widget.tsx'
export type { ChartBridge, ChartLayout, ChartModule, ClientBox, ClientPoint } from './chart-bridge.ts'
export { authorizationFor, fetchJourney, journeyUrl } from './journey-client.ts'
export type {
  JourneyClientDeps,
  JourneyErrorCode,
  JourneyOutcome,
  JourneyParser,
  JourneyRequest,
} from './journey-client.ts'
export { MESSAGES } from './catalogues.ts'
export { loadMessages, resolveLocale } from './messages.ts'
export type { LabelLanguage, Messages, ResolvedLocale, WindowSpan } from './messages.ts'
export { createJourneyFormat, windowSpan } from './journey-format.ts'
export type { JourneyFormat } from './journey-format.ts'
export { LANES, laneOf } from './lane-styles.ts'
export type { LaneDecal, LaneStyle } from './lane-styles.ts'
export { portalLink } from './portal-link.ts'
export { WINDOW_CHOICES } from './window-switch.tsx'
export { WIDGET_CSS } from './widget-styles.ts'
export {
  buildChartOption,
  chartDescription,
  interactionLanguage,
  interactionText,
} from './journey-chart-options.ts'
export type { ChartTheme, JourneyChartOption } from './journey-chart-options.ts'
export { activitySpan, plotModel } from './plot-model.ts'
export type { CaseMark, PlotModel, PlotPoint } from './plot-model.ts'
export { spreadLane } from './marker-layout.ts'
