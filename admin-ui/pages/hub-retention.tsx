/**
 * A hub's Retention: how many days it keeps interactions and cases (1 to
 * 3650, 395 by default), saved with `PATCH` and the hub's version as
 * If-Match; shortening it asks first, since older data is then deleted.
 * "Apply now" removes what is older at once and says what it removed. Also
 * the journey read log (`logJourneyReads`), the other data-rights setting.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import { useSession } from '../app-context.ts'
import { useConfirm } from '../components/confirm.tsx'
import { TextField } from '../components/form-fields.tsx'
import { type FieldErrors, FormError, errorsFrom } from '../components/field.tsx'
import { Notice, describeError } from '../components/states.tsx'
import { formatDateTime, useLang } from '../i18n.ts'
import { useRightsT } from '../rights-words.ts'
import type { HubTabProps } from './hub-tab.ts'

const DAY_MS = 86_400_000
/**
 * The API's bounds (`RETENTION_DAYS.default`, `RETENTION_DAYS.max` in schemas/admin.ts), written
 * here because importing them put the module's zod schemas in the first load (70.8 KB gzip, the
 * build refused it); hub-retention.test.ts fails when they differ.
 */
export const RETENTION_DAYS = { default: 395, max: 3650 } as const

/** The days typed, when they are a whole number from 1 to the maximum; else null. */
export function parseRetentionDays(text: string): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null
  const days = Number(text)
  return days >= 1 && days <= RETENTION_DAYS.max ? days : null
}

/** The Retention tab of a hub. */
export function HubRetention(props: HubTabProps) {
  const t = useRightsT()
  const lang = useLang()
  const { api } = useSession()
  const confirm = useConfirm()
  const h = props.hub
  const [text, setText] = useState(String(h.retentionDays))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  // The box shows the switch's new state at once, not only when the server has answered.
  const [logReads, setLogReads] = useState(h.logJourneyReads)
  // Another hub, or a value saved here or elsewhere, resets the fields; the first render does
  // not (an effect runs after paint: it overwrote what was typed right after the tab opened).
  const shown = useRef({ id: h.id, days: h.retentionDays, logReads: h.logJourneyReads })
  useEffect(() => {
    const was = shown.current
    shown.current = { id: h.id, days: h.retentionDays, logReads: h.logJourneyReads }
    if (was.id !== h.id || was.days !== h.retentionDays) setText(String(h.retentionDays))
    if (was.id !== h.id || was.logReads !== h.logJourneyReads) setLogReads(h.logJourneyReads)
  }, [h.id, h.retentionDays, h.logJourneyReads])
  const number = (n: number) => new Intl.NumberFormat(lang).format(n)
  const cutoffOf = (days: number) => formatDateTime(lang, Date.now() - days * DAY_MS)

  const update = async (body: { retentionDays?: number; logJourneyReads?: boolean }) => {
    setBusy(true)
    setErrors({})
    setNotice(null)
    try {
      const next = await api.call('updateHub', { params: { hubId: h.id }, body }, { ifMatch: props.etag })
      props.onChange(next, api.etagOf(next))
      setNotice({ kind: 'success', text: t.saved })
    } catch (error) {
      setErrors(errorsFrom(t, error, { retentionDays: 'retention', logJourneyReads: '_form' }))
      setLogReads(h.logJourneyReads)
    } finally {
      setBusy(false)
    }
  }

  const save = async (e: Event) => {
    e.preventDefault()
    const days = parseRetentionDays(text)
    if (days === null) return setErrors({ retention: t.retentionInvalid(number(RETENTION_DAYS.max)) })
    if (days < h.retentionDays) {
      const ok = await confirm({
        title: t.shortenTitle,
        body: t.shortenBody(number(days), cutoffOf(days)),
        confirmLabel: t.shorten,
        danger: true,
      })
      if (!ok) return
    }
    await update({ retentionDays: days })
  }

  const applyNow = async () => {
    const ok = await confirm({
      title: t.applyTitle,
      body: t.applyBody(number(h.retentionDays), cutoffOf(h.retentionDays)),
      confirmLabel: t.applyNow,
      danger: true,
    })
    if (!ok) return
    setBusy(true)
    setNotice(null)
    try {
      const done = await api.call('applyRetention', { params: { hubId: h.id } })
      setNotice({
        kind: 'success',
        text: t.applied(
          number(done.removed.interactions),
          number(done.removed.cases),
          formatDateTime(lang, done.cutoff),
        ),
      })
    } catch (error) {
      setNotice({ kind: 'error', text: describeError(t, error) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div class="cards">
      <section class="card" aria-labelledby="retention-title">
        <h2 id="retention-title">{t.retentionTitle}</h2>
        <p class="lead">{t.retentionIntro}</p>
        <p class="help">{t.retentionOther}</p>
        {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
        <form onSubmit={save} noValidate>
          <TextField
            id="retention"
            label={t.retentionDays}
            help={`${t.retentionNow(number(h.retentionDays))} ${t.retentionHelp(number(RETENTION_DAYS.max), number(RETENTION_DAYS.default))}`}
            error={errors.retention}
            type="number"
            inputMode="numeric"
            min={1}
            max={RETENTION_DAYS.max}
            step={1}
            value={text}
            onValue={setText}
          />
          <div class="actions">
            <button type="submit" class="button button-primary" disabled={busy}>
              {t.save}
            </button>
            <button type="button" class="button button-danger" disabled={busy} onClick={applyNow}>
              {t.applyNow}
            </button>
          </div>
          <FormError errors={errors} />
        </form>
      </section>
      <section class="card" aria-labelledby="read-log-title">
        <h2 id="read-log-title">{t.journeyReadLog}</h2>
        <label class="choice">
          <input
            type="checkbox"
            checked={logReads}
            disabled={busy}
            onChange={(e) => {
              const on = e.currentTarget.checked
              setLogReads(on)
              void update({ logJourneyReads: on })
            }}
          />
          {t.journeyReadLogLabel}
        </label>
      </section>
    </div>
  )
}
