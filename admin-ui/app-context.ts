/** What every page gets: the API client, who is signed in, and a way to sign out. */
import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { ApiClient } from './api-client.ts'
import type { User } from './api-types.ts'

/** The signed-in session as pages see it. */
export interface AppSession {
  api: ApiClient
  me: User
  /** Names of the instances the user can see, by id (for role labels). */
  instanceNames: Record<string, string>
  /** Ends the session on the server, then forgets it in this tab. */
  signOut(): Promise<void>
}

/** The session context; pages only render inside a signed-in session. */
export const SessionContext = createContext<AppSession | null>(null)

/** The signed-in session (throws outside one: a programming error). */
export function useSession(): AppSession {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession outside a signed-in session')
  return session
}
