import type { CheckCategory, CheckerThresholds, Instance } from '../../schemas/index.ts'
import type { Principal } from '../admin/principal-service.ts'
import type { CustomDomainFacts, DomainModule } from '../domains/index.ts'
import type { StoredHub } from '../hubs/hub-record.ts'
import type { HubService } from '../hubs/hub-service.ts'
import type { HubBinder } from '../portals/hub-binding.ts'
import type { PackageId } from '../portals/portal-catalogue.ts'
import type { PackageState, ProvisioningJob, StoredPortal } from '../portals/portal-schemas.ts'
import type { PortalService } from '../portals/portal-service.ts'
import type { PortalStore } from '../portals/portal-store.ts'
import type { SiteRepository, Site } from '../sites/site-repository.ts'
import type { IngestionStats } from '../store/ingestion-stats.ts'
import type { InstanceService } from '../tenancy/instance-service.ts'
import type { TranslationService } from '../translations/index.ts'
import type { Said } from './check-text.ts'

/** What a request to the running site answered, and how long it took. */
export interface SiteAnswer {
  status: number
  contentType: string
  body: string
  /** Wall time from sending to the whole body read, in ms. */
  ms: number
}

/** A page of a portal's site as its renderer answers it: what a browser would be sent. */
export interface RenderedPage {
  status: number
  contentType: string
  body: string
}

/** What every check of a run reads: loaded once per run, so two checks see the same state. */
export interface CheckContext {
  portal: StoredPortal
  /** The site's records, read fresh for this run. */
  site: Site
  packages: Map<PackageId, PackageState>
  /** The portal's latest provisioning job. */
  job: ProvisioningJob | null
  /** The portal's instance, or null when it no longer exists. */
  instance: Instance | null
  /** Which portal the portal's subdomain points at (null: nothing claims it). */
  subdomainOwner: string | null
  /** The hub the portal is bound to, or null (none bound, or the hub is gone). */
  hub: StoredHub | null
  thresholds: CheckerThresholds
  now: number
  /** The portal's URL (`http://{subdomain}.{domain}[:port]`). */
  url: string
  /** Renders a path of the site, as its host would serve it (only checks with `needsSite` may). */
  fetchSite(path: string): Promise<SiteAnswer>
  /** The portal's ingestion figures since a time (read once per run, on first use). */
  ingestion(since: number): Promise<IngestionStats>
  binder: HubBinder
  /** The portal's custom domain (host name, CNAME target, certificate), or null when it has none. */
  customDomain: CustomDomainFacts | null
  /** Custom domain lookups the Domain and certificate checks make. */
  domains: CheckerDomains
  /** Metadata translations, as the Translations check reads them. */
  translations: CheckerTranslations
  /** Aborted when the check's time is up. */
  signal: AbortSignal
}

/**
 * What a check found. A pass says what was right; an error or warning says what is wrong and may name its fix.
 * Sentences with values are written with {@link say} (`say\`instance ${name} is there\``), so the
 * console can word them in its language; a plain string is a sentence without values.
 */
export type CheckFinding =
  | { result: 'pass'; details: string | Said }
  /** What the check looks at does not exist here (no custom domain): nothing to pass or fail. */
  | { result: 'not_applicable'; details: string | Said }
  | {
      result: 'error' | 'warning'
      details: string | Said
      /** Overrides the check's mitigation text for this finding. */
      mitigation?: string | Said
      /** The id of one of the check's actions that fixes this finding. */
      action?: string
    }
  | { result: 'not_run'; reason: string | Said }

/** What an action can use: the actor (whose rights every change is made with) and the services. */
export interface ActionContext {
  actor: Principal
  portal: StoredPortal
  now: () => string
  deps: CheckerDeps
}

/**
 * A fix a check offers: idempotent (a second run changes nothing and says so).
 * It needs the rights of the change it makes, declared in `changes`.
 */
export interface ActionDefinition {
  id: string
  label: string
  /**
   * What the action changes, so who may run it: `portal` (the portal, its
   * site, its binding: whoever may manage the portal) or `hubs` (a hub's
   * catalogue, or reading a hub's key: whoever may manage hubs, as the hub
   * routes ask).
   */
  changes: 'portal' | 'hubs'
  run(ctx: ActionContext): Promise<{ changed: boolean; details: string | Said }>
}

/** A check: a small module with an id, the issue in a person's words, its category, what it reads, and its run. */
export interface CheckDefinition {
  id: string
  issue: string
  category: CheckCategory
  reads: readonly string[]
  /** Fetches from the running site: skipped while the portal is off or IP-filtered. */
  needsSite?: boolean
  /** How to fix it by hand. */
  mitigation: string
  actions?: readonly ActionDefinition[]
  run(ctx: CheckContext): Promise<CheckFinding>
}

/** What the checker reads of custom domains (core/domains). */
export type CheckerDomains = Pick<DomainModule, 'bindingFactsOf' | 'checkCname' | 'certificateProblem'>

/** What the checker reads and runs of metadata translations (core/translations). */
export type CheckerTranslations = Pick<TranslationService, 'missingTranslations' | 'update'>

/** What the checker is built from. */
export interface CheckerDeps {
  store: PortalStore
  portals: PortalService
  siteRecords: SiteRepository
  instances: InstanceService
  hubs: HubService
  binder: HubBinder
  domains: CheckerDomains
  translations: CheckerTranslations
  /** Reads a portal's ingestion figures (core/store). */
  ingestionStats(q: { hubId: string; portalId: string; since: number }): Promise<IngestionStats>
  /** A portal's URL from its subdomain. */
  urlOf(subdomain: string): string
  /**
   * Renders a path of a portal's site with the site's own renderer (the one
   * its host serves), for a visitor who is not signed in.
   */
  renderPage(subdomain: string, path: string): Promise<RenderedPage>
  clock?: () => number
}
