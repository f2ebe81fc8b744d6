import { type ComponentChildren, Fragment } from 'preact'
import { seg } from '../api-client.ts'
import type { Messages } from '../i18n.ts'
import { BASE } from '../router.ts'

/** One step of a page's trail: its words, and where it leads (none for the page's own step). */
export interface Crumb {
  label: ComponentChildren
  href?: string
}

/**
 * A page's head: the trail that leads to it (`Applications › Portal › Portal actions`),
 * its title (`#page-title`, which the page's section is labelled by), and the
 * page's main actions on the right.
 *
 * @example <PageHead crumbs={portalCrumbs(t, id, portal.name, t.portalActions)} title={t.addCustomDomain} />
 */
export function PageHead(props: {
  crumbs?: Crumb[]
  title: ComponentChildren
  children?: ComponentChildren
}) {
  return (
    <div class="page-head">
      <div>
        {props.crumbs ? (
          <p class="crumb">
            {props.crumbs.map((c, i) => (
              <Fragment key={i}>
                {i > 0 ? ' › ' : null}
                {c.href ? <a href={c.href}>{c.label}</a> : c.label}
              </Fragment>
            ))}
          </p>
        ) : null}
        <h1 id="page-title">{props.title}</h1>
      </div>
      {props.children}
    </div>
  )
}

/** The trail of a page of one portal: Applications › the portal › `step` (when given). */
export function portalCrumbs(t: Messages, portalId: string, portalName: string, step?: string): Crumb[] {
  return [
    { label: t.applicationsTitle, href: `${BASE}/portals` },
    { label: portalName, href: `${BASE}/portals/${seg(portalId)}` },
    ...(step ? [{ label: step }] : []),
  ]
}
