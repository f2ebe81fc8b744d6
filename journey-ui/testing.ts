/** What test/ and bench/ open of journey-ui beyond its face (index.ts): its internals, for suites and benchmarks only; no module imports this file (test/architecture.test.ts). */
export { LIST_LIMIT } from './already-read-panel.tsx'
export { CROWDED_CASES, crowdedJourney, sampleJourney } from './sample-journey.ts'
