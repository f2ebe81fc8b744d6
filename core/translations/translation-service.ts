import type {
  ErrorCode,
  Instance,
  LabelView,
  ModifyLabelsInput,
  PackageVersionView,
  TranslationNotice,
  TranslationUpdatePreview,
  TranslationUpdateResult,
  TranslationsView,
} from '../../schemas/index.ts'
import type { Principal } from '../admin/principal-service.ts'
import { instanceOfPortal } from '../portals/portal-instance.ts'
import { DomainError } from '../errors.ts'
import { type PackageId, packageOf } from '../portals/portal-catalogue.ts'
import type { PackageState, StoredPortal } from '../portals/portal-schemas.ts'
import { languageName } from '../tenancy/languages.ts'
import { assertCanManagePortal } from '../tenancy/permissions.ts'
import {
  type LabelKey,
  SITE_LABEL_KEYS,
  type SiteLabels,
  type TranslationCatalogue,
} from './metadata-catalogue.ts'
import type { StoredTranslations, TranslationStore } from './translation-store.ts'

/** The confirmation step's question (the seed: "asking whether to update the portal solutions"). */
export const UPDATE_QUESTION =
  'Do you want to update the portal solutions with the latest metadata translations?'

/** What the translation service is built from. */
export interface TranslationServiceDeps {
  store: TranslationStore
  catalogue: TranslationCatalogue
  getPortal: (id: string) => Promise<StoredPortal>
  findInstance: (id: string) => Promise<Instance | null>
  packageStates: (portalId: string) => Promise<Map<PackageId, PackageState>>
  /** Whether a provisioning job of the portal is running (on any node: the job records say). */
  isProvisioning: (portalId: string) => Promise<boolean>
  clock: () => number
}

/** The refusal for a language whose translations the portal does not have. */
const notInstalled = (language: string) =>
  new DomainError(
    'not_found',
    'translation_language_not_installed',
    `no metadata translations are installed in ${languageName(language)} (${language}) for this portal`,
    'language',
  )

/**
 * The seed's "Get latest metadata translations", and the labels behind it.
 * At provisioning each package installs its labels for the instance's
 * activated languages only ({@link installPackage}); later the update
 * installs those activated since, in the installed package version (never an
 * upgrade), keeps every label a user modified, and is refused while any of
 * the portal's solutions is being installed.
 */
