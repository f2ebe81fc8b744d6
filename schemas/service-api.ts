import * as z from 'zod'
import { defineRoute } from './route-registry.ts'

/** `GET /health` */
export const getHealth = defineRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  summary: 'The process is alive',
  tags: ['Service'],
  security: null,
  responses: { 200: { description: 'Alive', schema: z.object({ status: z.literal('ok') }) } },
  example: { status: 200 },
})

const readySchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  /** Why not ready, the first failing check. */
  reason: z
    .enum([
      'store_unreachable',
      'migrations_pending',
      'flusher_stopped',
      'flusher_stalled',
      'log_above_high_water',
      'readiness_check_failed',
    ])
    .optional(),
  checks: z.record(z.string(), z.string()),
  /** Figures behind the checks: records and bytes waiting in the log, its cap, how long they have waited. */
  details: z.record(z.string(), z.number().nullable()).optional(),
})

/** `GET /ready` */
export const getReady = defineRoute({
  method: 'get',
  path: '/ready',
  operationId: 'getReady',
  summary: 'Whether this node should get traffic',
  description:
    'What a load balancer should route on: 200 when the store answers, the migrations are applied, the flusher is ' +
    'storing what the write-ahead log holds, and the log is below its high-water mark. 503 (same shape, with ' +
    '`reason` and `Retry-After`) otherwise. `/health` is liveness only.',
  tags: ['Service'],
  security: null,
  responses: {
    200: { description: 'Ready', schema: readySchema },
    503: { description: 'Not ready, with the failing check', schema: readySchema },
  },
  example: { status: 200 },
})

/** `GET /metrics` */
export const getMetrics = defineRoute({
  method: 'get',
  path: '/metrics',
  operationId: 'getMetrics',
  summary: 'Prometheus metrics',
  description:
    'Accepted and refused interactions, write-ahead log levels, flush sizes and latency, store errors, HTTP latency, process metrics.',
  tags: ['Service'],
  security: { bearer: 'metrics' },
  responses: {
    200: {
      description: 'The text exposition format',
      schema: z.string(),
      mediaType: 'text/plain; version=0.0.4',
    },
  },
  errors: [
    { status: 401, codes: ['admin_token_missing', 'admin_token_invalid'] },
    { status: 403, codes: ['role_required'] },
  ],
  example: { status: 200 },
})

/** `GET /widget/{path}` */
export const getWidgetFile = defineRoute({
  method: 'get',
  path: '/widget/{path}',
  operationId: 'getWidgetFile',
  summary: 'The journey widget’s files',
  description:
    'The built widget (`/widget/casetrail-journey.js` and its hashed chunks), cross-origin, gzip when asked; hashed chunks are immutable.',
  tags: ['Widget'],
  security: null,
  page: true,
  request: { params: z.object({ path: z.string().describe('A file of the built widget') }) },
  responses: {
    200: { description: 'The file', schema: z.string(), mediaType: 'text/javascript' },
    304: { description: 'Not modified (If-None-Match)' },
  },
  errors: [{ status: 404, codes: ['widget_file_not_found'] }],
  example: { params: { path: 'casetrail-journey.js' }, status: 200 },
})

/** `GET /demo/case` */
export const getDemoCase = defineRoute({
  method: 'get',
  path: '/demo/case',
  operationId: 'getDemoCase',
  summary: 'A demo case form with the journey widget',
  description:
    'Only with the demo data. Mints a short-lived per-contact read token for the widget on each load.',
  tags: ['Widget'],
  security: null,
  page: true,
  request: {
    query: z.object({
      lang: z.string().optional().describe('en, fr or de'),
      window: z.string().optional().describe('PT24H, P7D or P30D'),
    }),
  },
  responses: {
    200: { description: 'The page', schema: z.string(), mediaType: 'text/html' },
  },
  errors: [{ status: 404, codes: ['route_not_found'] }],
  example: { status: 200 },
})

/** `GET /openapi.json` */
export const getOpenApi = defineRoute({
  method: 'get',
  path: '/openapi.json',
  operationId: 'getOpenApi',
  summary: 'This document',
  description: 'OpenAPI 3.1, generated from the zod schemas the routes validate with.',
  tags: ['Service'],
  security: null,
  responses: { 200: { description: 'The OpenAPI document', schema: z.record(z.string(), z.unknown()) } },
  example: { status: 200 },
})

