import type { Interaction, InteractionType } from '../schemas/index.ts'

/** The four interaction types, in the seed's order. */
export declare const INTERACTION_TYPES: readonly InteractionType[]
/** A random version-4 uuid (Math.random is enough for load generation). */
export declare function uuid(): string
/** The uuid of contact number `n` in a generated data set (`00000000-0000-4000-8000-<n in 12 hex digits>`). */
export declare function contactId(n: number): string
/** The uuid of knowledge article number `n`. */
export declare function articleId(n: number): string
/** One valid interaction for a portal and contact, timestamped `at` (ms; now by default). */
export declare function interaction(options: {
  portalId: string
  contactId?: string
  type?: InteractionType
  at?: number
}): Interaction
/** `size` interactions for one request, over `contacts` contacts of the data set (random ids when 0 or absent). */
export declare function batch(
  size: number,
  options: { portalId: string; contacts?: number; at?: number },
): Interaction[]
