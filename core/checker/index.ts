/** The portal checker: checks, their registry and runner, runs, feedback and actions. */
export { createCheckerService } from './checker-service.ts'
export type { CheckerService } from './checker-service.ts'
export type { CheckDefinition } from './check-types.ts'
