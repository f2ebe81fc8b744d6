/**
 * Applications' first-run checklist: from a new portal to beacons arriving.
 * Each step's state is computed from the API (licences, hubs, the portal,
 * its binding, the hub's interaction types, the beacons it sent), and each
 * step that is not done offers the button that does the next step. While the
 * portal is bound and no beacon has arrived, the last step asks again every
 * few seconds, so "first beacon seen" appears without a reload.
 */
import { useState } from 'preact/hooks'
import { listAll, seg } from '../api-client.ts'
import { type Portal, isTenantAdmin } from '../api-types.ts'
import { useSession } from '../app-context.ts'
import { usePolling } from '../components/use-polling.ts'
import { useResource } from '../components/use-resource.ts'
import { useGuidedWords } from '../guided-words.ts'
import { formatDateTime, formatList, useLang } from '../i18n.ts'
import { BASE } from '../router.ts'

/** One step: done or not, what is true now, and the next action (a link, or a button). */
interface Step {
  id: 'licence' | 'hub' | 'portal' | 'binding' | 'tracking' | 'beacon'
  title: string
  done: boolean
  /** Not known (the admin may not read what it depends on): shown without a state. */
  unknown?: boolean
  text: string
  action?: { label: string; href: string } | { label: string; onClick: () => void }
}

/** The portal the checklist follows by default: the newest one that is not failed, else the newest. */
export const portalToSetUp = (portals: readonly Portal[]): Portal | null => {
  const newest = [...portals].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  return newest.find((p) => p.status !== 'Provisioning Failed') ?? newest[0] ?? null
}

