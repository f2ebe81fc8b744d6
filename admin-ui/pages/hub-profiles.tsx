import { useState } from 'preact/hooks'
import { ApiError, seg } from '../api-client.ts'
import type { InteractionType } from '../api-types.ts'
import { useSession } from '../app-context.ts'
import { DataTable } from '../components/data-table.tsx'
import { PagedRows } from '../components/list-states.tsx'
import { Notice, RefusalReason, describeError } from '../components/states.tsx'
import { usePagedList } from '../components/use-paged-list.ts'
import { useGuidedWords } from '../guided-words.ts'
import { useT } from '../i18n.ts'
import { type ImportRejection, batches, readImportFile } from '../profile-import-file.ts'
import type { HubTabProps } from './hub-tab.ts'

const TYPES: Array<[InteractionType, string]> = [
  ['portal_viewknowledgearticle', 'Knowledge article'],
  ['portal_viewblogpost', 'Blog post'],
  ['portal_viewforumthread', 'Forum thread'],
  ['portal_search', 'Portal Search'],
  ['portal_articlefeedback', 'Article feedback'],
]
/** Profiles sent per request, so the progress bar moves and no request is large. */
const BATCH = 200

/** A page of profiles the list shows at a time. */
const PAGE = 50

/** The hub's profiles by crmrecordid, a page at a time (`listProfiles`), reloaded after an import. */
function ProfileList(props: { hubId: string; version: number }) {
  const t = useT()
  const { api } = useSession()
  const list = usePagedList<Record<string, unknown>>(
    async (cursor) => {
      const answer = await api.call('listProfiles', {
        params: { hubId: props.hubId },
        query: { limit: PAGE, ...(cursor ? { cursor } : {}) },
      })
      return { items: answer.profiles, nextCursor: answer.nextCursor }
    },
    [props.hubId, props.version],
  )
  const text = (v: unknown) => (typeof v === 'string' && v ? v : '—')
  return (
    <PagedRows list={list} empty={t.profilesEmpty}>
      {(rows) => (
        <DataTable
          rows={rows}
          rowKey={(p) => String(p.crmrecordid)}
          columns={[
            { key: 'id', label: t.contactId, value: (p) => <code>{String(p.crmrecordid)}</code> },
            { key: 'name', label: t.name, value: (p) => text(p.name) },
            { key: 'email', label: t.email, value: (p) => text(p.email) },
          ]}
        />
      )}
    </PagedRows>
  )
}

