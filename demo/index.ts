/**
 * The demo: what `npm start` shows a newcomer (CASETRAIL_DEMO, on by default).
 * It lives outside core's modules and seeds through core's face only, so no
 * domain module knows a demo exists (test/architecture.test.ts holds it so).
 */
export { ensureDemoCase } from './demo-case.ts'
export { demoOneClick, seedDemoPortal } from './demo-portal.ts'
export type { DemoPortal } from './demo-portal.ts'
export { seedDemo } from './seed-demo.ts'
export type { DemoState } from './seed-demo.ts'
export { startDemo } from './start-demo.ts'
export type { StartedDemo } from './start-demo.ts'
