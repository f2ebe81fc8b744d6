/**
 * Portal Actions -> Get latest metadata translations: what is installed per
 * language and package; the seed's confirmation ("update the portal
 * solutions?"), Update, then what was installed and what was kept.
 */
import { useState } from 'preact/hooks'
import type {
  TranslationNotice,
  TranslationUpdatePreview,
  TranslationUpdateResult,
} from '../../schemas/index.ts'
import { seg } from '../api-client.ts'
import { useSession } from '../app-context.ts'
import { PageHead, portalCrumbs } from '../components/page-head.tsx'
import { Modal } from '../components/modal.tsx'
import { ErrorState, Loading, Notice, describeError } from '../components/states.tsx'
import { useResource } from '../components/use-resource.ts'
import { type Lang, type Messages, formatDateTime, formatList, useLang, useT } from '../i18n.ts'
import { languageName, nameOf } from '../api-names.ts'

/** A notice of the update in the console's language, from its code and fields (not the API's English). */
function noticeText(t: Messages, lang: Lang, n: TranslationNotice): string {
  const language = n.language ? languageName(lang, n.language, n.language) : ''
  switch (n.code) {
    case 'language_not_available':
      return t.languageNotAvailable(language)
    case 'package_version_not_upgraded':
      return t.packageNotUpgraded(
        nameOf(t, 'packages', n.packageId ?? '', n.packageId ?? ''),
        n.installedVersion ?? '',
        n.latestVersion ?? '',
      )
    case 'user_modified_labels_kept':
      return t.modifiedLabelsKept(n.keys?.length ?? 0, language, formatList(lang, n.keys ?? []))
    default:
      return n.message
  }
}

/** The metadata translations page of one portal. */
export function Page(props: { params: Record<string, string> }) {
  const t = useT()
  const lang = useLang()
  const { api } = useSession()
  const id = props.params.portalId!
  const base = `/v1/admin/portals/${seg(id)}/translations`
  const portal = useResource(() => api.call('getPortal', { params: { portalId: id } }), [id])
  const view = useResource(() => api.call('getTranslations', { params: { portalId: id } }), [base])
  const [preview, setPreview] = useState<TranslationUpdatePreview | null>(null)
  const [result, setResult] = useState<TranslationUpdateResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const ask = async () => {
    setError(null)
    setResult(null)
    try {
      setPreview(await api.call('previewTranslationUpdate', { params: { portalId: id } }))
    } catch (err) {
      setError(describeError(t, err))
    }
  }
  const update = async () => {
    setBusy(true)
    try {
      setResult(await api.call('updateTranslations', { params: { portalId: id }, body: { confirm: true } }))
      setPreview(null)
      await view.reload()
    } catch (err) {
      setError(describeError(t, err))
      setPreview(null)
    } finally {
      setBusy(false)
    }
  }
  if (portal.error && !portal.data) return <ErrorState error={portal.error} onRetry={portal.reload} />
  if (view.error && !view.data) return <ErrorState error={view.error} onRetry={view.reload} />
  if (!portal.data || !view.data) return <Loading />
  const v = view.data
  return (
    <section aria-labelledby="page-title">
      <PageHead
        crumbs={portalCrumbs(t, id, portal.data.name, t.portalActions)}
        title={t.getLatestTranslations}
      >
        <button type="button" class="button button-primary" onClick={ask}>
          {t.getLatestTranslations}
        </button>
      </PageHead>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {result ? (
        <div class="card translation-result" role="status">
          <h2>{t.translationsUpdated}</h2>
          <ul>
            {result.languages.map((l) => (
              <li key={l.language}>
                <strong>{t.labelled(languageName(lang, l.language, l.language))}</strong>{' '}
                {t.translationOutcome[l.outcome] ?? l.outcome} —{' '}
                {t.labelsWrittenKept(l.labelsWritten, l.labelsKept)}
              </li>
            ))}
          </ul>
          {result.notices.map((n) => (
            <p class="muted" key={`${n.code}-${n.packageId ?? n.language ?? ''}`}>
              {noticeText(t, lang, n)}
            </p>
          ))}
        </div>
      ) : null}
      <div class="card">
        <h2>{t.languagesTitle}</h2>
        {v.missingLanguages.length > 0 ? (
          <Notice kind="info">
            {t.missingLanguages(
              formatList(
                lang,
                v.missingLanguages.map((l) => languageName(lang, l, l)),
              ),
            )}
          </Notice>
        ) : null}
        <div class="table-wrap">
          <table class="grid">
            <thead>
              <tr>
                <th scope="col">{t.language}</th>
                <th scope="col">{t.activated}</th>
                <th scope="col">{t.installedCol}</th>
                <th scope="col" class="num">
                  {t.labels}
                </th>
                <th scope="col" class="num">
                  {t.modifiedLabels}
                </th>
              </tr>
            </thead>
            <tbody>
              {v.languages.map((l) => (
                <tr key={l.language}>
                  <td>
                    {languageName(lang, l.language, l.languageName)} <code>{l.language}</code>
                  </td>
                  <td>{l.activated ? t.yes : t.no}</td>
                  <td>
                    <span
                      class={`badge ${l.installed ? 'badge-ok' : l.available ? 'badge-warn' : 'badge-off'}`}
                    >
                      {l.installed ? t.yes : l.available ? t.no : t.notAvailable}
                    </span>
                  </td>
                  <td class="num">{l.labelCount}</td>
                  <td class="num">{l.modifiedCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="muted">
          {t.labelled(t.lastUpdated)} {formatDateTime(lang, v.updatedAt)}
        </p>
      </div>
      {preview ? (
        <Modal title={t.getLatestTranslations} onClose={() => setPreview(null)}>
          <p>{t.translationQuestion}</p>
          {preview.blocked ? (
            <Notice kind="error">
              {preview.blocked.code === 'solutions_installing'
                ? t.translationsBlocked
                : preview.blocked.message}
            </Notice>
          ) : null}
          {preview.languagesToInstall.length > 0 ? (
            <p>
              {t.willInstall(
                formatList(
                  lang,
                  preview.languagesToInstall.map((l) => languageName(lang, l, l)),
                ),
              )}
            </p>
          ) : null}
          {preview.languagesToUpdate.length > 0 ? (
            <p>
              {t.willUpdate(
                formatList(
                  lang,
                  preview.languagesToUpdate.map((l) => languageName(lang, l, l)),
                ),
              )}
            </p>
          ) : null}
          {preview.notices.map((n) => (
            <p class="muted" key={`${n.code}-${n.packageId ?? n.language ?? ''}`}>
              {noticeText(t, lang, n)}
            </p>
          ))}
          <div class="actions">
            <button type="button" class="button" onClick={() => setPreview(null)}>
              {t.cancel}
            </button>
            <button
              type="button"
              class="button button-primary"
              disabled={busy || preview.blocked !== null}
              onClick={update}
            >
              {t.update}
            </button>
          </div>
        </Modal>
      ) : null}
    </section>
  )
}
