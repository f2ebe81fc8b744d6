import { useState } from 'preact/hooks'
import type { CatalogueType } from '../api-types.ts'
import { useSession } from '../app-context.ts'
import { RowButton } from '../components/form-fields.tsx'
import { DataTable, HiddenLabel } from '../components/data-table.tsx'
import { useConfirm } from '../components/confirm.tsx'
import { ErrorState, Loading, Notice, describeError } from '../components/states.tsx'
import { useResource } from '../components/use-resource.ts'
import { useT } from '../i18n.ts'
import type { HubTabProps } from './hub-tab.ts'

/**
 * The interaction-type catalogue: delete a type to stop its capture, add it
 * back to restore it; each with the hub's version as If-Match.
 */
export function HubCatalogue(props: HubTabProps) {
  const t = useT()
  const { api } = useSession()
  const confirm = useConfirm()
  const hubId = props.hub.id
  const types = useResource(
    () => api.call('listInteractionTypes', { params: { hubId } }).then((r) => r.types),
    [hubId],
  )
  const [error, setError] = useState<string | null>(null)
  const toggle = async (type: CatalogueType) => {
    setError(null)
    if (type.captured) {
      const ok = await confirm({
        title: `${t.labelled(t.delete)} ${t.interactionTypes[type.type]?.[0] ?? type.displayName}`,
        body: t.confirmDeleteType(t.interactionTypes[type.type]?.[0] ?? type.displayName),
        confirmLabel: t.delete,
        danger: true,
      })
      if (!ok) return
    }
    try {
      const params = { hubId, type: type.type }
      const ifMatch = { ifMatch: props.etag }
      if (type.captured) {
        await api.call('stopInteractionType', { params }, ifMatch)
        props.onChange(props.hub, null)
      } else {
        props.onChange(props.hub, api.etagOf(await api.call('captureInteractionType', { params }, ifMatch)))
      }
      await types.reload()
    } catch (err) {
      setError(describeError(t, err))
    }
  }
  if (types.error && !types.data) return <ErrorState error={types.error} onRetry={types.reload} />
  if (!types.data) return <Loading />
  return (
    <div>
      <p class="lead">{t.catalogueIntro}</p>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <DataTable
        rows={types.data}
        rowKey={(type) => type.type}
        rowAttributes={(type) => ({ 'data-type': type.type })}
        columns={[
          {
            key: 'name',
            label: t.colName,
            value: (type) => (
              <>
                <strong>{t.interactionTypes[type.type]?.[0] ?? type.displayName}</strong>
                <span class="sub">
                  <code>{type.type}</code> — {t.interactionTypes[type.type]?.[1] ?? type.description}
                </span>
              </>
            ),
          },
          {
            // Field names are the wire contract's own words: code, not prose.
            key: 'fields',
            label: t.fieldsCaptured,
            class: 'fields-list',
            value: (type) =>
              type.fields.map((f, i) => (
                <span key={f}>
                  {i > 0 ? ', ' : null}
                  <code>{f}</code>
                </span>
              )),
          },
          {
            key: 'status',
            label: t.packageStatus,
            value: (type) => (
              <span class={`badge ${type.captured ? 'badge-ok' : 'badge-off'}`}>
                {type.captured ? t.captured : t.notCaptured}
              </span>
            ),
          },
          {
            key: 'actions',
            label: <HiddenLabel>{t.colActions}</HiddenLabel>,
            value: (type) => (
              <RowButton
                primary={!type.captured}
                label={`${type.captured ? t.delete : t.addBack} ${t.interactionTypes[type.type]?.[0] ?? type.displayName}`}
                onClick={() => toggle(type)}
              >
                {type.captured ? t.delete : t.addBack}
              </RowButton>
            ),
          },
        ]}
      />
    </div>
  )
}
