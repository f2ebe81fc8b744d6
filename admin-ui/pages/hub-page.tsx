/**
 * One hub, in tabs: shared access keys (reveal, copy, regenerate, add,
 * delete), minting a token, the interaction-type catalogue, contact profiles
 * and their import, the quarantine, retention (and the journey read log), and
 * the hub's history (its audit entries).
 */
import { seg } from '../api-client.ts'
import type { HubView } from '../api-types.ts'
import { useSession } from '../app-context.ts'
import { HistoryPanel } from '../components/history-panel.tsx'
import { ErrorState, Loading } from '../components/states.tsx'
import { useResource } from '../components/use-resource.ts'
import { useT } from '../i18n.ts'
import { useRightsT } from '../rights-words.ts'
import { BASE } from '../router.ts'
import { HubCatalogue } from './hub-catalogue.tsx'
import { HubKeys } from './hub-keys.tsx'
import { HubProfiles } from './hub-profiles.tsx'
import { HubQuarantine } from './hub-quarantine.tsx'
import { HubRetention } from './hub-retention.tsx'
import { MintToken } from './mint-token.tsx'
import { CopyableText } from '../components/secret.tsx'

const TABS = ['keys', 'token', 'types', 'profiles', 'quarantine', 'retention', 'history'] as const
type Tab = (typeof TABS)[number]

/** The page of one hub. */
export function Page(props: { params: Record<string, string>; search: URLSearchParams }) {
  const t = useT()
  const rightsT = useRightsT()
  const { api } = useSession()
  const id = props.params.hubId!
  // The hub with its version: every change below sends it as If-Match, so another admin's change answers 412.
  const hub = useResource(async () => {
    const data = await api.call('getHub', { params: { hubId: id } })
    return { data, etag: api.etagOf(data) }
  }, [id])
  const wanted = props.search.get('tab')
  const tab: Tab = TABS.includes(wanted as Tab) ? (wanted as Tab) : 'keys'
  const labels: Record<Tab, string> = {
    keys: t.keysTitle,
    token: t.mintTitle,
    types: t.catalogueTitle,
    profiles: t.profilesTitle,
    quarantine: t.quarantineTitle,
    retention: rightsT.retentionTitle,
    history: rightsT.historyTitle,
  }
  if (hub.error && !hub.data) return <ErrorState error={hub.error} onRetry={hub.reload} />
  if (!hub.data) return <Loading />
  const { data: h, etag } = hub.data
  // A change's answer carries the hub's new version; one with no ETag (a 204) reads the hub again.
  const changed = (next: HubView, newEtag: string | null) => {
    if (newEtag) hub.set({ data: next, etag: newEtag })
    else void hub.reload()
  }
  return (
    <section aria-labelledby="page-title">
      <div class="page-head">
        <div>
          <p class="crumb">
            <a href={`${BASE}/hubs`}>{t.hubsTitle}</a>
          </p>
          <h1 id="page-title">{h.name}</h1>
          <p class="sub">
            {t.labelled(t.hubUriShort)}{' '}
            <CopyableText value={`${location.origin}/v1/hubs/${h.id}`} label={t.hubUriShort} />
          </p>
        </div>
      </div>
      <nav class="tabs" aria-label={h.name}>
        {TABS.map((id) => (
          <a
            key={id}
            href={`${BASE}/hubs/${seg(h.id)}?tab=${id}`}
            aria-current={tab === id ? 'page' : undefined}
          >
            {labels[id]}
          </a>
        ))}
      </nav>
      {tab === 'keys' ? <HubKeys hub={h} etag={etag} onChange={changed} /> : null}
      {tab === 'token' ? <MintToken hub={h} /> : null}
      {tab === 'types' ? <HubCatalogue hub={h} etag={etag} onChange={changed} /> : null}
      {tab === 'profiles' ? <HubProfiles hub={h} etag={etag} onChange={changed} /> : null}
      {tab === 'quarantine' ? <HubQuarantine hub={h} /> : null}
      {tab === 'retention' ? <HubRetention hub={h} etag={etag} onChange={changed} /> : null}
      {tab === 'history' ? (
        <HistoryPanel targetType="hub" targetId={h.id} version={etag ?? undefined} />
      ) : null}
    </section>
  )
}
