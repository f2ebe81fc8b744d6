import type { Bearer, Principal, SasPrincipal } from '../core/index.ts'
import type { Logger } from './logger.ts'

/** What middleware puts on a request's context for the routes after it. */
export interface AppEnv {
  Variables: {
    requestId: string
    log: Logger
    /** The admin principal, set by `adminAuth`. */
    principal: Principal
    /** What the admin bearer token is (the principal's own token or a console session), set by `adminAuth`. */
    bearer: Bearer
    /** The shared access signature's principal, set by `requireSas`. */
    sas: SasPrincipal
    /** Headers middleware offers every answer (see answer-headers.ts), lower-case names. */
    answerHeaders: Record<string, string> | undefined
  }
}
