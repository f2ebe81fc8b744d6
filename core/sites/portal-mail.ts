import { z } from 'zod'
import type { RecordRepository } from '../store/record-repository.ts'

// A portal's mail to its visitors (confirmation, reset, invitation): the
// message, what sends it, and the outbox that keeps it by default.

/** One message the portal sends. */
export const outboxMessageSchema = z.object({
  id: z.string(),
  portalId: z.string(),
  kind: z.enum(['confirm', 'reset', 'invite']),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  at: z.string(),
})
/** One message the portal sent (into the outbox). */
export type OutboxMessage = z.infer<typeof outboxMessageSchema>

/** What sends a portal's mail. The default keeps it in the outbox; a real sender implements this. */
export interface MailSender {
  send(message: OutboxMessage): Promise<void>
}

/**
 * The outbox: messages kept in the control plane (`portal-outbox/{portalId}/…`),
 * listed for admins, and a log line for each that names the portal, the kind
 * and the message id, never the address's link or a token.
 */
export function createOutbox(deps: {
  repo: RecordRepository<OutboxMessage>
  log?: { info(obj: object, msg: string): void }
}) {
  return {
    async send(message: OutboxMessage): Promise<void> {
      await deps.repo.put(`portal-outbox/${message.portalId}/${message.at}-${message.id}`, message)
      deps.log?.info(
        { portalId: message.portalId, kind: message.kind, messageId: message.id },
        'portal mail placed in the outbox',
      )
    },
    /** A portal's messages, newest first (at most `limit`). */
    async list(portalId: string, limit = 100): Promise<OutboxMessage[]> {
      return (await deps.repo.list(`portal-outbox/${portalId}/`))
        .map((r) => r.value)
        .reverse()
        .slice(0, limit)
    },
  }
}
/** The outbox's interface. */
export type Outbox = ReturnType<typeof createOutbox>
