/** What test/ and bench/ open of admin-ui beyond its face (index.ts): its internals, for suites and benchmarks only; no module imports this file (test/architecture.test.ts). */
export { beaconSnippet } from './beacon-snippet.ts'
export { ROUTES } from './router.ts'
export { checkerWordsDe } from './checker-words-de.ts'
export { checkerWordsFr } from './checker-words-fr.ts'
export { checkerSentence } from './checker-words.ts'
export { WORDS as GUIDED_WORDS } from './guided-words.ts'
export { fr as messagesFr } from './messages-fr.ts'
export { RIGHTS_WORDS } from './rights-words.ts'
