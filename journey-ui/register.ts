/**
 * The widget's script (`/widget/casetrail-journey.js`): marks when it starts,
 * for the budget bench, and registers `<casetrail-journey>`. The only module
 * with an effect on load, since loading it is how a page asks for the element.
 */
import { defineCasetrailJourney } from './journey-element.tsx'

performance.mark('casetrail:script-start')
defineCasetrailJourney()
