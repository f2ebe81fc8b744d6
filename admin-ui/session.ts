/**
 * The signed-in token lives in `sessionStorage` only: it goes with the tab,
 * never into a URL, a cookie or a log.
 */
const KEY = 'casetrail.admin.token'

/** The token of this tab's session, or null. */
export function readToken(): string | null {
  try {
    return sessionStorage.getItem(KEY)
  } catch {
    return null
  }
}

/** Keeps the token for this tab. */
export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token)
}

/** Forgets the token (sign out). */
export function clearToken(): void {
  try {
    sessionStorage.removeItem(KEY)
  } catch {
    // storage unavailable: nothing kept, nothing to clear
  }
}
