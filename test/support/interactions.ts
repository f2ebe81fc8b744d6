import { randomUUID } from 'node:crypto'
import type { Interaction } from '../../schemas/index.ts'

/** A valid knowledge-article view, with overrides. */
export function articleView(overrides: Partial<Record<string, unknown>> = {}): Interaction {
  return {
    type: 'portal_viewknowledgearticle',
    portal_interactionid: randomUUID(),
    portal_contactid: randomUUID(),
    portal_timestamp: new Date().toISOString(),
    portal_portalid: randomUUID(),
    portal_sessionid: 's-1',
    portal_knowledgearticleid: randomUUID(),
    portal_knowledgetitle: 'Reset your password',
    portal_language: 'en-US',
    ...overrides,
  } as Interaction
}

/** A valid search, with overrides. */
export function search(overrides: Partial<Record<string, unknown>> = {}): Interaction {
  return {
    type: 'portal_search',
    portal_interactionid: randomUUID(),
    portal_contactid: randomUUID(),
    portal_timestamp: new Date().toISOString(),
    portal_portalid: randomUUID(),
    portal_searchstring: 'password reset',
    ...overrides,
  } as Interaction
}
