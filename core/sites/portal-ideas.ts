import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { ItemError } from '../../schemas/index.ts'
import { type RecordStore, createRecordRepository } from '../store/record-repository.ts'

/** Longest idea title and description, in characters. */
export const MAX_IDEA_TITLE_LENGTH = 150
export const MAX_IDEA_DESCRIPTION_LENGTH = 2000

const storedIdea = z.strictObject({
  kind: z.literal('idea'),
  id: z.uuid(),
  portalId: z.string(),
  contactId: z.string(),
  /** The author's name when the idea was submitted (contacts may be renamed; ideas keep who said it). */
  author: z.string(),
  title: z.string(),
  description: z.string(),
  createdAt: z.string(),
})
const storedVote = z.strictObject({
  kind: z.literal('vote'),
  ideaId: z.uuid(),
  contactId: z.string(),
  at: z.string(),
})
const storedRecord = z.discriminatedUnion('kind', [storedIdea, storedVote])

/** An idea as the Ideas page lists it. */
export interface IdeaView {
  id: string
  title: string
  description: string
  author: string
  createdAt: string
  votes: number
  /** Whether the contact the list was read for has voted for it. */
  votedByMe: boolean
}

const text = (field: string, max: number, min: number) =>
  z
    .string()
    .trim()
    .min(min, { error: `${field} must be at least ${min} characters` })
    .max(max, { error: `${field} must be at most ${max} characters` })

/** What a contact submits: a title (3-150 characters) and an optional description. */
export const ideaInputSchema = z.strictObject({
  title: text('title', MAX_IDEA_TITLE_LENGTH, 3),
  description: text('description', MAX_IDEA_DESCRIPTION_LENGTH, 0),
})

/**
 * Ideas on a portal's Ideas page (the Community portal's feature): a
 * signed-in contact submits one and votes (one vote per contact and idea; a
 * second vote takes it back); the list is sorted by votes, then newest first.
 * Stored as records of the portal in `cp_portal_ideas` (the control plane), keyed
 * `{portalId}/idea/{ideaId}` and `{portalId}/vote/{ideaId}/{contactId}`, so a
 * vote is one row and voting twice cannot count twice.
 *
 * @example
 * const ideas = createPortalIdeas({ db })
 * await ideas.submit(portalId, { id: contactId, name: 'Avery Lin' }, { title: 'Dark mode', description: '' })
 */
export function createPortalIdeas(deps: { db: RecordStore; clock?: () => number }) {
  const clock = deps.clock ?? Date.now
  const repo = createRecordRepository(deps.db, 'cp_portal_ideas', storedRecord)
  const ideaKey = (portalId: string, ideaId: string) => `${portalId}/idea/${ideaId}`
  const voteKey = (portalId: string, ideaId: string, contactId: string) =>
    `${portalId}/vote/${ideaId}/${contactId}`

  return {
    /** The portal's ideas, most voted first (then newest), each with whether `contactId` voted for it. */
    async list(portalId: string, contactId: string | null): Promise<IdeaView[]> {
      const rows = await repo.list(`${portalId}/`)
      const votes = new Map<string, { count: number; mine: boolean }>()
      for (const { value } of rows) {
        if (value.kind !== 'vote') continue
        const tally = votes.get(value.ideaId) ?? { count: 0, mine: false }
        tally.count++
        if (value.contactId === contactId) tally.mine = true
        votes.set(value.ideaId, tally)
      }
      return rows
        .flatMap(({ value }) => (value.kind === 'idea' ? [value] : []))
        .map((idea) => ({
          id: idea.id,
          title: idea.title,
          description: idea.description,
          author: idea.author,
          createdAt: idea.createdAt,
          votes: votes.get(idea.id)?.count ?? 0,
          votedByMe: votes.get(idea.id)?.mine ?? false,
        }))
        .sort(
          (a, b) => b.votes - a.votes || b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id),
        )
    },

    /** Submits an idea for a contact; refusals name the field (`title`, `description`) with a code. */
    async submit(
      portalId: string,
      contact: { id: string; name: string },
      input: unknown,
    ): Promise<{ ok: true; id: string } | { ok: false; errors: ItemError[] }> {
      const parsed = ideaInputSchema.safeParse(input)
      if (!parsed.success) {
        return {
          ok: false,
          errors: parsed.error.issues.map((issue) => ({
            path: issue.path.join('.'),
            code:
              issue.code === 'too_small' ? 'too_short' : issue.code === 'too_big' ? 'too_long' : 'invalid',
            message: issue.message,
          })),
        }
      }
      const id = randomUUID()
      await repo.put(ideaKey(portalId, id), {
        kind: 'idea',
        id,
        portalId,
        contactId: contact.id,
        author: contact.name,
        title: parsed.data.title,
        description: parsed.data.description,
        createdAt: new Date(clock()).toISOString(),
      })
      return { ok: true, id }
    },

    /**
     * Casts a contact's vote for an idea, or takes it back when they had
     * voted. `unknown_idea` when the portal has no such idea.
     */
    async vote(
      portalId: string,
      contactId: string,
      ideaId: string,
    ): Promise<{ ok: true; voted: boolean } | { ok: false; code: 'unknown_idea' }> {
      if (!z.uuid().safeParse(ideaId).success || !(await repo.get(ideaKey(portalId, ideaId))))
        return { ok: false, code: 'unknown_idea' }
      const key = voteKey(portalId, ideaId, contactId)
      if (await repo.get(key)) {
        await repo.delete(key)
        return { ok: true, voted: false }
      }
      await repo.put(key, { kind: 'vote', ideaId, contactId, at: new Date(clock()).toISOString() })
      return { ok: true, voted: true }
    },
  }
}

/** The portal ideas' interface. */
export type PortalIdeas = ReturnType<typeof createPortalIdeas>
