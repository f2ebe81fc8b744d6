import { randomUUID } from 'node:crypto'
import {
  DEFAULT_RETENTION_DAYS,
  INTERACTION_TYPES,
  type DeflectionCost,
  type HubKey,
  type InteractionType,
  type KeyRight,
  type ProfileConfig,
  type UpdateHubInput,
} from '../../schemas/index.ts'
import { DomainError } from '../errors.ts'
import { type SecretBox, createSecretSealer } from '../secrets/index.ts'
import type { ChangeFeed } from '../store/change-feed.ts'
import { type RecordStore, createRecordRepository } from '../store/record-repository.ts'
import { createHubCache } from './hub-cache.ts'
import { type StoredHub, generateKeySecret, hubSecretFields, storedHubSchema } from './hub-record.ts'
import { type SasPrincipal, type SasRequest, createSasVerifier } from './sas-verifier.ts'

// Hubs and their keys: creation, the admin changes, and the hot path's
// authorization. The record is in hub-record.ts, the cache in hub-cache.ts,
// token verification in sas-verifier.ts.

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
  const cache = createHubCache({
    read: async (hubId) => (await repo.get(hubId)) ?? undefined,
    clock,
    feed: deps.feed,
  })
  const verify = createSasVerifier({ publicUrl: deps.publicUrl, clock })
  const load = async (hubId: string): Promise<StoredHub> => {
    const hub = await cache.load(hubId)
    if (!hub) throw hubNotFound(hubId)
    return hub
  }
  const loadHot = async (hubId: string): Promise<StoredHub> => {
    const hub = await cache.loadHot(hubId)
    if (!hub) throw hubNotFound(hubId)
    return hub
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
    cache.set(hubId, stored!.value)
    await deps.feed?.publish('hubs', hubId)
    return result as R
  }
  const changeHub = (hubId: string, edit: (hub: StoredHub) => StoredHub): Promise<StoredHub> =>
    change(hubId, (hub) => {
      const next = edit(hub)
      return { hub: next, result: next }
    })

  /** A key of that name with `rights` (each once) and two fresh secrets. */
  const newKey = (keyName: string, rights: KeyRight[]): HubKey => ({
    keyName,
    rights: [...new Set(rights)],
    primaryKey: generateKeySecret(),
    secondaryKey: generateKeySecret(),
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
      cache.set(hub.id, hub)
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
        const key = newKey(keyName, rights)
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
        const key = newKey(keyName, rights)
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
    async authorize(request: SasRequest): Promise<SasPrincipal> {
      return verify(await loadHot(request.hubId), request)
    },
  }
}

/** The hub service's interface, for those who take it as a dependency. */
export type HubService = ReturnType<typeof createHubService>
