import * as z from 'zod'

/** Shortest and longest life of a minted token, in seconds (one minute to one year). */
export const TOKEN_TTL_RANGE = { min: 60, max: 31_536_000 } as const

/**
 * `POST /v1/admin/hubs/{hubId}/tokens` body: a shared access signature for
 * the whole hub, one portal or one contact, signed with a key of the hub
 * (its primary secret unless `which` says secondary), living `ttlSeconds`.
 */
export const mintTokenSchema = z.strictObject({
  keyName: z.string().min(1, { error: 'keyName must name a key of the hub' }),
  resource: z.discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('hub') }),
      z.strictObject({
        kind: z.literal('portal'),
        portalId: z.uuid({ error: (i) => `portalId must be a uuid, got ${JSON.stringify(i.input)}` }),
      }),
      z.strictObject({
        kind: z.literal('contact'),
        contactId: z.uuid({ error: (i) => `contactId must be a uuid, got ${JSON.stringify(i.input)}` }),
      }),
    ],
    { error: 'resource.kind must be "hub", "portal" or "contact"' },
  ),
  ttlSeconds: z
    .number({ error: 'ttlSeconds must be a number of seconds' })
    .int({ error: 'ttlSeconds must be a whole number of seconds' })
    .min(TOKEN_TTL_RANGE.min, { error: `ttlSeconds must be at least ${TOKEN_TTL_RANGE.min}` })
    .max(TOKEN_TTL_RANGE.max, { error: `ttlSeconds must be at most ${TOKEN_TTL_RANGE.max} (one year)` }),
  which: z.enum(['primary', 'secondary'], { error: 'which must be "primary" or "secondary"' }).optional(),
})
/** What minting a token takes. */
export type MintTokenInput = z.infer<typeof mintTokenSchema>

/** A minted token: the `Authorization` value, what it covers, and when it expires. */
export const mintedTokenSchema = z.object({
  token: z.string(),
  resourceUri: z.string(),
  keyName: z.string(),
  rights: z.array(z.string()),
  expiresAt: z.string(),
})
/** A minted token. */
export type MintedToken = z.infer<typeof mintedTokenSchema>