const page = (description: string) => ({
  200: { description, schema: z.string(), mediaType: 'text/html' },
})

/** `GET /admin` */
export const getAdminConsole = defineRoute({
  method: 'get',
  path: '/admin',
  operationId: 'getAdminConsole',
  summary: 'The admin console',
  description: 'The console’s shell page; it signs in with an admin token and talks to this API only.',
  tags: ['Admin console'],
  security: null,
  page: true,
  responses: page('The console'),
  example: { status: 200 },
})

/** `GET /admin/{path}` */
export const getAdminConsolePage = defineRoute({
  method: 'get',
  path: '/admin/{path}',
  operationId: 'getAdminConsolePage',
  summary: 'A page of the admin console',
  description: 'Every path under /admin answers the same shell; the console routes in the browser.',
  tags: ['Admin console'],
  security: null,
  page: true,
  request: { params: z.object({ path: z.string().describe('A page of the console') }) },
  responses: page('The console'),
  example: { params: { path: 'portals' }, status: 200 },
})

/** `GET /admin/assets/{path}` */
export const getAdminConsoleAsset = defineRoute({
  method: 'get',
  path: '/admin/assets/{path}',
  operationId: 'getAdminConsoleAsset',
  summary: 'The admin console’s built files',
  tags: ['Admin console'],
  security: null,
  page: true,
  request: { params: z.object({ path: z.string().describe('A file of the built console') }) },
  responses: {
    200: { description: 'The file', schema: z.string(), mediaType: 'text/javascript' },
    304: { description: 'Not modified (If-None-Match)' },
  },
  errors: [{ status: 404, codes: ['admin_asset_not_found'] }],
  example: { params: { path: 'casetrail-admin.js' }, status: 200 },
})

/** `GET /docs` */
export const getDocs = defineRoute({
  method: 'get',
  path: '/docs',
  operationId: 'getDocs',
  summary: 'This reference, readable',
  description: 'Swagger UI from the installed package (no CDN), under a strict content security policy.',
  tags: ['Service'],
  security: null,
  page: true,
  responses: page('The reference'),
  example: { status: 200 },
})

/** `GET /docs/assets/{path}` */
export const getDocsAsset = defineRoute({
  method: 'get',
  path: '/docs/assets/{path}',
  operationId: 'getDocsAsset',
  summary: 'The reference page’s files',
  tags: ['Service'],
  security: null,
  page: true,
  request: { params: z.object({ path: z.string().describe('A file of the reference page') }) },
  responses: { 200: { description: 'The file', schema: z.string(), mediaType: 'text/javascript' } },
  errors: [{ status: 404, codes: ['docs_asset_not_found'] }],
  example: { params: { path: 'swagger-ui.css' }, status: 200 },
})

/** What `GET /` answers an API client. */
export const serviceIndexSchema = z.object({
  name: z.literal('casetrail'),
  version: z.string(),
  links: z.object({
    docs: z.string(),
    openapi: z.string(),
    admin: z.string(),
    demo: z.string().nullable(),
    health: z.string(),
    ready: z.string(),
  }),
})

/** `GET /` */
export const getRoot = defineRoute({
  method: 'get',
  path: '/',
  operationId: 'getRoot',
  summary: 'What this is, and where to go',
  description:
    'A small HTML page for browsers (`Accept: text/html`), JSON links for API clients: the reference, the document, the admin console and the demo case.',
  tags: ['Service'],
  security: null,
  responses: {
    200: { description: 'The links (HTML for browsers)', schema: serviceIndexSchema },
  },
  example: { status: 200 },
})

/** Health, readiness, metrics, the widget's files, the demo page and the document itself. */
export const SERVICE_API = [
  getRoot,
  getHealth,
  getReady,
  getMetrics,
  getOpenApi,
  getDocs,
  getDocsAsset,
  getWidgetFile,
  getDemoCase,
  getAdminConsole,
  getAdminConsolePage,
  getAdminConsoleAsset,
] as const
