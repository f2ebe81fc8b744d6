import { Hono } from 'hono'
import {
  type Core,
  DomainError,
  INTERACTION_CATALOGUE,
  assertCanManageHubs,
  parseProfileImport,
  toHubView,
  toQuarantineView,
} from '../../core/index.ts'
import { API, INTERACTION_TYPES, type InteractionType } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { type RecordLocks, versioned } from '../middleware/if-match.ts'
import { validateRoute as v } from '../middleware/validate-route.ts'
import { byCreation, decodeCursor, encodeCursor, paginate } from '../paginate.ts'

/** Largest profile import body, in bytes. */

const interactionTypeParam = (raw: string): InteractionType => {
  const type = INTERACTION_TYPES.find((t) => t === raw)
  if (!type) {
    throw new DomainError(
      'not_found',
      'interaction_type_not_found',
      `no interaction type ${JSON.stringify(raw)}; the types are ${INTERACTION_TYPES.join(', ')}`,
      'type',
    )
  }
  return type
}

/** The last row of a quarantine page, from its cursor (`{receivedAt ms}.{row id}` in base64url). */
function quarantineCursor(cursor: string): { at: number; id: string } {
  const m = /^(\d{1,15})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  )
  if (!m) {
    throw new DomainError(
      'invalid',
      'invalid_cursor',
      'cursor must be the nextCursor a previous page gave',
      'cursor',
    )
  }
  return { at: Number(m[1]), id: m[2]! }
}

/**
 * A hub as a 412 shows it: its keys' names and rights, never their secrets
 * (the ETag hashes them, so a regenerated key is a new version).
 */
const withoutKeySecrets = (view: unknown): unknown => {
  const hub = view as ReturnType<typeof toHubView>
  return { ...hub, keys: hub.keys.map(({ keyName, rights }) => ({ keyName, rights })) }
}

/**
 * Hubs and their shared access keys (named as Event Hubs names authorization
 * rules), the interaction-type catalogue, the Contact profile and its
 * imports, and the quarantine. Mounted behind `adminAuth`; only tenant
 * administrators (global or service administrator) may use them.
 */
