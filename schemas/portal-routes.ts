import * as z from 'zod'

/** What the admin routes on portals share: their security, their tag and the portal path parameter. */
export const admin = { bearer: 'admin' } as const
export const tags = ['Portals'] as const
export const portalId = z.string().describe('The portal’s id')
export const portalParams = z.object({ portalId })
