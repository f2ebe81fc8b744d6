/**
 * Audit entries as a table: when (the locale's date and time), who and how
 * they signed in, the operation, the record, the outcome; a row opens to the
 * fields it changed, before and after (a secret reads "changed", never its value).
 */
import { Fragment } from 'preact'
import { useState } from 'preact/hooks'
import type { AuditEntry } from '../api-types.ts'
import { useLang } from '../i18n.ts'
import { type RightsWords, useRightsT } from '../rights-words.ts'

/** What the audit log writes for a secret's before and after (`SECRET_CHANGED` on the server). */
const SECRET_CHANGED = 'changed'
/** The field a bulk change's last line names: "(more)", after "N more changes not listed". */
const MORE = '(more)'

/** An entry's time in the console's language, to the second (two changes a minute apart differ). */
export const formatAuditTime = (lang: string, at: string): string => {
  const date = new Date(at)
  return Number.isNaN(date.getTime())
    ? at
    : new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' }).format(date)
}

/** A before or after value as words: secrets and absences said, other values as JSON. */
export function describeValue(t: RightsWords, value: unknown): { text: string; quiet: boolean } {
  if (value === SECRET_CHANGED) return { text: t.auditSecretChanged, quiet: true }
  if (value === null || value === undefined) return { text: t.auditNoValue, quiet: true }
  return { text: typeof value === 'string' ? value : JSON.stringify(value), quiet: false }
}

function Value(props: { value: unknown }) {
  const { text, quiet } = describeValue(useRightsT(), props.value)
  return quiet ? <em class="muted">{text}</em> : <code>{text}</code>
}

/**
 * The fields an entry changed, as a list (not a table in the table: the phone
 * layout labels every cell of a `.grid` with the outer table's column names).
 */
function Changes(props: { entry: AuditEntry }) {
  const t = useRightsT()
  const { changes } = props.entry
  if (changes.length === 0) return <p class="muted">{t.auditNoChanges}</p>
  return (
    <dl class="audit-changes">
      {changes.map((c, n) =>
        c.field === MORE ? (
          <div key={`${c.field}-${n}`} class="audit-change">
            <dt class="muted">{t.auditMoreChanges(String(c.after).split(' ')[0] ?? '')}</dt>
          </div>
        ) : (
          <div key={`${c.field}-${n}`} class="audit-change">
            <dt>
              <code>{c.field}</code>
            </dt>
            <dd>
              <span class="muted">{t.labelled(t.auditBefore)}</span> <Value value={c.before} />
            </dd>
            <dd>
              <span class="muted">{t.labelled(t.auditAfter)}</span> <Value value={c.after} />
            </dd>
          </div>
        ),
      )}
    </dl>
  )
}

/** The record an entry is about: its kind in words and its name when known, else its id. */
function Target(props: { entry: AuditEntry; names?: Record<string, string> }) {
  const t = useRightsT()
  const { type, id } = props.entry.target
  const name = id ? props.names?.[id] : undefined
  return (
    <>
      {t.auditTargetTypes[type] ?? type}
      {/* A known record by its name (its id is in the export and the filter); another by its id. */}
      {name ? <span class="sub">{name}</span> : id ? <code class="sub">{id}</code> : null}
    </>
  )
}

/** One row per entry; `showTarget` false on a record's own History (every row is about it). */
export function AuditTable(props: {
  entries: AuditEntry[]
  showTarget?: boolean
  /** Names of records by id (hubs, portals…), shown beside the id. */
  names?: Record<string, string>
  caption: string
}) {
  const t = useRightsT()
  const lang = useLang()
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set())
  const showTarget = props.showTarget ?? true
  const columns = showTarget ? 5 : 4
  const toggle = (id: string) =>
    setOpen((was) => {
      const next = new Set(was)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  return (
    <div class="table-wrap">
      <table class="grid audit-table">
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.auditColTime}</th>
            <th scope="col">{t.auditColActor}</th>
            <th scope="col">{t.auditColOperation}</th>
            {showTarget ? <th scope="col">{t.auditColTarget}</th> : null}
            <th scope="col">{t.auditColOutcome}</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((e) => {
            const isOpen = open.has(e.id)
            const refused = (e.outcome.status ?? 0) >= 400
            return (
              <Fragment key={e.id}>
                <tr data-entry={e.id} data-operation={e.operation}>
                  <td>
                    <time dateTime={e.at}>{formatAuditTime(lang, e.at)}</time>
                  </td>
                  <td>
                    {e.actor.name}
                    <span class="sub">{t.auditSignedInWith[e.actor.kind] ?? e.actor.kind}</span>
                  </td>
                  <td>
                    <code class="op">{e.operation}</code>
                    <span class="sub">
                      <button
                        type="button"
                        class="button button-small"
                        aria-expanded={isOpen}
                        aria-controls={isOpen ? `audit-${e.id}` : undefined}
                        onClick={() => toggle(e.id)}
                      >
                        {t.auditChanges(e.changes.length)}
                      </button>
                    </span>
                  </td>
                  {showTarget ? (
                    <td>
                      <Target entry={e} names={props.names} />
                    </td>
                  ) : null}
                  <td>
                    <span class={`badge ${refused ? 'badge-bad' : 'badge-ok'}`}>
                      {refused ? t.auditRefused : t.auditOk}
                    </span>
                    <span class="sub">
                      <code>
                        {e.outcome.status}
                        {e.outcome.code ? ` ${e.outcome.code}` : ''}
                      </code>
                    </span>
                  </td>
                </tr>
                {isOpen ? (
                  <tr id={`audit-${e.id}`} class="audit-detail">
                    <td colSpan={columns}>
                      <Changes entry={e} />
                      <p class="sub">
                        {t.labelled(t.auditRequest)} <code>{e.requestId}</code>
                        {e.clientAddress ? (
                          <>
                            {' · '}
                            {t.labelled(t.auditClient)} <code>{e.clientAddress}</code>
                          </>
                        ) : null}
                      </p>
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
