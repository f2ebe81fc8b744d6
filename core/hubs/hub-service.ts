import { randomBytes, randomUUID } from 'node:crypto'
import { z } from 'zod'
import {
  DEFAULT_RETENTION_DAYS,
  INTERACTION_TYPES,
  KEY_RIGHTS,
  type Hub,
  type HubKey,
  type InteractionType,
  type KeyRight,
  type DeflectionCost,
  type ProfileConfig,
  type UpdateHubInput,
  deflectionCostSchema,
  profileConfigSchema,
} from '../../schemas/index.ts'
import { DomainError } from '../errors.ts'
import { type SecretBox, type SecretField, createSecretSealer, secretAt } from '../secrets/index.ts'
import { type NormalisedResource, normaliseResource, resourceCovers } from '../sas/resource-uri.ts'
import { parseSasToken, signatureMatches } from '../sas/sas-token.ts'
import { type RecordStore, createRecordRepository } from '../store/record-repository.ts'
import type { ChangeFeed } from '../store/change-feed.ts'
import { LRUCache } from 'lru-cache'

export { profileConfigSchema, type ProfileConfig }

const storedHubSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  keys: z.array(
    z.object({
      keyName: z.string(),
      rights: z.array(z.enum(KEY_RIGHTS)),
      primaryKey: z.string(),
      secondaryKey: z.string(),
    }),
  ),
  /** Interaction types this hub captures; the catalogue. All four by default. */
  capturedTypes: z.array(z.enum(INTERACTION_TYPES)).default([...INTERACTION_TYPES]),
  /** The Contact entity configured as a profile, and the types it is linked to; null until configured. */
  profile: profileConfigSchema.nullable().default(null),
  /** The cost of one case and its currency, for deflection's cost saved; null until set. */
  deflectionCost: deflectionCostSchema.nullable().default(null),
  /** Days interactions and cases are kept (ClickHouse TTL, `POST …/retention/apply`). */
  retentionDays: z.number().int().default(DEFAULT_RETENTION_DAYS),
  /** Whether each journey read writes an audit entry. */
  logJourneyReads: z.boolean().default(false),
})

/** A hub as stored: what the admin API shows, plus its catalogue of captured types. */
export type StoredHub = z.infer<typeof storedHubSchema>

/** Who a verified token speaks for. */
export interface SasPrincipal {
  hubId: string
  keyName: string
  rights: KeyRight[]
  resource: string
  /**
   * The one contact a contact-scoped token (`…/portals/{portalId}/contacts/{contactId}`,
   * what a portal page hands the browser) may send for; absent for every other token.
   */
  contactId?: string
}

/** How long a verified hub stays cached, so each beacon does not read the store. */
const HUB_CACHE_MS = 2000
/** How long the hot path may answer from a cached hub while it reloads in the background. */
const HUB_STALE_MS = 30_000
/** Verified tokens remembered per hub (between reloads of the hub, at most {@link HUB_CACHE_MS}). */
const VERIFIED_TOKENS_PER_HUB = 4096
/** Tokens up to this many seconds past their expiry still pass (clock skew). */
export const CLOCK_SKEW_SECONDS = 30

/**
 * Where a hub record keeps its secrets: each key's primary and secondary
 * secret, sealed with the record's id, key name and field as context.
 */
export const hubSecretFields = (hubId: string, doc: Record<string, unknown>): SecretField[] =>
  (Array.isArray(doc.keys) ? (doc.keys as Array<Record<string, unknown>>) : []).flatMap((k) =>
    (['primaryKey', 'secondaryKey'] as const).flatMap((field) =>
      secretAt(k, [field], `hub:${hubId}:${String(k.keyName)}:${field}`),
    ),
  )

/** A fresh secret: 32 random bytes in base64, as Event Hubs keys are. */
export const generateKeySecret = (): string => randomBytes(32).toString('base64')

/** `manage` implies `send` and `read`, as Manage implies Send and Listen in Event Hubs. */
export const holdsRight = (rights: readonly KeyRight[], right: KeyRight): boolean =>
  rights.includes(right) || rights.includes('manage')

