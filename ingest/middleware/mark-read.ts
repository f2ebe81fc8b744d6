import type { HttpBindings } from '@hono/node-server'
import type { MiddlewareHandler } from 'hono'
import type { ReadsAhead } from '../reads-ahead.ts'

/**
 * Marks a rep's read in flight (see `reads-ahead.ts`) from here until its answer is
 * written, so ingest requests wait before their own work meanwhile. Mounted after the
 * route's token check: a stranger's request never holds ingest back.
 *
 * @example
 * app.get('/v1/hubs/:hubId/contacts/:contactId/journey', requireSas(…), markRead(reads), handler)
 */
export function markRead(reads: Pick<ReadsAhead, 'enter'>): MiddlewareHandler {
  return async function markReadMiddleware(c, next) {
    const done = reads.enter()
    // On @hono/node-server the answer is written after the handlers return: the mark ends
    // when node's response closes (written, or its connection gone), not before.
    const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing
    try {
      await next()
    } finally {
      if (outgoing && !outgoing.closed) outgoing.once('close', done)
      else done()
    }
  }
}
