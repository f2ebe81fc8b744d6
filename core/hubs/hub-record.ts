import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import {
  DEFAULT_RETENTION_DAYS,
  INTERACTION_TYPES,
  KEY_RIGHTS,
  type DeflectionCost,
  type Hub,
  type InteractionType,
  type KeyRight,
  type ProfileConfig,
  deflectionCostSchema,
  profileConfigSchema,
} from '../../schemas/index.ts'
import { type SecretField, secretAt } from '../secrets/index.ts'

// A hub as the control plane stores it: its keys, catalogue, profile,
// deflection cost and retention, where its secrets are sealed, and how the
// admin API shows it.

/** A hub record as stored (the `cp_hubs` document). */
export const storedHubSchema = z.object({
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
