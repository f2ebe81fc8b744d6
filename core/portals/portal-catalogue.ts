import {
  AUDIENCE_IDS,
  type AudienceId,
  PACKAGE_IDS,
  type PackageId,
  PORTAL_TYPE_IDS,
  type PortalTypeId,
  type SolutionId,
} from '../../schemas/index.ts'

export { AUDIENCE_IDS, PACKAGE_IDS, PORTAL_TYPE_IDS, type AudienceId, type PackageId, type PortalTypeId }

/** The portal types the admin centre offers, with the names it shows. */
export const PORTAL_TYPES = {
  customer_self_service: 'Customer Self-Service Portal',
  custom: 'Custom Portal',
  partner: 'Partner Portal',
  partner_project_service: 'Partner Project Service',
  partner_field_service: 'Partner Field Service',
  community: 'Community Portal',
  employee_self_service: 'Employee Self-Service Portal',
} as const satisfies Record<PortalTypeId, string>

/** Who a portal is for; each audience allows the portal types the seed lists, in its order. */
export const AUDIENCES = {
  partner: {
    name: 'Partner',
    portalTypes: [
      'customer_self_service',
      'custom',
      'partner',
      'partner_project_service',
      'partner_field_service',
      'community',
    ],
  },
  customer: { name: 'Customer', portalTypes: ['customer_self_service', 'custom', 'community'] },
  employee: { name: 'Employee', portalTypes: ['employee_self_service'] },
} as const satisfies Record<AudienceId, { name: string; portalTypes: readonly PortalTypeId[] }>

/** The five columns of the seed's feature table. */
export type FeatureColumn =
  | 'customer_self_service'
  | 'partner'
  | 'employee_self_service'
  | 'community'
  | 'custom'

/**
 * The seed's feature table, row by row: which portal options include each
 * feature. Partner Project Service and Partner Field Service are partner
 * portals and read the Partner column.
 */
export const FEATURE_MATRIX: ReadonlyArray<{ feature: string; in: readonly FeatureColumn[] }> = (() => {
  const all: FeatureColumn[] = [
    'customer_self_service',
    'partner',
    'employee_self_service',
    'community',
    'custom',
  ]
  const row = (feature: string, ...columns: FeatureColumn[]) => ({ feature, in: columns })
  return [
    row('World Ready', ...all),
    row('Multi-Language Support', ...all),
    row('Portal Administration', ...all),
    row('Customization and Extensibility', ...all),
    row('Theming', ...all),
    row('Content Management', 'customer_self_service', 'employee_self_service', 'community'),
    row('Knowledge Management', 'customer_self_service', 'partner', 'employee_self_service', 'community'),
    row('Support/Case Management', 'customer_self_service', 'employee_self_service', 'community'),
    row('Forums', 'customer_self_service', 'employee_self_service', 'community'),
    row('Faceted Search', 'customer_self_service', 'employee_self_service'),
    row('Profile Management', 'customer_self_service', 'employee_self_service'),
    row('Subscribe to Forum Thread', 'customer_self_service', 'employee_self_service'),
    row('Comments', 'customer_self_service', 'employee_self_service', 'community'),
    row('Azure AD Authentication', 'employee_self_service'),
    row('Ideas', 'community'),
    row('Blogs', 'community'),
    row('Project Service Automation Integration', 'partner'),
    row('Field Service Integration', 'partner'),
    row('Partner Onboarding', 'partner'),
    row('Portal Base', ...all),
    row('Portal Workflows', ...all),
    row('Web Notifications', ...all),
    row('Microsoft Identity', ...all),
    row('Identity Workflows', ...all),
    row('Web Forms', ...all),
    row('Feedback', ...all),
  ]
})()

/** The column of the feature table a portal type reads. */
export const featureColumnOf = (type: PortalTypeId): FeatureColumn =>
  type === 'partner_project_service' || type === 'partner_field_service' ? 'partner' : type

/** The features a portal type has, in the table's order. */
export const featuresOf = (type: PortalTypeId): string[] =>
  FEATURE_MATRIX.filter((r) => r.in.includes(featureColumnOf(type))).map((r) => r.feature)

/** Whether a portal type has a feature (by the table's name). */
export const hasFeature = (type: PortalTypeId, feature: string): boolean => featuresOf(type).includes(feature)

/** A solution package a portal installs, what it needs first, and which solutions the instance must have. */
export interface PortalPackage {
  id: PackageId
  name: string
  prerequisites: readonly PackageId[]
  requiresSolutions: readonly SolutionId[]
}

/**
 * Every package, in an order that respects prerequisites: the seven every
 * portal installs (Portal Base, Workflows, Web Notifications, Identity,
 * Identity Workflows, Web Forms, Feedback), then the ones a type adds.
 */
