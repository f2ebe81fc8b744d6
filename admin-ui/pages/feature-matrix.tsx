import type { ProvisioningOptions } from '../api-types.ts'
import { useT } from '../i18n.ts'
import { nameOf } from '../api-names.ts'

/** The feature table's column a portal type reads (the partner variants read Partner's). */
export const columnOf = (portalType: string): string =>
  portalType.startsWith('partner') ? 'partner' : portalType

/** The seed's feature table, the chosen portal type's column highlighted. */
export function FeatureMatrix(props: { options: ProvisioningOptions; portalType: string }) {
  const t = useT()
  const { columns, rows } = props.options.featureMatrix
  const picked = props.portalType ? columnOf(props.portalType) : ''
  return (
    <details class="matrix-wrap" open={Boolean(picked)}>
      <summary>{t.featureMatrix}</summary>
      <div class="table-wrap">
        <table class="matrix">
          <thead>
            <tr>
              <th scope="col">{t.features}</th>
              {columns.map((c) => (
                <th scope="col" key={c.id} class={c.id === picked ? 'picked' : undefined}>
                  {nameOf(t, 'portalTypes', c.id, c.name)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.feature}>
                <th scope="row">{nameOf(t, 'features', r.feature, r.feature)}</th>
                {columns.map((c) => (
                  <td key={c.id} class={c.id === picked ? 'picked' : undefined}>
                    {r.included[c.id] ? (
                      <>
                        <span aria-hidden="true">●</span>
                        <span class="sr-only">{t.yes}</span>
                      </>
                    ) : (
                      <span class="sr-only">{t.no}</span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  )
}
