/**
 * Journey lookup's contact data card: Export (everything kept about the
 * contact in the hub, as the API's NDJSON) and Erase (after a confirmation
 * that names the contact and says it cannot be undone), then the erasure
 * job followed to done or failed, with what it removed.
 */
import { useState } from 'preact/hooks'
import type { OperationOutput } from '../../schemas/index.ts'
import { seg } from '../api-client.ts'
import { useSession } from '../app-context.ts'
import { useConfirm } from '../components/confirm.tsx'
import { Notice, describeError } from '../components/states.tsx'
import { usePolling } from '../components/use-polling.ts'
import { useLang } from '../i18n.ts'
import { useRightsT } from '../rights-words.ts'
import { saveFile } from '../save-file.ts'

type Erasure = OperationOutput<'getErasure'>

/** Whose data: the hub, the contact's id, and their name when the lookup found one. */
export interface ContactRef {
  hubId: string
  contactId: string
  name: string | null
}

/** The card; `onErased` runs once the erasure is done (the page reads the journey again). */
export function ContactRights(props: { contact: ContactRef; onErased: () => void }) {
  const t = useRightsT()
  const lang = useLang()
  const { api } = useSession()
  const confirm = useConfirm()
  const { hubId, contactId, name } = props.contact
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const [erasure, setErasure] = useState<Erasure | null>(null)
  const number = (n: number) => new Intl.NumberFormat(lang).format(n)
  const path = `/v1/admin/hubs/${seg(hubId)}/contacts/${seg(contactId)}`

  usePolling(erasure?.state === 'running', async () => {
    if (!erasure) return
    const next = await api.call('getErasure', { params: { hubId, erasureId: erasure.erasureId } })
    setErasure(next)
    if (next.state === 'done') props.onErased()
  })

  const exportData = async () => {
    setBusy(true)
    setNotice(null)
    try {
      const answer = await api.request<string>('GET', `${path}/export`, { text: true })
      const lines = answer.data.split('\n').filter(Boolean).length
      saveFile(`contact-${contactId.toLowerCase()}.ndjson`, answer.data, 'application/x-ndjson')
      setNotice({ kind: 'success', text: t.exported(number(Math.max(0, lines - 1))) })
    } catch (error) {
      setNotice({ kind: 'error', text: describeError(t, error) })
    } finally {
      setBusy(false)
    }
  }

  const erase = async () => {
    const who = name ?? t.unnamedContact
    const ok = await confirm({
      title: t.eraseTitle(who),
      body: t.eraseBody(who, contactId),
      confirmLabel: t.eraseConfirm,
      danger: true,
    })
    if (!ok) return
    setBusy(true)
    setNotice(null)
    try {
      const { erasureId } = await api.call('eraseContact', { params: { hubId, contactId } })
      const state = await api.call('getErasure', { params: { hubId, erasureId } })
      setErasure(state)
      if (state.state === 'done') props.onErased()
    } catch (error) {
      setNotice({ kind: 'error', text: describeError(t, error) })
    } finally {
      setBusy(false)
    }
  }

  const counts = erasure?.counts
  return (
    <section class="card" aria-labelledby="contact-data-title">
      <h2 id="contact-data-title">{t.contactDataTitle}</h2>
      <p class="lead">{t.contactDataIntro}</p>
      <div class="actions">
        <button type="button" class="button" disabled={busy} onClick={exportData}>
          {t.exportContact}
        </button>
        <button
          type="button"
          class="button button-danger"
          disabled={busy || erasure?.state === 'running'}
          onClick={erase}
        >
          {t.eraseContact}
        </button>
      </div>
      <p class="help">{t.exportHelp}</p>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      {erasure ? (
        <div class="erasure" data-state={erasure.state}>
          {erasure.state === 'running' ? (
            <p class="state state-loading" role="status" aria-live="polite">
              <span class="spinner" aria-hidden="true" />
              {t.erasing}
            </p>
          ) : erasure.state === 'failed' ? (
            <Notice kind="error">{t.erasureFailed}</Notice>
          ) : counts ? (
            <Notice kind="success">
              {t.erasureDone}{' '}
              {t.erasureCounts({
                interactions: number(counts.interactions),
                cases: number(counts.cases),
                profiles: number(counts.profiles),
                quarantine: number(counts.quarantine),
              })}
            </Notice>
          ) : null}
        </div>
      ) : null}
    </section>
  )
}