export function createTranslationService(deps: TranslationServiceDeps) {
  const { store, catalogue } = deps
  const now = () => new Date(deps.clock()).toISOString()

  const managed = async (actor: Principal, portalId: string) => {
    const portal = await deps.getPortal(portalId)
    assertCanManagePortal(actor, portal.instanceId)
    return portal
  }
  const instanceOf = (portal: StoredPortal): Promise<Instance> =>
    instanceOfPortal((id) => deps.findInstance(id), portal)
  const shipped = (language: string) => catalogue.languages().includes(language)

  /** The portal's installed packages, in the order they installed. */
  const installedPackages = async (portalId: string): Promise<PackageId[]> =>
    [...(await deps.packageStates(portalId)).values()]
      .filter((s) => s.status === 'Installed')
      .map((s) => s.packageId)

  /** Writes a package version's labels in a language; a label a user modified stays. Returns what it wrote and kept. */
  function writeLabels(doc: StoredTranslations, packageId: PackageId, version: string, language: string) {
    const labels = catalogue.labels(packageId, version, language)
    if (!labels) return { written: 0, kept: [] as string[] }
    const at = now()
    const lang = doc.languages[language] ?? { installedAt: at, updatedAt: at, labels: {} }
    const kept: string[] = []
    let written = 0
    for (const [key, text] of Object.entries(labels)) {
      const existing = lang.labels[key]
      if (existing?.modifiedAt) {
        kept.push(key)
        continue
      }
      lang.labels[key] = { text, packageId, modifiedAt: null, modifiedBy: null }
      written++
    }
    doc.languages[language] = { ...lang, updatedAt: at }
    return { written, kept }
  }

  const versionsOf = (doc: StoredTranslations, packages: PackageId[]): PackageVersionView[] =>
    packages.map((id) => ({
      packageId: id,
      name: packageOf(id).name,
      installedVersion: doc.packages[id]?.version ?? catalogue.latest(id),
      latestVersion: catalogue.latest(id),
    }))

  const notUpgraded = (versions: PackageVersionView[]): TranslationNotice[] =>
    versions
      .filter((p) => p.installedVersion !== p.latestVersion)
      .map((p) => ({
        code: 'package_version_not_upgraded' as const,
        packageId: p.packageId,
        installedVersion: p.installedVersion,
        latestVersion: p.latestVersion,
        message: `${p.name} stays at version ${p.installedVersion}: its translations are updated in the same version. Version ${p.latestVersion} is available; upgrade the portal solutions from the Solution Admin center.`,
      }))

  /** Why the update may not run now, or null. */
  async function blockedBy(portal: StoredPortal): Promise<{ code: ErrorCode; message: string } | null> {
    const installing = [...(await deps.packageStates(portal.id)).values()].filter(
      (s) => s.status === 'Installing',
    )
    if (portal.status === 'configuring' || (await deps.isProvisioning(portal.id)) || installing.length > 0) {
      const names = installing.map((s) => packageOf(s.packageId).name)
      return {
        code: 'solutions_installing',
        message: `The portal solutions are being installed${names.length > 0 ? ` (${names.join(', ')})` : ''}, so the solution update cannot be triggered; try again once the installation has finished.`,
      }
    }
    return null
  }

  /** What the update would do: languages to install and to refresh, and those the resources lack. */
  async function plan(portal: StoredPortal) {
    const instance = await instanceOf(portal)
    const doc = await store.read(portal.id)
    const activated = instance.installedLanguages
    return {
      doc,
      activated,
      toInstall: activated.filter((l) => shipped(l) && !doc.languages[l]),
      toUpdate: activated.filter((l) => shipped(l) && doc.languages[l] !== undefined),
      unavailable: activated.filter((l) => !shipped(l)),
      packages: await installedPackages(portal.id),
    }
  }

  const unavailableNotices = (languages: string[]): TranslationNotice[] =>
    languages.map((language) => ({
      code: 'language_not_available' as const,
      language,
      message: `No metadata translations ship in ${languageName(language)} (${language}); its labels show in the instance's base language.`,
    }))

  /** The labels installed in one language. */
  async function labelsOf(actor: Principal, portalId: string, language: string): Promise<LabelView[]> {
    const portal = await managed(actor, portalId)
    const lang = (await store.read(portal.id)).languages[language]
    if (!lang) {
      throw notInstalled(language)
    }
    return Object.entries(lang.labels)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, l]) => ({
        key,
        packageId: l.packageId,
        text: l.text,
        modified: l.modifiedAt !== null,
        modifiedAt: l.modifiedAt,
      }))
  }

  return {
    /**
     * Installs a package's labels for the activated languages (the
     * provisioning runner calls this as each package installs). The package
     * version is recorded once: a retry or a restart keeps it.
     */
    async installPackage(
      portal: StoredPortal,
      packageId: PackageId,
      activatedLanguages: readonly string[],
    ): Promise<void> {
      await store.update(portal.id, (doc) => {
        const version = doc.packages[packageId]?.version ?? catalogue.latest(packageId)
        doc.packages[packageId] = { version, installedAt: doc.packages[packageId]?.installedAt ?? now() }
        for (const language of activatedLanguages)
          if (shipped(language)) writeLabels(doc, packageId, version, language)
        return { ...doc, updatedAt: now() }
      })
    },

    /** A portal's translations: package versions, languages (activated, installed, shipped), what is missing. */
    async view(actor: Principal, portalId: string): Promise<TranslationsView> {
      const portal = await managed(actor, portalId)
      const p = await plan(portal)
      const languages = [...new Set([...p.activated, ...Object.keys(p.doc.languages)])]
      return {
        portalId: portal.id,
        packages: versionsOf(p.doc, p.packages),
        languages: languages.map((language) => {
          const labels = Object.values(p.doc.languages[language]?.labels ?? {})
          return {
            language,
            languageName: languageName(language),
            activated: p.activated.includes(language),
            installed: p.doc.languages[language] !== undefined,
            available: shipped(language),
            labelCount: labels.length,
            modifiedCount: labels.filter((l) => l.modifiedAt !== null).length,
          }
        }),
        missingLanguages: p.toInstall,
        updatedAt: p.doc.updatedAt,
      }
    },

    /** The labels installed in one language. */
    labels: labelsOf,

    /** A user's changes to installed labels: they are marked modified, and no update overwrites them. */
    async modifyLabels(
      actor: Principal,
      portalId: string,
      language: string,
      input: ModifyLabelsInput,
    ): Promise<LabelView[]> {
      const portal = await managed(actor, portalId)
      await store.update(portal.id, (doc) => {
        const lang = doc.languages[language]
        if (!lang) {
          throw notInstalled(language)
        }
        const unknown = Object.keys(input.labels).filter((k) => !lang.labels[k])
        if (unknown.length > 0) {
          throw new DomainError(
            'not_found',
            'label_not_found',
            `no installed label ${unknown.map((k) => JSON.stringify(k)).join(', ')} in ${language}`,
            `labels.${unknown[0]}`,
          )
        }
        const at = now()
        for (const [key, text] of Object.entries(input.labels)) {
          lang.labels[key] = { ...lang.labels[key]!, text, modifiedAt: at, modifiedBy: actor.id }
        }
        lang.updatedAt = at
        return { ...doc, updatedAt: at }
      })
      return labelsOf(actor, portalId, language)
    },

    /** The confirmation step: the question, what the update would do, and whether it may run. */
    async preview(actor: Principal, portalId: string): Promise<TranslationUpdatePreview> {
      const portal = await managed(actor, portalId)
      const p = await plan(portal)
      const packages = versionsOf(p.doc, p.packages)
      return {
        portalId: portal.id,
        question: UPDATE_QUESTION,
        blocked: await blockedBy(portal),
        languagesToInstall: p.toInstall,
        languagesToUpdate: p.toUpdate,
        packages,
        notices: [...notUpgraded(packages), ...unavailableNotices(p.unavailable)],
      }
    },

    /**
     * "Update": refused unless confirmed (`confirmation_required`) and while
     * any of the portal's solutions is installing (`solutions_installing`);
     * installs and refreshes the activated languages' labels in each
     * package's installed version; reports each rule it applied.
     */
    async update(
      actor: Principal,
      portalId: string,
      input: { confirm: boolean },
    ): Promise<TranslationUpdateResult> {
      const portal = await managed(actor, portalId)
      if (!input.confirm) {
        throw new DomainError(
          'invalid',
          'confirmation_required',
          `${UPDATE_QUESTION} Send {"confirm": true} to update.`,
          'confirm',
        )
      }
      const blocked = await blockedBy(portal)
      if (blocked) throw new DomainError('conflict', blocked.code, blocked.message)
      const p = await plan(portal)
      const outcomes = new Map<string, { written: number; kept: Set<string> }>()
      const doc = await store.update(portal.id, (d) => {
        for (const language of [...p.toInstall, ...p.toUpdate]) {
          const o = outcomes.get(language) ?? { written: 0, kept: new Set<string>() }
          for (const packageId of p.packages) {
            // The installed version, never the latest: an update is not an upgrade.
            const version = d.packages[packageId]?.version ?? catalogue.latest(packageId)
            d.packages[packageId] = { version, installedAt: d.packages[packageId]?.installedAt ?? now() }
            const r = writeLabels(d, packageId, version, language)
            o.written += r.written
            for (const k of r.kept) o.kept.add(k)
          }
          outcomes.set(language, o)
        }
        return { ...d, updatedAt: now() }
      })
      const packages = versionsOf(doc, p.packages)
      const keptNotices: TranslationNotice[] = [...outcomes]
        .filter(([, o]) => o.kept.size > 0)
        .map(([language, o]) => ({
          code: 'user_modified_labels_kept' as const,
          language,
          keys: [...o.kept].sort(),
          message: `${o.kept.size} label(s) in ${languageName(language)} were modified by a user and were not overwritten: ${[
            ...o.kept,
          ]
            .sort()
            .map((k) => `${k} ("${doc.languages[language]!.labels[k]!.text}")`)
            .join(', ')}`,
        }))
      return {
        portalId: portal.id,
        message: 'The portal solutions were updated with the latest metadata translations.',
        languages: [
          ...[...outcomes].map(([language, o]) => ({
            language,
            outcome: p.toInstall.includes(language) ? ('installed' as const) : ('updated' as const),
            labelsWritten: o.written,
            labelsKept: o.kept.size,
          })),
          ...p.unavailable.map((language) => ({
            language,
            outcome: 'not_available' as const,
            labelsWritten: 0,
            labelsKept: 0,
          })),
        ],
        packages,
        notices: [...notUpgraded(packages), ...keptNotices, ...unavailableNotices(p.unavailable)],
        updatedAt: doc.updatedAt!,
      }
    },

    /**
     * The site's own UI labels from the installed metadata: in `language`
     * when installed, else in `fallback` (the portal's default language, as
     * untranslated metadata shows in the language it was installed in), else
     * null (the built-in words).
     */
    async siteLabels(portalId: string, language: string, fallback?: string): Promise<SiteLabels | null> {
      const doc = await store.read(portalId)
      const lang = doc.languages[language] ?? (fallback ? doc.languages[fallback] : undefined)
      if (!lang) return null
      const out: SiteLabels = {}
      for (const [name, key] of Object.entries(SITE_LABEL_KEYS) as Array<[keyof SiteLabels, LabelKey]>) {
        const label = lang.labels[key]
        if (label) out[name] = label.text
      }
      return out
    },

    /**
     * For the portal checker: languages activated on the instance whose
     * labels are not installed (and could be), and those no resource ships.
     */
    async missingTranslations(
      portalId: string,
    ): Promise<{ activated: string[]; missing: string[]; unavailable: string[] }> {
      const p = await plan(await deps.getPortal(portalId))
      return { activated: p.activated, missing: p.toInstall, unavailable: p.unavailable }
    },
  }
}

/** The translation service's interface. */
export type TranslationService = ReturnType<typeof createTranslationService>