/**
 * Hubs, their keys and what they capture, and verification of the shared
 * access signatures made with those keys. Admin changes read the stored hub
 * under a row lock and write it in the same transaction. Key secrets are sealed in the store (`box`) and opened once per
 * load into the cache, so the hot path never decrypts.
 *
 * @example
 * const hubs = createHubService({ db, box, publicUrl: 'https://ct.example.com' })
 * const hub = await hubs.create('Contoso support')
 * const who = await hubs.authorize({ token, hubId: hub.id, path: `/v1/hubs/${hub.id}`, right: 'send' })
 */
export function createHubService(deps: {
  db: RecordStore
  box: SecretBox
  publicUrl: string
  clock?: () => number
  /**
   * Tells this node of hub changes made on any node. With it, a cached hub
   * stays until a change to it is heard (at once by LISTEN, within a second
   * by the version check): beacons never read the store for a hub the node
   * has, and known keys keep working while the control plane is down.
   * Without it, cached hubs are read again after 2 s.
   */
  feed?: ChangeFeed
}) {
  const clock = deps.clock ?? Date.now
  const repo = createRecordRepository(
    deps.db,
    'cp_hubs',
    storedHubSchema,
    createSecretSealer(deps.box, hubSecretFields),
  )
  const cache = new LRUCache<string, { hub: StoredHub; at: number }>({ max: 100_000 })
  // Bumped by every change heard: a read that began before it must not put back what it read.
  let epoch = 0
  deps.feed?.subscribe('hubs', (change) => {
    epoch++
    if ('all' in change) cache.clear()
    else cache.delete(change.key)
  })
  const fresh = (at: number) => deps.feed !== undefined || clock() - at < HUB_CACHE_MS
  const remember = (hubId: string, hub: StoredHub, since: number) => {
    if (since === epoch) cache.set(hubId, { hub, at: clock() })
  }
  // Tokens already verified against a hub *object*: a reload or a key change
  // makes a new object, so the memo never outlives the keys it was checked with.
  // Keyed by right and token, not by path: a hub-wide read token (a CRM's) reads many
  // contacts, and each path needs only the coverage test, not the HMACs again.
  const verified = new WeakMap<
    StoredHub,
    Map<string, { principal: SasPrincipal; granted: NormalisedResource; expiresAt: number; path: string }>
  >()
  const publicBase = normaliseResource(deps.publicUrl)
  if (!publicBase) throw new Error(`PUBLIC_URL is not a URL: ${deps.publicUrl}`)
  const load = async (hubId: string): Promise<StoredHub> => {
    const cached = cache.get(hubId)
    if (cached && fresh(cached.at)) return cached.hub
    const since = epoch
    const hub = await repo.get(hubId)
    if (!hub) throw hubNotFound(hubId)
    remember(hubId, hub, since)
    return hub
  }

  // The hot path (ingest, journey) never waits for a reload of a hub it has:
  // past HUB_CACHE_MS it answers from the cache and reloads in the background
  // (one reload per hub at a time); only past HUB_STALE_MS, or for a hub it
  // has never seen, does it wait. A reload queued behind a large insert
  // otherwise stalled every request for that hub every two seconds.
  const reloading = new Map<string, Promise<unknown>>()
  const loadHot = async (hubId: string): Promise<StoredHub> => {
    const cached = cache.get(hubId)
    if (!cached) return load(hubId)
    if (fresh(cached.at)) return cached.hub
    if (clock() - cached.at >= HUB_STALE_MS) return load(hubId)
    if (!reloading.has(hubId)) {
      const since = epoch
      const reload = repo
        .get(hubId)
        .then((hub) => {
          if (hub) remember(hubId, hub, since)
          else cache.delete(hubId)
        })
        .catch(() => undefined) // the stale copy serves until HUB_STALE_MS; then callers see the error
        .finally(() => reloading.delete(hubId))
      reloading.set(hubId, reload)
    }
    return cached.hub
  }

  const hubNotFound = (hubId: string) =>
    new DomainError('not_found', 'hub_not_found', `no hub with id ${JSON.stringify(hubId)}`, 'hubId')

  /**
   * Changes a hub as stored (never as cached): read under a row lock and
   * written in one transaction, so a change made meanwhile, on this node or
   * another, is never dropped. `edit` may run again (a lost race on insert)
   * and may throw a DomainError, which writes nothing.
   */
  const change = async <R>(
    hubId: string,
    edit: (hub: StoredHub) => { hub: StoredHub; result: R },
  ): Promise<R> => {
    let result: R | undefined
    const stored = await repo.update(hubId, (current) => {
      if (!current) throw hubNotFound(hubId)
      const next = edit(current.value)
      result = next.result
      // The hub given back as it was: nothing to write.
      return next.hub === current.value ? undefined : next.hub
    })
    cache.set(hubId, { hub: stored!.value, at: clock() })
    await deps.feed?.publish('hubs', hubId)
    return result as R
  }
  const changeHub = (hubId: string, edit: (hub: StoredHub) => StoredHub): Promise<StoredHub> =>
    change(hubId, (hub) => {
      const next = edit(hub)
      return { hub: next, result: next }
    })

  const findKey = (hub: StoredHub, keyName: string): HubKey => {
    const key = hub.keys.find((k) => k.keyName === keyName)
    if (!key) {
      throw new DomainError(
        'not_found',
        'key_not_found',
        `hub ${hub.id} has no key named ${JSON.stringify(keyName)}`,
        'keyName',
      )
    }
    return key
  }

  /** The resource URI of a path under PUBLIC_URL, e.g. `/v1/hubs/{id}`. */
  const resourceOf = (path: string): NormalisedResource => {
    const extra = normaliseResource(`https://x${path}`)
    return { host: publicBase.host, segments: [...publicBase.segments, ...(extra?.segments ?? [])] }
  }

  return {
    /** Creates a hub with a `default` key holding send, read and manage. */
    create: async (name: string): Promise<StoredHub> => {
      const hub: StoredHub = {
        id: randomUUID(),
        name,
        createdAt: new Date(clock()).toISOString(),
        keys: [
          {
            keyName: 'default',
            rights: ['send', 'read', 'manage'],
            primaryKey: generateKeySecret(),
            secondaryKey: generateKeySecret(),
          },
        ],
        capturedTypes: [...INTERACTION_TYPES],
        profile: null,
        deflectionCost: null,
        retentionDays: DEFAULT_RETENTION_DAYS,
        logJourneyReads: false,
      }
      await repo.put(hub.id, hub)
      cache.set(hub.id, { hub, at: clock() })
      await deps.feed?.publish('hubs', hub.id)
      return hub
    },

    /** Every hub, oldest first. */
    list: async (): Promise<StoredHub[]> =>
      (await repo.list()).map((r) => r.value).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),

    /** One hub; `hub_not_found` when there is none. Reads the store, never the cache. */
    get: async (hubId: string): Promise<StoredHub> => {
      cache.delete(hubId)
      return load(hubId)
    },

    /** The hub, from a short-lived cache: for the hot path only. */
    getCached: loadHot,

    addKey: (hubId: string, keyName: string, rights: KeyRight[]): Promise<HubKey> =>
      change(hubId, (hub) => {
        if (hub.keys.some((k) => k.keyName === keyName)) {
          throw new DomainError(
            'conflict',
            'key_exists',
            `hub ${hubId} already has a key named ${JSON.stringify(keyName)}`,
            'keyName',
          )
        }
        const key: HubKey = {
          keyName,
          rights: [...new Set(rights)],
          primaryKey: generateKeySecret(),
          secondaryKey: generateKeySecret(),
        }
        return { hub: { ...hub, keys: [...hub.keys, key] }, result: key }
      }),

    /**
     * The hub's key of that name, made with `rights` when the hub has none
     * (an existing key is returned as it is: callers that need exact rights check them).
     */
    ensureKey: (hubId: string, keyName: string, rights: KeyRight[]): Promise<HubKey> =>
      change(hubId, (hub) => {
        const found = hub.keys.find((k) => k.keyName === keyName)
        if (found) return { hub, result: found }
        const key: HubKey = {
          keyName,
          rights: [...new Set(rights)],
          primaryKey: generateKeySecret(),
          secondaryKey: generateKeySecret(),
        }
        return { hub: { ...hub, keys: [...hub.keys, key] }, result: key }
      }),

    regenerateKey: (hubId: string, keyName: string, which: 'primary' | 'secondary'): Promise<HubKey> =>
      change(hubId, (hub) => {
        const key = {
          ...findKey(hub, keyName),
          [which === 'primary' ? 'primaryKey' : 'secondaryKey']: generateKeySecret(),
        }
        return { hub: { ...hub, keys: hub.keys.map((k) => (k.keyName === keyName ? key : k)) }, result: key }
      }),

    deleteKey: async (hubId: string, keyName: string): Promise<void> => {
      await changeHub(hubId, (hub) => {
        findKey(hub, keyName)
        return { ...hub, keys: hub.keys.filter((k) => k.keyName !== keyName) }
      })
    },

    /** Changes the hub's name, retention or journey read log; absent fields stay as they are. */
    update: (hubId: string, input: UpdateHubInput): Promise<StoredHub> =>
      changeHub(hubId, (hub) => ({
        ...hub,
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.retentionDays === undefined ? {} : { retentionDays: input.retentionDays }),
        ...(input.logJourneyReads === undefined ? {} : { logJourneyReads: input.logJourneyReads }),
      })),

    /** Sets which interaction types the hub captures (the catalogue). */
    setCapturedTypes: (hubId: string, types: InteractionType[]): Promise<StoredHub> =>
      changeHub(hubId, (hub) => {
        const wanted = new Set(types)
        return { ...hub, capturedTypes: INTERACTION_TYPES.filter((t) => wanted.has(t)) }
      }),

    /** Sets (or, with null, removes) the cost of one case that deflection's cost saved uses. */
    setDeflectionCost: (hubId: string, cost: DeflectionCost | null): Promise<StoredHub> =>
      changeHub(hubId, (hub) => ({ ...hub, deflectionCost: cost })),

    /** Configures (or, with null, removes) the Contact entity as the hub's profile. */
    setProfileConfig: (hubId: string, profile: ProfileConfig | null): Promise<StoredHub> =>
      changeHub(hubId, (hub) => ({
        ...hub,
        profile: profile && { ...profile, linkedTypes: [...new Set(profile.linkedTypes)] },
      })),

    /**
     * Checks the key opens every stored hub and seals the secrets of hubs
     * written before sealing; returns how many it rewrote. Run once at open.
     */
    reseal: (): Promise<number> => repo.reseal(),

    /** The full resource URI of a path, as a token for it must name it. */
    resourceUri: (path: string): string => `${deps.publicUrl.replace(/\/+$/, '')}${path}`,

    /**
     * Verifies a shared access signature for `path` (under PUBLIC_URL) and a
     * right. Throws a DomainError with the failure's code: `token_malformed`,
     * `token_expired`, `key_unknown`, `signature_invalid` (401), `token_scope`,
     * `token_right` (403), `hub_not_found` (404).
     */
    async authorize(request: {
      token: string
      hubId: string
      path: string
      right: KeyRight
      /**
       * Also accept a token for `{path}/contacts/{contactId}` (a portal page's
       * token, for its visitor): the principal then names that contact, and
       * the caller must hold every item to it. Only the portal's interaction
       * route allows it.
       */
      contactBelow?: boolean
    }): Promise<SasPrincipal> {
      const hub = await loadHot(request.hubId)
      // The hot path: a portal sends many beacons with one token. A token that
      // verified for this right skips the HMAC until it expires; each path is
      // still checked against what it grants (a miss takes the full path below,
      // which answers token_scope as before).
      const memoKey = `${request.right}${request.contactBelow ? '+contact' : ''} ${request.token}`
      let memo = verified.get(hub)
      const hit = memo?.get(memoKey)
      if (hit && hit.expiresAt + CLOCK_SKEW_SECONDS >= Math.floor(clock() / 1000)) {
        // A portal's beacons name one path: compared as text, no URL parsed.
        if (hit.path === request.path) return hit.principal
        if (resourceCovers(hit.granted, resourceOf(request.path))) {
          hit.path = request.path
          return hit.principal
        }
      }
      const parsed = parseSasToken(request.token)
      if (!parsed.ok) throw new DomainError('unauthenticated', parsed.code, parsed.message)
      const token = parsed.token
      if (token.expiresAt + CLOCK_SKEW_SECONDS < Math.floor(clock() / 1000)) {
        throw new DomainError(
          'unauthenticated',
          'token_expired',
          `the token expired at ${new Date(token.expiresAt * 1000).toISOString()}`,
        )
      }
      const key = hub.keys.find((k) => k.keyName === token.keyName)
      // Verify the signature even for an unknown key name, so timing does not
      // tell which key names exist.
      const secrets = key ? [key.primaryKey, key.secondaryKey] : [generateKeySecret()]
      const signed = signatureMatches(token, secrets)
      if (!key)
        throw new DomainError(
          'unauthenticated',
          'key_unknown',
          `hub ${hub.id} has no key named ${JSON.stringify(token.keyName)}`,
        )
      if (!signed)
        throw new DomainError(
          'unauthenticated',
          'signature_invalid',
          'the token signature does not match the key it names',
        )
      const granted = normaliseResource(token.resourceUri)
      const contactId =
        request.contactBelow && granted ? contactBelow(granted, resourceOf(request.path)) : null
      if (!granted || (contactId === null && !resourceCovers(granted, resourceOf(request.path)))) {
        throw new DomainError(
          'forbidden',
          'token_scope',
          `the token is for ${token.resourceUri}, which does not cover ${request.path}`,
        )
      }
      if (!holdsRight(key.rights, request.right)) {
        throw new DomainError(
          'forbidden',
          'token_right',
          `key ${key.keyName} lacks the ${request.right} right`,
        )
      }
      const principal = {
        hubId: hub.id,
        keyName: key.keyName,
        rights: key.rights,
        resource: token.resourceUri,
        ...(contactId === null ? {} : { contactId }),
      }
      if (!memo) {
        memo = new Map()
        verified.set(hub, memo)
      }
      if (memo.size >= VERIFIED_TOKENS_PER_HUB) memo.clear()
      memo.set(memoKey, { principal, granted, expiresAt: token.expiresAt, path: request.path })
      return principal
    },
  }
}

