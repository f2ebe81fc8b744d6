import * as z from 'zod'
import { MANAGE_PORTAL, portalManageErrors } from './api-errors.ts'
import { EXAMPLE_IDS, type RouteResponse, defineRoute } from './route-registry.ts'

/** What the admin routes on portals share: their security, their tag and the portal path parameter. */
export const admin = { bearer: 'admin' } as const
export const tags = ['Portals'] as const
export const portalId = z.string().describe('The portal’s id')
export const portalParams = z.object({ portalId })

/**
 * A read of one portal's resource (its checks, runs, packages, certificates, …):
 * `GET` on a path under the portal, for whoever may manage it, answering 200 with `ok`.
 */
export const portalRead = <
  const P extends string,
  const O extends string,
  const S extends string,
  const T extends readonly string[],
  const Ok extends RouteResponse,
>(route: {
  path: P
  operationId: O
  summary: S
  tags: T
  ok: Ok
}) =>
  defineRoute({
    method: 'get',
    path: route.path,
    operationId: route.operationId,
    summary: route.summary,
    description: MANAGE_PORTAL,
    tags: route.tags,
    security: admin,
    request: { params: portalParams },
    responses: { 200: route.ok },
    errors: portalManageErrors(),
    example: { params: { portalId: EXAMPLE_IDS.portalId }, status: 200 },
  })
