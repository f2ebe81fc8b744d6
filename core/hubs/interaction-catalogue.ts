import { INTERACTION_FIELDS, INTERACTION_TYPES, type InteractionType } from '../../schemas/index.ts'

/** One interaction type as the seed's catalogue describes it. */
export interface CatalogueEntry {
  type: InteractionType
  displayName: string
  description: string
  fields: readonly string[]
}

const DESCRIPTIONS: Record<InteractionType, [string, string]> = {
  portal_viewknowledgearticle: ['Knowledge article', 'Tracks portal users viewing a knowledge article'],
  portal_viewblogpost: ['Blog post', 'Tracks portal users viewing a blog post'],
  portal_viewforumthread: ['Forum thread', 'Tracks portal users viewing a forum thread'],
  portal_search: ['Portal Search', 'Tracks portal users’ searches'],
  portal_articlefeedback: [
    'Article feedback',
    'Tracks portal users’ answers to “Was this helpful?” on a knowledge article',
  ],
}

/** The interaction types portals capture, with display names, descriptions and fields. */
export const INTERACTION_CATALOGUE: readonly CatalogueEntry[] = INTERACTION_TYPES.map((type) => ({
  type,
  displayName: DESCRIPTIONS[type][0],
  description: DESCRIPTIONS[type][1],
  fields: INTERACTION_FIELDS[type],
}))