/**
 * The contact a token for `{requested}/contacts/{contactId}` names (exactly two
 * segments below the requested resource), or null when the token is any other.
 */
function contactBelow(granted: NormalisedResource, requested: NormalisedResource): string | null {
  const n = requested.segments.length
  if (granted.segments.length !== n + 2 || granted.segments[n] !== 'contacts') return null
  const below = { host: granted.host, segments: granted.segments.slice(0, n) }
  if (!resourceCovers(below, requested) || !resourceCovers(requested, below)) return null
  return granted.segments[n + 1] ?? null
}

/** The hub service's interface, for those who take it as a dependency. */
export type HubService = ReturnType<typeof createHubService>

/** A hub as the admin API shows it. */
export const toHubView = (
  hub: StoredHub,
): Hub & {
  capturedTypes: InteractionType[]
  profile: ProfileConfig | null
  deflectionCost: DeflectionCost | null
  retentionDays: number
  logJourneyReads: boolean
} => ({
  id: hub.id,
  name: hub.name,
  createdAt: hub.createdAt,
  keys: hub.keys,
  capturedTypes: hub.capturedTypes,
  profile: hub.profile,
  deflectionCost: hub.deflectionCost,
  retentionDays: hub.retentionDays,
  logJourneyReads: hub.logJourneyReads,
})
