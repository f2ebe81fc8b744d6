import * as z from 'zod'
import { MANAGE_PORTAL, portalManageErrors, BODY_ERRORS } from './api-errors.ts'
import {
  checkDefinitionSchema,
  checkResultSchema,
  checkerActionRecordSchema,
  checkerRunSchema,
  checkerRunSummarySchema,
  feedbackInputSchema,
  portalBeaconsSchema,
  resultSortQuerySchema,
  runActionInputSchema,
  startRunSchema,
} from './checker.ts'
import { portalRead } from './portal-routes.ts'
import { EXAMPLE_IDS, defineRoute } from './route-registry.ts'

const admin = { bearer: 'admin' } as const
const tags = ['Portal checker'] as const
const portalId = z.string().describe('The portal’s id')
const portalParams = z.object({ portalId })
const MANAGE = MANAGE_PORTAL
const errors = portalManageErrors
const RUN_ID = 'example-run'

/** `GET /v1/admin/portals/{portalId}/checker/checks` */
export const listChecks = portalRead({
  path: '/v1/admin/portals/{portalId}/checker/checks',
  operationId: 'listChecks',
  summary: 'The portal checker’s checks',
  tags,
  ok: { description: 'Every check', schema: z.object({ checks: z.array(checkDefinitionSchema) }) },
})

/** `POST /v1/admin/portals/{portalId}/checker/runs` */
export const startCheckerRun = defineRoute({
  method: 'post',
  path: '/v1/admin/portals/{portalId}/checker/runs',
  operationId: 'startCheckerRun',
  summary: 'Run Portal Checker',
  description: `Runs every check (Refresh results: run again) and answers the run with its results. ${MANAGE}`,
  tags,
  security: admin,
  request: { params: portalParams, body: { schema: startRunSchema, optional: true } },
  responses: {
    201: { description: 'The run', schema: checkerRunSchema, headers: { Location: 'The run’s URL' } },
  },
  errors: errors(BODY_ERRORS, [{ status: 409, codes: ['checker_run_in_progress'] }]),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, body: {}, status: 201 },
})

/** `GET /v1/admin/portals/{portalId}/checker/runs` */
export const listCheckerRuns = portalRead({
  path: '/v1/admin/portals/{portalId}/checker/runs',
  operationId: 'listCheckerRuns',
  summary: 'Earlier runs',
  tags,
  ok: {
    description: 'The runs, newest first',
    schema: z.object({ runs: z.array(checkerRunSummarySchema) }),
  },
})

/** `GET /v1/admin/portals/{portalId}/checker/runs/{runId}` */
export const getCheckerRun = defineRoute({
  method: 'get',
  path: '/v1/admin/portals/{portalId}/checker/runs/{runId}',
  operationId: 'getCheckerRun',
  summary: 'A run with its results, sorted by any column',
  description: MANAGE,
  tags,
  security: admin,
  request: {
    params: z.object({ portalId, runId: z.string().describe('The run’s id') }),
    query: resultSortQuerySchema,
  },
  responses: { 200: { description: 'The run', schema: checkerRunSchema } },
  errors: errors([
    { status: 400, codes: ['invalid_sort', 'invalid_order', 'unknown_parameter'] },
    { status: 404, codes: ['checker_run_not_found'] },
  ]),
  example: {
    params: { portalId: EXAMPLE_IDS.portalId, runId: RUN_ID },
    query: { sort: 'category' },
    status: 404,
  },
})

/** `PUT /v1/admin/portals/{portalId}/checker/runs/{runId}/results/{checkId}/feedback` */
export const putCheckFeedback = defineRoute({
  method: 'put',
  path: '/v1/admin/portals/{portalId}/checker/runs/{runId}/results/{checkId}/feedback',
  operationId: 'putCheckFeedback',
  summary: 'Say whether a result was useful',
  description: MANAGE,
  tags,
  security: admin,
  request: {
    params: z.object({ portalId, runId: z.string(), checkId: z.string() }),
    body: { schema: feedbackInputSchema },
  },
  responses: { 200: { description: 'The result with its feedback', schema: checkResultSchema } },
  errors: errors(BODY_ERRORS, [{ status: 404, codes: ['checker_run_not_found', 'check_result_not_found'] }]),
  example: {
    params: { portalId: EXAMPLE_IDS.portalId, runId: RUN_ID, checkId: 'hub-bound' },
    body: { useful: true, comment: 'Found the missing hub' },
    status: 404,
  },
})

/** `POST /v1/admin/portals/{portalId}/checker/actions/{actionId}` */
export const runCheckerAction = defineRoute({
  method: 'post',
  path: '/v1/admin/portals/{portalId}/checker/actions/{actionId}',
  operationId: 'runCheckerAction',
  summary: 'Run an action that fixes what a check found',
  description: `Actions are idempotent: \`changed\` is false when there was nothing left to fix. ${MANAGE} An action needs the rights of the change it makes: those that change a hub or read its key (\`restore-interaction-types\`, \`rebind-hub-key\`) need a global or service administrator, as the hub routes do (\`403 role_required\`).`,
  tags,
  security: admin,
  request: {
    params: z.object({ portalId, actionId: z.string().describe('The action’s id') }),
    body: { schema: runActionInputSchema, optional: true },
  },
  responses: { 200: { description: 'What the action did', schema: checkerActionRecordSchema } },
  // Besides its own, an action answers what the service it calls refuses (a package that fails again, …).
  errors: errors(BODY_ERRORS, [
    { status: 400, codes: ['binding_key_invalid', 'binding_key_unknown', 'binding_key_lacks_send'] },
    { status: 403, codes: ['role_required'] },
    {
      status: 404,
      codes: ['checker_action_not_found', 'checker_run_not_found', 'hub_not_found', 'hub_binding_not_found'],
    },
    {
      status: 409,
      codes: [
        'provisioning_in_progress',
        'portal_already_provisioned',
        'package_already_installed',
        'package_prerequisites_missing',
        'package_install_failed',
        'language_not_installed',
        'instance_not_found',
        'solutions_installing',
      ],
    },
  ]),
  example: { params: { portalId: EXAMPLE_IDS.portalId, actionId: 'no-such-action' }, body: {}, status: 404 },
})

/** `GET /v1/admin/portals/{portalId}/checker/actions` */
export const listCheckerActions = portalRead({
  path: '/v1/admin/portals/{portalId}/checker/actions',
  operationId: 'listCheckerActions',
  summary: 'Actions that ran on the portal',
  tags,
  ok: {
    description: 'The actions, newest first',
    schema: z.object({ actions: z.array(checkerActionRecordSchema) }),
  },
})

/** `GET /v1/admin/portals/{portalId}/beacons` */
export const getPortalBeacons = defineRoute({
  method: 'get',
  path: '/v1/admin/portals/{portalId}/beacons',
  operationId: 'getPortalBeacons',
  summary: 'Beacons received from the portal',
  description: `When the portal's latest interaction arrived, and how many were stored and refused in the last 24 hours (what the Ingestion checks read, without a run): the console's "first beacon seen". ${MANAGE}`,
  tags,
  security: admin,
  request: { params: portalParams },
  responses: {
    200: { description: 'What arrived from the portal', schema: portalBeaconsSchema },
  },
  errors: errors(),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, status: 200 },
})

/** The portal checker routes. */
export const CHECKER_API = [
  listChecks,
  startCheckerRun,
  listCheckerRuns,
  getCheckerRun,
  putCheckFeedback,
  runCheckerAction,
  listCheckerActions,
  getPortalBeacons,
] as const
