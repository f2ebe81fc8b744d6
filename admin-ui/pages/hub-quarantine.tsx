import { useState } from 'preact/hooks'
import { query, seg } from '../api-client.ts'
import type { HubView, QuarantineItem } from '../api-types.ts'
import { useSession } from '../app-context.ts'
import { DataTable } from '../components/data-table.tsx'
import { Empty, ErrorState, Loading, RefusalReason } from '../components/states.tsx'
import { useResource } from '../components/use-resource.ts'
import { formatDateTime, useLang, useT } from '../i18n.ts'

const time = (at: string | number): number => (typeof at === 'number' ? at : Date.parse(at))

/** The hub's quarantine (its newest 500 rows), newest first, filterable by code. */
export function HubQuarantine(props: { hub: HubView }) {
  const t = useT()
  const lang = useLang()
  const { api } = useSession()
  const [code, setCode] = useState('')
  const items = useResource(
    () =>
      api
        .get<{ items: QuarantineItem[] }>(
          `/v1/admin/hubs/${seg(props.hub.id)}/quarantine${query({ limit: 500 })}`,
        )
        .then((r) => [...r.items].sort((a, b) => time(b.receivedAt) - time(a.receivedAt))),
    [props.hub.id],
  )
  if (items.error && !items.data) return <ErrorState error={items.error} onRetry={items.reload} />
  if (!items.data) return <Loading />
  const codes = [...new Set(items.data.map((i) => i.code))].sort()
  const shown = code ? items.data.filter((i) => i.code === code) : items.data
  return (
    <div>
      <p class="lead">{t.quarantineIntro}</p>
      <div class="inline toolbar">
        <label class="lang-pick">
          <span>{t.filterByCode}</span>
          <select value={code} onChange={(e) => setCode(e.currentTarget.value)}>
            <option value="">{t.allCodes}</option>
            {codes.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="button button-small" onClick={items.reload}>
          {t.reload}
        </button>
      </div>
      {shown.length === 0 ? (
        <Empty>{t.quarantineEmpty}</Empty>
      ) : (
        <DataTable
          rows={shown}
          rowKey={(item, n) => `${item.receivedAt}-${n}`}
          columns={[
            { key: 'received', label: t.received, value: (item) => formatDateTime(lang, item.receivedAt) },
            { key: 'code', label: t.code, value: (item) => <code>{item.code}</code> },
            { key: 'field', label: t.field, value: (item) => (item.path ? <code>{item.path}</code> : '—') },
            {
              key: 'message',
              label: t.message,
              value: (item) => (
                <>
                  <RefusalReason code={item.code} message={item.message} />
                  <details>
                    <summary>{t.rawItem}</summary>
                    <code class="token-out">{item.raw}</code>
                  </details>
                </>
              ),
            },
          ]}
        />
      )}
    </div>
  )
}
