import * as z from 'zod'
import {
  ADMIN_AUTH_ERRORS,
  MANAGE_PORTAL,
  PAGE_ERRORS,
  mergeErrors,
  portalManageErrors,
} from './api-errors.ts'
import { PAGE_NOTE, nextCursorSchema, pageQuerySchema } from './pagination.ts'
import { jobSchema } from './portals.ts'
import { EXAMPLE_IDS, defineRoute } from './route-registry.ts'

const admin = { bearer: 'admin' } as const
const tags = ['Portals'] as const

/** The states a provisioning job can be in. */
export const JOB_STATES = ['running', 'succeeded', 'failed'] as const

/** A job in the list across portals: the job and the name of its portal. */
export const provisioningJobItemSchema = jobSchema.extend({
  portalName: z.string().describe('The portal’s name (as the portal list shows it)'),
})

/** `GET /v1/admin/portals/{portalId}/provisioning/jobs` */
export const listPortalJobs = defineRoute({
  method: 'get',
  path: '/v1/admin/portals/{portalId}/provisioning/jobs',
  operationId: 'listPortalJobs',
  summary: 'A portal’s provisioning attempts, step by step',
  description: `Every job of the portal (one per attempt: provision, restart, change values), oldest attempt first, with its steps. ${MANAGE_PORTAL} ${PAGE_NOTE}`,
  tags,
  security: admin,
  request: { params: z.object({ portalId: z.string().describe('The portal’s id') }), query: pageQuerySchema },
  responses: {
    200: {
      description: 'A page of the portal’s jobs, oldest attempt first',
      schema: z.object({ jobs: z.array(jobSchema), nextCursor: nextCursorSchema }),
    },
  },
  errors: portalManageErrors(PAGE_ERRORS),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, query: { limit: '10' }, status: 200 },
})

/** `GET /v1/admin/provisioning-jobs` */
export const listProvisioningJobs = defineRoute({
  method: 'get',
  path: '/v1/admin/provisioning-jobs',
  operationId: 'listProvisioningJobs',
  summary: 'Provisioning jobs across the portals the caller may manage',
  description:
    'Newest first (by start, then by job), e.g. `?state=failed` for the attempts that need a Restart. ' +
    'Only the jobs of portals the caller may manage (a global or service administrator sees all; a system ' +
    `administrator those of their instances; anyone else none). ${PAGE_NOTE}`,
  tags,
  security: admin,
  request: {
    query: pageQuerySchema.extend({
      state: z
        .enum(JOB_STATES)
        .optional()
        .describe(`Only jobs in this state: ${JOB_STATES.join(', ')}`),
    }),
  },
  responses: {
    200: {
      description: 'A page of jobs, newest first',
      schema: z.object({ jobs: z.array(provisioningJobItemSchema), nextCursor: nextCursorSchema }),
    },
  },
  errors: mergeErrors(ADMIN_AUTH_ERRORS, PAGE_ERRORS, [{ status: 400, codes: ['invalid_state'] }]),
  example: { query: { state: 'failed', limit: '20' }, status: 200 },
})

/** The provisioning job lists. */
export const PROVISIONING_JOBS_API = [listPortalJobs, listProvisioningJobs] as const
