/** What test/ and bench/ open of ingest beyond its face (index.ts): its internals, for suites and benchmarks only; no module imports this file (test/architecture.test.ts). */
export { startHttpListener } from './http-listener.ts'
export type { HttpListener } from './http-listener.ts'
export { leanRouteOf } from './lean-ingest.ts'
export { createLogger } from './logger.ts'
export { MAX_ADMIN_BODY_BYTES, MAX_PROFILE_IMPORT_BYTES } from './middleware/admin-body-limit.ts'
export { adminConsoleRoutes } from './routes/admin-console-routes.tsx'
