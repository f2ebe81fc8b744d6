import { type PackageId, packagesFor } from '../portals/portal-catalogue.ts'
import { siteContextOf } from '../portals/provisioning-runner.ts'
import type { StoredPortal } from '../portals/portal-schemas.ts'
import { packageRecords } from '../sites/site-packages.ts'
import type { RecordOf, SiteRecord, SiteRecordKind } from '../../schemas/index.ts'
import { type Site, toSite } from '../sites/site-repository.ts'
import type { ActionContext } from './check-types.ts'

/** The `source` of records the checker's actions write. */
export const CHECKER_SOURCE = 'portal_checker'

/** The records the portal's packages install by default (what a fresh install would write). */
export function defaultRecords(portal: StoredPortal, only?: readonly PackageId[]): SiteRecord[] {
  return packagesFor(portal.portalType)
    .filter((p) => !only || only.includes(p.id))
    .flatMap((p) => packageRecords(p.id, siteContextOf(portal)))
}

/** One default record by kind and id, or null when no package of the portal installs it. */
export function defaultRecord<K extends SiteRecordKind>(
  portal: StoredPortal,
  kind: K,
  id: string,
): RecordOf<K> | null {
  return (
    (defaultRecords(portal).find((r) => r.kind === kind && r.id === id) as RecordOf<K> | undefined) ?? null
  )
}

/** A site setting's record id, as packages name them (`Search/Enabled` -> `search-enabled`). */
export const settingId = (name: string): string => name.toLowerCase().replaceAll('/', '-')

/** Whether a setting's text value means on. */
export const isOn = (value: string | undefined, fallback: boolean): boolean =>
  value === undefined ? fallback : value.trim().toLowerCase() === 'true'

/**
 * Sets site settings to values, writing only those that differ; returns the
 * names it changed (none: the action had nothing left to do).
 */
export async function setSettings(
  ctx: ActionContext,
  site: Site,
  values: Readonly<Record<string, string>>,
): Promise<string[]> {
  const changed = Object.entries(values).filter(([name, value]) => site.settings.get(name) !== value)
  if (changed.length === 0) return []
  const existing = new Map(
    site.records
      .filter((r): r is RecordOf<'site_setting'> => r.kind === 'site_setting')
      .map((r) => [r.name, r]),
  )
  await ctx.deps.siteRecords.put(
    ctx.portal.id,
    changed.map(([name, value]) => ({
      kind: 'site_setting' as const,
      id: existing.get(name)?.id ?? settingId(name),
      name,
      value,
      source: existing.get(name)?.source ?? CHECKER_SOURCE,
    })),
  )
  return changed.map(([name]) => name)
}

/** The id of the page the Home marker names when that page exists, else of the default home page. */
export const homePageId = (site: Site): string => {
  const marked = site.markers.get('Home')
  return marked !== undefined && site.pages.some((p) => p.id === marked) ? marked : 'home'
}

/** The portal's site, read fresh from the store (not the site's one-second cache). */
export const loadSite = async (ctx: ActionContext): Promise<Site> =>
  toSite(await ctx.deps.siteRecords.list(ctx.portal.id))
