import { type SecretBox, createSecretSealer, secretAt } from '../secrets/index.ts'
import { createOidcProviders, oidcProviderSchema } from '../sites/oidc-providers.ts'
import { oidcIdentitySchema, oidcPendingSchema, oidcStateSchema } from '../sites/oidc-records.ts'
import { createOidcSignIn } from '../sites/oidc-sign-in.ts'
import { createOidcSite } from '../sites/oidc-site.ts'
import type { PrincipalService } from '../admin/principal-service.ts'
import type { HubService } from '../hubs/hub-service.ts'
import { createPortalCases } from '../cases/portal-cases.ts'
import type { CaseRepository } from '../store/case-repository.ts'
import { createSiteRepository } from '../sites/site-repository.ts'
import { createPortalIdeas } from '../sites/portal-ideas.ts'
import { createSiteService } from '../sites/site-service.ts'
import { createSiteTracking } from '../sites/site-tracking.ts'
import { createPortalSessions, portalSessionSchema } from '../sites/portal-sessions.ts'
import { portalAccountSchema, portalAuthSettingsSchema } from '../sites/portal-accounts.ts'
import { createPortalIdentity } from '../sites/portal-identity.ts'
import { portalLinkSchema } from '../sites/portal-links.ts'
import { type MailSender, createOutbox, outboxMessageSchema } from '../sites/portal-mail.ts'
import { type RecordStore, createRecordRepository } from '../store/record-repository.ts'
import type { TenancyModule } from '../tenancy/tenancy-module.ts'
import type { PortalStore } from './portal-store.ts'
import type { JobLeases } from '../store/job-leases.ts'
import { createHubBinder } from './hub-binding.ts'
import { createPortalService } from './portal-service.ts'
import { createPortalAuthAdmin } from './portal-auth-admin.ts'
import { assertCanManagePortal } from '../tenancy/permissions.ts'
import {
  type PackageMetadataInstaller,
  type ProvisioningFaults,
  type RunnerLog,
  createProvisioningRunner,
} from './provisioning-runner.ts'
import type { SiteUiLabels } from '../sites/sample-content.ts'
import type { SitePages } from '../sites/site-pages.ts'

/** How the portal module behaves; everything has a default. */
export interface PortalModuleOptions {
  /** The domain portal hosts hang under: `{subdomain}.{domain}` (`localhost` by default). */
  domain?: string
  /** A pause before each provisioning step and package, in ms (0 by default). */
  stepDelayMs?: number
  /** Fault injection for the provisioning job (tests, drills). */
  faults?: ProvisioningFaults
  /** Whether opening resumes jobs a previous process left mid-way (true by default). */
  resume?: boolean
  /** How long the beacon token a page carries lives, in seconds (600 by default). */
  beaconTokenTtlSeconds?: number
  sleep?: (ms: number) => Promise<void>
  /**
   * One-click sign-in by contact, without a password: on a portal, the ids
   * of the contacts offered (what CASETRAIL_DEMO gives: the demo's Avery Lin
   * on the demo portal alone), or `every-contact` (every contact of the
   * instance on every portal: test suites that sign contacts in without
   * accounts; nothing in the server sets it). Absent: nobody, anywhere.
   */
  oneClickSignIn?:
    | 'every-contact'
    | ((portal: { id: string; instanceId: string }) => Promise<readonly string[]>)
  /** Sends portals' mail (confirmation, reset, invitation); the outbox alone by default. */
  mail?: MailSender
}

/**
 * Builds portals (the admin centre and its provisioning runner), portals'
 * sites and their visitors' sign-in on the portal records and tenancy it is
 * given (translations and custom domains read the same records, so they are
 * made before all three). `openCore` calls it; `stop()` must run before the
 * store closes.
 */