/** Contact profiles: configure the Contact entity and its linked types, then import a JSON or NDJSON file. */
export function HubProfiles(props: HubTabProps) {
  const t = useT()
  const w = useGuidedWords()
  const { api } = useSession()
  const h = props.hub
  const [linked, setLinked] = useState<InteractionType[]>(
    h.profile?.linkedTypes ?? TYPES.map(([type]) => type),
  )
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const [summary, setSummary] = useState<{ upserted: number; rejected: ImportRejection[] } | null>(null)
  // Bumped when an import ends, so the list below reads its first page again.
  const [imports, setImports] = useState(0)

  const configure = async (e: Event) => {
    e.preventDefault()
    try {
      const next = await api.call(
        'setProfileConfig',
        { params: { hubId: h.id }, body: { entity: 'contact', linkedTypes: linked } },
        { ifMatch: props.etag },
      )
      props.onChange(next, api.etagOf(next))
      setNotice({ kind: 'success', text: t.saved })
    } catch (error) {
      setNotice({ kind: 'error', text: describeError(t, error) })
    }
  }

  const [picked, setPicked] = useState<File | null>(null)
  const importFile = async (file: File) => {
    setSummary(null)
    setNotice(null)
    const parsed = readImportFile(file.name, await file.text())
    const total = parsed.items.length
    const rejected = [...parsed.rejected]
    let upserted = 0
    setProgress({ done: 0, total })
    for (const batch of batches(parsed.items, BATCH)) {
      const body = batch.map((i) => JSON.stringify(i.value)).join('\n')
      try {
        const answer = await api.post<{ upserted: number; rejected: ImportRejection[] }>(
          `/v1/admin/hubs/${seg(h.id)}/profiles`,
          body,
          { contentType: 'application/x-ndjson' },
        )
        upserted += answer.upserted
        for (const r of answer.rejected) rejected.push({ ...r, index: batch[r.index]?.index ?? r.index })
      } catch (error) {
        // A batch with nothing valid answers 400 with the same shape; anything else stops the import.
        if (error instanceof ApiError && error.status === 400 && error.code !== 'invalid_json') {
          const res = error.rejected
          if (res) {
            for (const r of res) rejected.push({ ...r, index: batch[r.index]?.index ?? r.index })
          } else {
            for (const i of batch)
              rejected.push({
                index: i.index,
                errors: [{ path: error.field ?? '', code: error.code, message: error.message }],
              })
          }
        } else {
          setNotice({ kind: 'error', text: describeError(t, error) })
          setProgress(null)
          setSummary({ upserted, rejected })
          return
        }
      }
      setProgress((p) => (p ? { ...p, done: p.done + batch.length } : p))
    }
    rejected.sort((a, b) => a.index - b.index)
    setSummary({ upserted, rejected })
    setImports((n) => n + 1)
  }

  return (
    <div class="cards">
      <form class="card" onSubmit={configure}>
        <h2>{t.configureContact}</h2>
        <p class="lead">{t.profilesIntro}</p>
        <p class="help">{w.profilesIdMatch(<code>crmrecordid</code>, <code>portal_contactid</code>)}</p>
        {h.profile ? null : <p class="muted">{t.profileNotConfigured}</p>}
        <fieldset>
          <legend>{t.linkedTypes}</legend>
          {TYPES.map(([type, name]) => (
            <label class="choice" key={type}>
              <input
                type="checkbox"
                checked={linked.includes(type)}
                onChange={(e) =>
                  setLinked(e.currentTarget.checked ? [...linked, type] : linked.filter((x) => x !== type))
                }
              />
              {t.interactionTypes[type]?.[0] ?? name} <code>{type}</code>
            </label>
          ))}
        </fieldset>
        {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
        <button type="submit" class="button button-primary">
          {t.configure}
        </button>
      </form>
      <div class="card">
        <h2>{t.importFile}</h2>
        <div class="field">
          <label for="import-file">{t.importFile}</label>
          <input
            id="import-file"
            type="file"
            accept=".json,.ndjson,.jsonl,application/json,application/x-ndjson"
            disabled={!h.profile || (progress !== null && progress.done < progress.total)}
            onChange={(e) => {
              // Picking a file only picks it: the import starts with the button, once the admin has seen the name.
              setPicked(e.currentTarget.files?.[0] ?? null)
              setSummary(null)
            }}
          />
          {!h.profile ? <p class="help">{t.profileNotConfigured}</p> : null}
        </div>
        <button
          type="button"
          class="button button-primary"
          disabled={!picked || !h.profile || (progress !== null && progress.done < progress.total)}
          onClick={() => picked && void importFile(picked)}
        >
          {picked ? t.startImportOf(picked.name) : t.startImport}
        </button>
        {progress ? (
          <div class="import-progress">
            <progress
              max={progress.total || 1}
              value={progress.done}
              aria-label={t.importing(progress.done, progress.total)}
            />
            <span role="status">
              {progress.done < progress.total ? t.importing(progress.done, progress.total) : ''}
            </span>
          </div>
        ) : null}
        {summary ? (
          <div class="import-summary" role="status">
            <p>
              <strong>{t.importSummary(summary.upserted, summary.rejected.length)}</strong>
            </p>
            {summary.rejected.length > 0 ? (
              <ul>
                {summary.rejected.slice(0, 50).map((r) => (
                  <li key={r.index}>
                    {t.labelled(t.importItem(r.index + 1))}{' '}
                    {r.errors.map((e) => (
                      <div key={`${e.path}-${e.code}`} class="refusal">
                        <code>{e.code}</code> {e.path ? <code>{e.path}</code> : null}{' '}
                        <RefusalReason code={e.code} message={e.message} />
                      </div>
                    ))}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
      {h.profile ? (
        <div class="card card-full">
          <h2>{t.profilesListTitle}</h2>
          <ProfileList hubId={h.id} version={imports} />
        </div>
      ) : null}
    </div>
  )
}
