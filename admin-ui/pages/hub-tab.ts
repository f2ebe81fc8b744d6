import type { HubView } from '../api-types.ts'

/**
 * What each tab of a hub's page (keys, catalogue, profiles, retention) is
 * given: the hub, its version, and a way to hand back the hub it changed.
 */
export interface HubTabProps {
  hub: HubView
  /** The hub's ETag: each change is sent with it as If-Match (412 when another admin changed the hub). */
  etag: string | null
  /** The hub after a change, and its new ETag (null: read it again). */
  onChange: (hub: HubView, etag: string | null) => void
}