export function createPortalModule(
  deps: {
    db: RecordStore
    /** The pages portals' sites answer with (portal-sites/'s createSitePages, composed by the entry point). */
    sitePages: SitePages
    /** Seals the OpenID providers' client secrets at rest. */
    box: SecretBox
    /** The portal records (portals, subdomains, jobs, package states). */
    store: PortalStore
    /** Instances, users, licences and contacts. */
    tenancy: TenancyModule
    hubs: HubService
    principals: PrincipalService
    publicUrl: string
    log: RunnerLog
    clock?: () => number
    /** Metadata translations: installed with each package, and the site's UI labels read from them. */
    metadata?: PackageMetadataInstaller & {
      siteLabels(portalId: string, language: string, fallback: string): Promise<SiteUiLabels | null>
    }
    /** Where cases opened on portals go besides the instance's records (the hub's `cases` table). */
    caseRepository: Pick<CaseRepository, 'insert'>
    /** Provisioning jobs run under leases: one node at a time, taken over when a node dies. */
    leases?: JobLeases
    /** How often a job's lease is renewed and expired ones looked for (10 s by default). */
    heartbeatMs?: number
    /** Whether the control plane is this process's alone (embedded): leases found at start are stale. */
    ownsControlPlane?: boolean
  } & PortalModuleOptions,
) {
  const clock = deps.clock ?? Date.now
  const { store, tenancy } = deps
  const { instances, users, licences, contacts } = tenancy
  const siteRecords = createSiteRepository({ db: deps.db, clock })
  const binder = createHubBinder({
    hubs: deps.hubs,
    clock,
    beaconTokenTtlSeconds: deps.beaconTokenTtlSeconds,
  })
  const runner = createProvisioningRunner({
    store,
    sites: siteRecords,
    instances,
    contacts,
    binder,
    log: deps.log,
    clock,
    faults: deps.faults,
    metadata: deps.metadata,
    stepDelayMs: deps.stepDelayMs,
    sleep: deps.sleep,
    leases: deps.leases,
    heartbeatMs: deps.heartbeatMs,
    ownsControlPlane: deps.ownsControlPlane,
  })
  const portals = createPortalService({
    store,
    runner,
    binder,
    principals: deps.principals,
    instances,
    users,
    licences,
    sites: siteRecords,
    portalsDomain: deps.domain ?? 'localhost',
    publicUrl: deps.publicUrl,
    clock,
  })
  const portalCases = createPortalCases({ db: deps.db, repository: deps.caseRepository, clock })
  // Control-plane records, in the settings table under `portal-session/…` (see portal-sessions.ts).
  const sessions = createPortalSessions({
    repo: createRecordRepository(deps.db, 'cp_settings', portalSessionSchema),
    clock,
  })
  const outbox = createOutbox({
    repo: createRecordRepository(deps.db, 'cp_settings', outboxMessageSchema),
    log: deps.log,
  })
  const identity = createPortalIdentity({
    accounts: createRecordRepository(deps.db, 'cp_settings', portalAccountSchema),
    settings: createRecordRepository(deps.db, 'cp_settings', portalAuthSettingsSchema),
    links: createRecordRepository(deps.db, 'cp_settings', portalLinkSchema),
    // A real sender also gets each message; the outbox keeps them all for admins.
    mail: deps.mail
      ? {
          async send(m) {
            await outbox.send(m)
            await deps.mail?.send(m)
          },
        }
      : outbox,
    clock,
  })
  // OpenID providers in the settings table (`portal-oidc-provider/{portalId}/{id}`), their client secret sealed.
  const oidcProviderRepo = createRecordRepository(
    deps.db,
    'cp_settings',
    oidcProviderSchema,
    createSecretSealer(deps.box, (key, doc) => secretAt(doc, ['clientSecret'], `${key}:clientSecret`)),
  )
  const oidcProviders = createOidcProviders({ repo: oidcProviderRepo, clock })
  const oidc = createOidcSignIn({
    providers: oidcProviders,
    states: createRecordRepository(deps.db, 'cp_settings', oidcStateSchema),
    pending: createRecordRepository(deps.db, 'cp_settings', oidcPendingSchema),
    identities: createRecordRepository(deps.db, 'cp_settings', oidcIdentitySchema),
    contacts,
    accounts: async (portalId) => (await identity.settings(portalId)).oidcAccounts,
    log: deps.log,
    clock,
  })
  /** Who may sign in with one click on a portal (see PortalModuleOptions.oneClickSignIn). */
  const oneClickOf = (mode: PortalModuleOptions['oneClickSignIn']) => {
    if (mode === undefined) return undefined
    if (mode === 'every-contact') return (p: { instanceId: string }) => contacts.listOf(p.instanceId)
    return async (p: { id: string; instanceId: string }) => {
      const found = await Promise.all((await mode(p)).map((id) => contacts.find(p.instanceId, id)))
      return found.filter((c) => c !== null)
    }
  }
  const tracking = createSiteTracking(deps.db)
  const sites = createSiteService({
    pages: deps.sitePages,
    repository: siteRecords,
    tracking,
    onTrackingError: (err) => deps.log.warn({ err }, 'could not record a tracked sign-in or view'),
    resolve: (subdomain) => portals.resolveSite(subdomain),
    contacts,
    labels: deps.metadata
      ? (id, language, fallback) => deps.metadata!.siteLabels(id, language, fallback)
      : undefined,
    cases: portalCases,
    ideas: createPortalIdeas({ db: deps.db, clock }),
    sessions,
    identity,
    oneClick: oneClickOf(deps.oneClickSignIn),
    oidcProviders: async (portalId) =>
      (await oidcProviders.list(portalId)).map((p) => ({ id: p.id, name: p.name })),
    clock,
  })
  const oidcSite = createOidcSite({
    pages: deps.sitePages,
    resolve: (subdomain) => portals.resolveSite(subdomain),
    repository: siteRecords,
    oidc,
    sessions,
    tracking,
    onTrackingError: (err) => deps.log.warn({ err }, 'could not record a tracked sign-in'),
    clock,
  })
  const authAdmin = createPortalAuthAdmin({
    managed: async (actor, id) => {
      const portal = await store.getPortal(id)
      assertCanManagePortal(actor, portal.instanceId)
      return portal
    },
    urlOf: portals.urlOf,
    contactsOf: (actor, instanceId) => contacts.list(actor, instanceId),
    portalsOf: async (instanceId) =>
      (await store.portals.list()).map((r) => r.value).filter((p) => p.instanceId === instanceId),
    identity,
    sessions,
    outbox,
    oidcProviders,
    oidc,
  })
  return {
    tenancy,
    /** What admins do about portal visitors' sign-in (settings, outbox, invitations, sign out everywhere). */
    authAdmin,
    portals,
    sites,
    /** Portal visitors' sessions (sign out everywhere, the console's list). */
    sessions,
    /** Portal visitors' local accounts, invitations and the portals' authentication settings. */
    identity,
    /** OpenID Connect sign-in on portals' sites (start, callback, the seed's consent page). */
    oidcSite,
    /** Portals' OpenID users and their consents (the console's sign-in methods, an erasure's forgetting). */
    oidc,
    /** Seals again the OpenID providers' client secrets sealed with a previous key (or none); how many. */
    resealOidcProviders: () => oidcProviderRepo.reseal('portal-oidc-provider/'),
    /** Portals' mail, as admins read it. */
    outbox,
    siteRecords,
    /** Cases contacts open on portals' Support pages. */
    portalCases,
    /** The portal records and the hub binder, for the portal checker, custom domains and translations (not for the edge). */
    store,
    binder,
    /** The provisioning runner (translations refuse to update while it installs a portal's packages). */
    runner,
    /** The domain portal hosts hang under. */
    portalsDomain: deps.domain ?? 'localhost',
    /** Resumes jobs a previous process left mid-way (unless `resume: false`). */
    async start(): Promise<string[]> {
      return deps.resume === false ? [] : runner.resumeInterrupted()
    },
    resumeInterrupted: () => runner.resumeInterrupted(),
    /** Lets running jobs reach a step boundary and stops; they resume on the next start. */
    stop: () => runner.stop(),
  }
}

/** The portal module, as `openCore` exposes it. */
export type PortalModule = ReturnType<typeof createPortalModule>
