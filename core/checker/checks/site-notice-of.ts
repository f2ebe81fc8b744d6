import type { SiteAnswer } from '../check-types.ts'

/** The notice page a site answered with (`getting_set_up`, `administration_mode`, …), or null for a page of its own. */
export function siteNoticeOf(html: string): string | null {
  return /data-notice="([a-z_]+)"/.exec(html)?.[1] ?? null
}

/** Whether the site answered with its maintenance page: administration mode is on, and that is what visitors get. */
export function isMaintenanceAnswer(answer: SiteAnswer): boolean {
  return answer.status === 503 && siteNoticeOf(answer.body) === 'administration_mode'
}