export function hubAdminRoutes(deps: {
  core: Pick<Core, 'hubs' | 'profiles' | 'repository' | 'retention'>
  locks: RecordLocks
}) {
  const { hubs, profiles, repository, retention } = deps.core
  const app = new Hono<AppEnv>()
  // One version for the hub record: its keys, its catalogue and its profile config all change it.
  const hubVersion = versioned({
    locks: deps.locks,
    record: (c) => `hub:${c.req.param('hubId')}`,
    current: async (c) => toHubView(await hubs.get(c.req.param('hubId')!)),
    redact: withoutKeySecrets,
  })
  app.use('*', async function requireTenantAdmin(c, next) {
    assertCanManageHubs(c.get('principal'))
    await next()
  })

  app.post('/', v(API.createHub), async (c) => {
    return c.json(toHubView(await hubs.create(c.var.input.body.name)), 201)
  })
  app.get('/', v(API.listHubs), async (c) => {
    const page = paginate((await hubs.list()).map(toHubView), byCreation, c.var.input.query)
    return c.json({ hubs: page.items, nextCursor: page.nextCursor })
  })
  app.get('/:hubId', v(API.getHub), hubVersion, async (c) =>
    c.json(toHubView(await hubs.get(c.req.param('hubId')))),
  )

  app.patch('/:hubId', v(API.updateHub), hubVersion, async (c) =>
    c.json(toHubView(await retention.updateHub(c.req.param('hubId'), c.var.input.body))),
  )
  app.post('/:hubId/retention/apply', v(API.applyRetention), async (c) =>
    c.json(await retention.apply(c.req.param('hubId'))),
  )

  app.post('/:hubId/keys', v(API.createHubKey), hubVersion, async (c) => {
    const { keyName, rights } = c.var.input.body
    return c.json(await hubs.addKey(c.req.param('hubId'), keyName, rights), 201)
  })
  app.post('/:hubId/keys/:keyName/regenerate', v(API.regenerateHubKey), hubVersion, async (c) => {
    const { which } = c.var.input.body
    return c.json(await hubs.regenerateKey(c.req.param('hubId'), c.req.param('keyName'), which))
  })
  app.delete('/:hubId/keys/:keyName', v(API.deleteHubKey), hubVersion, async (c) => {
    await hubs.deleteKey(c.req.param('hubId'), c.req.param('keyName'))
    return c.body(null, 204)
  })

  // The catalogue: deleting a type stops its capture; putting it back restores it.
  app.get('/:hubId/interaction-types', v(API.listInteractionTypes), async (c) => {
    const hub = await hubs.get(c.req.param('hubId'))
    return c.json({
      types: INTERACTION_CATALOGUE.map((e) => ({ ...e, captured: hub.capturedTypes.includes(e.type) })),
    })
  })
  app.put('/:hubId/interaction-types/:type', v(API.captureInteractionType), hubVersion, async (c) => {
    const type = interactionTypeParam(c.req.param('type'))
    const hub = await hubs.get(c.req.param('hubId'))
    await hubs.setCapturedTypes(hub.id, [...hub.capturedTypes, type])
    return c.json({ ...INTERACTION_CATALOGUE.find((e) => e.type === type), captured: true })
  })
  app.delete('/:hubId/interaction-types/:type', v(API.stopInteractionType), hubVersion, async (c) => {
    const type = interactionTypeParam(c.req.param('type'))
    const hub = await hubs.get(c.req.param('hubId'))
    await hubs.setCapturedTypes(
      hub.id,
      hub.capturedTypes.filter((t) => t !== type),
    )
    return c.body(null, 204)
  })

  // Profiles: the Contact entity, keyed by crmrecordid (= portal_contactid).
  app.put('/:hubId/profile-config', v(API.setProfileConfig), hubVersion, async (c) => {
    return c.json(toHubView(await hubs.setProfileConfig(c.req.param('hubId'), c.var.input.body)))
  })
  app.put('/:hubId/deflection-cost', v(API.setDeflectionCost), hubVersion, async (c) => {
    return c.json(toHubView(await hubs.setDeflectionCost(c.req.param('hubId'), c.var.input.body)))
  })
  app.delete('/:hubId/deflection-cost', v(API.deleteDeflectionCost), hubVersion, async (c) => {
    await hubs.setDeflectionCost(c.req.param('hubId'), null)
    return c.body(null, 204)
  })
  app.delete('/:hubId/profile-config', v(API.deleteProfileConfig), hubVersion, async (c) => {
    await hubs.setProfileConfig(c.req.param('hubId'), null)
    return c.body(null, 204)
  })
  app.post('/:hubId/profiles', v(API.importProfiles), async (c) => {
    const hub = await hubs.get(c.req.param('hubId'))
    if (!hub.profile) {
      throw new DomainError(
        'conflict',
        'profile_not_configured',
        'configure the Contact entity as a profile first: PUT …/profile-config',
      )
    }
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    const format = type === 'application/json' ? 'json' : type === 'application/x-ndjson' ? 'ndjson' : null
    if (!format) {
      throw new DomainError(
        'unsupported_media',
        'unsupported_content_type',
        `Content-Type must be application/json or application/x-ndjson, got ${JSON.stringify(type || '(none)')}`,
        'content-type',
      )
    }
    // Its size is held to MAX_PROFILE_IMPORT_BYTES while it is read, chunked or not (adminBodyLimit).
    const result = parseProfileImport(await c.req.text(), format)
    await profiles.upsertMany(hub.id, result.profiles)
    return c.json(
      { upserted: result.profiles.length, rejected: result.rejected },
      result.profiles.length > 0 ? 200 : 400,
    )
  })
  app.get('/:hubId/profiles', v(API.listProfiles), async (c) => {
    const hub = await hubs.get(c.req.param('hubId'))
    const { limit, cursor } = c.var.input.query
    // Paged in the store by crmrecordid (one more than asked, to know whether a page follows).
    const rows = await profiles.page(hub.id, cursor === undefined ? null : decodeCursor(cursor), limit + 1)
    const page = rows.slice(0, limit)
    const last = page[page.length - 1]
    return c.json({
      profiles: page,
      nextCursor: rows.length > limit && last ? encodeCursor(last.crmrecordid) : null,
    })
  })
  app.get('/:hubId/profiles/:crmrecordid', v(API.getProfile), async (c) => {
    const hub = await hubs.get(c.req.param('hubId'))
    const profile = await profiles.get(hub.id, c.req.param('crmrecordid'))
    if (!profile)
      throw new DomainError(
        'not_found',
        'profile_not_found',
        `no profile with crmrecordid ${c.req.param('crmrecordid')}`,
        'crmrecordid',
      )
    return c.json(profile)
  })
  app.delete('/:hubId/profiles/:crmrecordid', v(API.deleteProfile), async (c) => {
    const hub = await hubs.get(c.req.param('hubId'))
    await profiles.delete(hub.id, c.req.param('crmrecordid'))
    return c.body(null, 204)
  })

  app.get('/:hubId/quarantine', v(API.listQuarantine), async (c) => {
    const hub = await hubs.get(c.req.param('hubId'))
    const { limit, cursor } = c.var.input.query
    const rows = await repository.listQuarantine(
      hub.id,
      limit + 1,
      cursor ? quarantineCursor(cursor) : undefined,
    )
    const page = rows.slice(0, limit)
    const last = page[page.length - 1]
    const nextCursor =
      rows.length > limit && last ? Buffer.from(`${last.receivedAt}.${last.id}`).toString('base64url') : null
    return c.json({ items: page.map(toQuarantineView), nextCursor })
  })
  return app
}
