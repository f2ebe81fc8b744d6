import { seg } from '../api-client.ts'
import type { Portal } from '../api-types.ts'
import { useT } from '../i18n.ts'
import { BASE } from '../router.ts'

/** Portal Actions: what can be done to a provisioned portal, each on its own page. */
export function PortalActions(props: { portal: Portal }) {
  const t = useT()
  const base = `${BASE}/portals/${seg(props.portal.id)}`
  const actions: Array<[string, string, string]> = [
    [t.addCustomDomain, t.addCustomDomainHelp, `${base}/custom-domain`],
    [t.getLatestTranslations, t.getLatestTranslationsHelp, `${base}/translations`],
    [t.runPortalChecker, t.runPortalCheckerHelp, `${base}/checker`],
    [t.portalSignInTitle, t.signInHelp, `${base}/sign-in`],
    [t.portalAnalytics, t.trackingTitle, `${base}/analytics`],
  ]
  return (
    <div class="card">
      <h2>{t.portalActions}</h2>
      <ul class="action-list">
        {actions.map(([label, help, href]) => (
          <li key={href}>
            <a href={href}>{label}</a>
            <span class="sub">{help}</span>
          </li>
        ))}
      </ul>
    </div>
  )
}
