import type { CaseDetails, CaseList, CaseListQuery, Profile } from '../../schemas/index.ts'
import { DomainError } from '../errors.ts'
import { holdsRight } from '../hubs/hub-record.ts'
import type { HubService } from '../hubs/hub-service.ts'
import { createSasToken } from '../sas/sas-token.ts'
import type { CaseCursor, CaseRepository } from '../store/case-repository.ts'

/** How long the journey token a case's details carry lives, in seconds. */
export const CASE_JOURNEY_TOKEN_TTL_SECONDS = 900

/** A page cursor: the last case of the page, opaque to clients. */
export const encodeCaseCursor = (c: CaseCursor): string =>
  Buffer.from(JSON.stringify([c.createdAt, c.caseId])).toString('base64url')

/** The position a cursor names, or the 400 `invalid_cursor`. */
export function decodeCaseCursor(cursor: string): CaseCursor {
  const bad = () =>
    new DomainError(
      'invalid',
      'invalid_cursor',
      'cursor must be a nextCursor this list answered, unchanged',
      'cursor',
    )
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw bad()
  }
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    !Number.isSafeInteger(value[0]) ||
    typeof value[1] !== 'string' ||
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value[1])
  ) {
    throw bad()
  }
  return { createdAt: value[0] as number, caseId: value[1] }
}

/**
 * What admins read of a hub's cases: the list (newest first, filtered, a
 * cursor per page) and one case's details, with the contact's profile when
 * the hub has one and a short-lived read token for the contact's journey, so
 * a case page can embed the widget at `before = createdAt`.
 *
 * @example
 * const page = await queries.list(hubId, { limit: 50, status: 'active' })
 */
export function createCaseQueries(deps: {
  hubs: Pick<HubService, 'get' | 'resourceUri'>
  repository: Pick<CaseRepository, 'list' | 'get'>
  profiles: { get(hubId: string, contactId: string): Promise<Profile | null> }
  clock?: () => number
}) {
  const clock = deps.clock ?? Date.now
  return {
    async list(hubId: string, query: CaseListQuery): Promise<CaseList> {
      await deps.hubs.get(hubId)
      const items = await deps.repository.list({
        hubId,
        portalId: query.portalId,
        contactId: query.contactId,
        status: query.status,
        limit: query.limit + 1,
        after: query.cursor === undefined ? undefined : decodeCaseCursor(query.cursor),
      })
      const page = items.slice(0, query.limit)
      const last = page.at(-1)
      return {
        items: page,
        nextCursor:
          items.length > query.limit && last
            ? encodeCaseCursor({ createdAt: Date.parse(last.createdAt), caseId: last.caseId })
            : null,
      }
    },

    async get(
      hubId: string,
      caseId: string,
    ): Promise<CaseDetails & { journey: { token: string; expiresAt: string } | null }> {
      const hub = await deps.hubs.get(hubId)
      const found = /^[0-9a-f-]{36}$/i.test(caseId) ? await deps.repository.get(hubId, caseId) : null
      if (!found) {
        throw new DomainError('not_found', 'case_not_found', `hub ${hubId} has no case ${caseId}`, 'caseId')
      }
      const profile = await deps.profiles.get(hubId, found.contactId)
      const key = hub.keys.find((k) => holdsRight(k.rights, 'read'))
      const now = clock()
      return {
        ...found,
        contact: profile ? { name: profile.name ?? null, email: profile.email ?? null } : null,
        journey: key
          ? {
              token: createSasToken({
                resourceUri: deps.hubs.resourceUri(`/v1/hubs/${hubId}/contacts/${found.contactId}`),
                keyName: key.keyName,
                key: key.primaryKey,
                ttlSeconds: CASE_JOURNEY_TOKEN_TTL_SECONDS,
                now,
              }),
              expiresAt: new Date(now + CASE_JOURNEY_TOKEN_TTL_SECONDS * 1000).toISOString(),
            }
          : null,
      }
    },
  }
}

/** The case queries' interface. */
export type CaseQueries = ReturnType<typeof createCaseQueries>