/** The checklist card, for the portals Applications lists. */
export function SetupChecklist(props: { portals: readonly Portal[] }) {
  const w = useGuidedWords()
  const lang = useLang()
  const { api, me } = useSession()
  const [chosen, setChosen] = useState('')
  const portal = props.portals.find((p) => p.id === chosen) ?? portalToSetUp(props.portals)
  const licences = useResource(
    () => (isTenantAdmin(me) ? api.call('listLicences').then((r) => r.licences) : Promise.resolve(null)),
    [props.portals.length],
  )
  const hubs = useResource(() => listAll(api, 'listHubs', 'hubs').catch(() => null), [])
  const boundHub = portal?.hub?.hubId ?? null
  const beacons = useResource(
    () =>
      portal && boundHub
        ? api.call('getPortalBeacons', { params: { portalId: portal.id } })
        : Promise.resolve(null),
    [portal?.id, boundHub],
  )
  const waiting = Boolean(boundHub && beacons.data && beacons.data.lastReceivedAt === null)
  usePolling(waiting, beacons.reload, 3000)

  const now = Date.now()
  const free = licences.data?.filter(
    (l) => l.portalId === null && (l.expiresAt === null || Date.parse(l.expiresAt) > now),
  )
  const provisioned = portal?.status === 'Provisioned'
  const licensed = Boolean(portal?.licenceId)
  const hub = hubs.data?.find((h) => h.id === boundHub) ?? null
  const analytics = portal ? `${BASE}/portals/${seg(portal.id)}/analytics` : `${BASE}/portals`
  const steps: Step[] = [
    {
      id: 'licence',
      title: w.stepLicence,
      // A portal that holds a licence (from Configuring on) needs no free one.
      unknown: free === undefined && !licensed,
      done: (free?.length ?? 0) > 0 || licensed,
      text:
        free && free.length > 0
          ? w.stepLicenceDone(free.length)
          : licensed
            ? w.stepLicenceProvisioned
            : w.stepLicenceUsed,
      action: { label: w.stepLicenceAction, href: `${BASE}/tenancy#licences` },
    },
    {
      id: 'hub',
      title: w.stepHub,
      unknown: hubs.data === null,
      done: (hubs.data?.length ?? 0) > 0,
      text:
        hubs.data && hubs.data.length > 0
          ? w.stepHubDone(
              formatList(
                lang,
                hubs.data.map((h) => h.name),
              ),
            )
          : w.stepHubTodo,
      action: { label: w.stepHubAction, href: `${BASE}/hubs` },
    },
    {
      id: 'portal',
      title: w.stepPortal,
      done: provisioned,
      text: portal && provisioned ? w.stepPortalDone(portal.name) : w.stepPortalTodo,
      action: { label: w.stepPortalAction, href: `${BASE}/portals/new` },
    },
    {
      id: 'binding',
      title: w.stepBinding,
      done: boundHub !== null,
      text: boundHub ? w.stepBindingDone(hub?.name ?? boundHub) : w.stepBindingTodo,
      action: { label: w.stepBindingAction, href: `${analytics}?open=configure` },
    },
    {
      id: 'tracking',
      title: w.stepTracking,
      done: boundHub !== null && (hub === null || hub.capturedTypes.length > 0),
      text: !boundHub
        ? w.stepTrackingTodo
        : hub?.capturedTypes.length === 0
          ? w.stepTrackingNoTypes
          : w.stepTrackingDone,
      ...(boundHub
        ? { action: { label: w.openHubTypes, href: `${BASE}/hubs/${seg(boundHub)}?tab=types` } }
        : {}),
    },
    {
      id: 'beacon',
      title: w.stepBeacon,
      done: Boolean(beacons.data?.lastReceivedAt),
      text: beacons.data?.lastReceivedAt
        ? w.stepBeaconDone(formatDateTime(lang, beacons.data.lastReceivedAt))
        : w.stepBeaconTodo,
      // Checked again every few seconds while it waits; the snippet is what makes it come.
      ...(boundHub ? { action: { label: w.stepTrackingAction, href: `${analytics}#snippet` } } : {}),
    },
  ]
  // The next step is the first one not done: only it carries the primary button.
  const next = steps.find((s) => !s.done && !s.unknown)
  const allDone = steps.every((s) => s.done || s.unknown)
  const [folded, setFolded] = useState<boolean | null>(null)
  const shut = folded ?? allDone
  return (
    <section class="card checklist" aria-labelledby="checklist-title" data-all-done={String(allDone)}>
      <div class="page-head">
        <h2 id="checklist-title">{w.checklistTitle}</h2>
        <button
          type="button"
          class="button button-small"
          aria-expanded={!shut}
          aria-controls="checklist-steps"
          onClick={() => setFolded(!shut)}
        >
          {shut ? w.checklistShow : w.checklistHide}
        </button>
      </div>
      <p class="lead">{allDone && portal ? w.checklistAllDone(portal.name) : w.checklistIntro}</p>
      <div id="checklist-steps" hidden={shut}>
        {props.portals.length > 1 ? (
          <div class="field">
            <label for="checklist-portal">{w.portalChoice}</label>
            <select
              id="checklist-portal"
              value={portal?.id ?? ''}
              onChange={(e) => setChosen(e.currentTarget.value)}
            >
              {props.portals.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <ol>
          {steps.map((s) => (
            <li key={s.id} data-step={s.id} data-done={s.unknown ? undefined : String(s.done)}>
              <span class={`badge badge-${s.unknown ? 'off' : s.done ? 'ok' : 'warn'}`}>
                {s.unknown ? '—' : s.done ? w.checklistDone : w.checklistTodo}
              </span>{' '}
              <strong>{s.title}</strong>
              <span class="sub">{s.text}</span>
              {s.action && !s.done && !s.unknown ? (
                'href' in s.action ? (
                  <a class={`button button-small${s === next ? ' button-primary' : ''}`} href={s.action.href}>
                    {s.action.label}
                  </a>
                ) : (
                  <button
                    type="button"
                    class={`button button-small${s === next ? ' button-primary' : ''}`}
                    onClick={s.action.onClick}
                  >
                    {s.action.label}
                  </button>
                )
              ) : null}
            </li>
          ))}
        </ol>
      </div>
    </section>
  )
}