export const PACKAGES = [
  { id: 'portal_base', name: 'Portal Base', prerequisites: [], requiresSolutions: [] },
  { id: 'portal_workflows', name: 'Portal Workflows', prerequisites: ['portal_base'], requiresSolutions: [] },
  {
    id: 'web_notifications',
    name: 'Web Notifications',
    prerequisites: ['portal_base'],
    requiresSolutions: [],
  },
  { id: 'identity', name: 'Microsoft Identity', prerequisites: ['portal_base'], requiresSolutions: [] },
  {
    id: 'identity_workflows',
    name: 'Identity Workflows',
    prerequisites: ['identity', 'portal_workflows'],
    requiresSolutions: [],
  },
  { id: 'web_forms', name: 'Web Forms', prerequisites: ['portal_base'], requiresSolutions: [] },
  { id: 'feedback', name: 'Feedback', prerequisites: ['web_forms'], requiresSolutions: [] },
  {
    id: 'knowledge_management',
    name: 'Knowledge Management',
    prerequisites: ['portal_base', 'feedback'],
    requiresSolutions: [],
  },
  {
    id: 'case_management',
    name: 'Support/Case Management',
    prerequisites: ['identity', 'web_forms'],
    requiresSolutions: [],
  },
  { id: 'forums', name: 'Forums', prerequisites: ['identity', 'web_notifications'], requiresSolutions: [] },
  { id: 'blogs', name: 'Blogs', prerequisites: ['identity', 'feedback'], requiresSolutions: [] },
  { id: 'ideas', name: 'Ideas', prerequisites: ['identity', 'feedback'], requiresSolutions: [] },
  {
    id: 'azure_ad_authentication',
    name: 'Azure AD Authentication',
    prerequisites: ['identity'],
    requiresSolutions: [],
  },
  {
    id: 'partner_portal',
    name: 'Partner Portal',
    prerequisites: ['identity_workflows', 'web_forms'],
    requiresSolutions: [],
  },
  {
    id: 'partner_project_service',
    name: 'Partner Project Service',
    prerequisites: ['partner_portal'],
    requiresSolutions: ['project_service_automation'],
  },
  {
    id: 'partner_field_service',
    name: 'Partner Field Service',
    prerequisites: ['partner_portal'],
    requiresSolutions: ['field_service'],
  },
] as const satisfies ReadonlyArray<{
  id: PackageId
  name: string
  prerequisites: readonly PackageId[]
  requiresSolutions: readonly SolutionId[]
}>

/** A package by id. */
export const packageOf = (id: PackageId): PortalPackage => PACKAGES.find((p) => p.id === id)!

/** The seven packages every portal installs, in the seed's order. */
export const BASE_PACKAGES: readonly PackageId[] = [
  'portal_base',
  'portal_workflows',
  'web_notifications',
  'identity',
  'identity_workflows',
  'web_forms',
  'feedback',
]

/** Features whose content comes in a package of its own. */
const FEATURE_PACKAGES: Readonly<Record<string, PackageId>> = {
  'Knowledge Management': 'knowledge_management',
  'Support/Case Management': 'case_management',
  Forums: 'forums',
  Blogs: 'blogs',
  Ideas: 'ideas',
  'Azure AD Authentication': 'azure_ad_authentication',
  'Partner Onboarding': 'partner_portal',
}

/** Packages only one portal type installs, on top of its features' packages. */
const TYPE_PACKAGES: Partial<Record<PortalTypeId, readonly PackageId[]>> = {
  partner_project_service: ['partner_project_service'],
  partner_field_service: ['partner_field_service'],
}

/**
 * The packages a portal type installs, in prerequisite order: the seven base
 * packages first, then its own.
 *
 * @example
 * packagesFor('partner_field_service').map((p) => p.name)
 * // ['Portal Base', …, 'Feedback', 'Knowledge Management', 'Partner Portal', 'Partner Field Service']
 */
export function packagesFor(type: PortalTypeId): PortalPackage[] {
  const wanted = new Set<PackageId>(BASE_PACKAGES)
  for (const feature of featuresOf(type)) {
    const pkg = FEATURE_PACKAGES[feature]
    if (pkg) wanted.add(pkg)
  }
  for (const pkg of TYPE_PACKAGES[type] ?? []) wanted.add(pkg)
  return installOrder([...wanted])
}

/**
 * Orders packages so each comes after its prerequisites (those in the list),
 * keeping the catalogue's order otherwise. Throws on a cycle.
 */
export function installOrder(ids: readonly PackageId[]): PortalPackage[] {
  const wanted = new Set(ids)
  const out: PortalPackage[] = []
  const placed = new Set<PackageId>()
  const visiting = new Set<PackageId>()
  const visit = (id: PackageId) => {
    if (placed.has(id)) return
    if (visiting.has(id)) throw new Error(`package prerequisites form a cycle at ${id}`)
    visiting.add(id)
    for (const pre of packageOf(id).prerequisites) if (wanted.has(pre)) visit(pre)
    visiting.delete(id)
    placed.add(id)
    out.push(packageOf(id))
  }
  for (const id of PACKAGE_IDS) if (wanted.has(id)) visit(id)
  return out
}

/** Solutions a portal type needs on its instance (Partner Project Service, Partner Field Service). */
export const solutionsRequiredBy = (type: PortalTypeId): SolutionId[] => [
  ...new Set(packagesFor(type).flatMap((p) => [...p.requiresSolutions])),
]

/**
 * What a package lacks before it can install: prerequisite packages not yet
 * installed, and solutions the instance does not have.
 */
export function missingPrerequisites(
  pkg: PortalPackage,
  installed: ReadonlySet<PackageId>,
  solutions: readonly SolutionId[],
): { packages: PackageId[]; solutions: SolutionId[] } {
  return {
    packages: pkg.prerequisites.filter((p) => !installed.has(p)),
    solutions: pkg.requiresSolutions.filter((s) => !solutions.includes(s)),
  }
}
